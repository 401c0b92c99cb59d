// Names of the run's database snapshots, and PostgreSQL URLs for a database beside the server's.

/** Where test databases are copied from: tar files (PGlite) or template database names (PostgreSQL). */
export interface Templates {
  /** Migrated, empty tables. */
  migrated: string;
  /** Migrated, with the demo partnership loaded as at NOW. */
  demo: string;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

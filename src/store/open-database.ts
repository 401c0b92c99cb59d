// Opens the database named by DATABASE_URL: postgres.js for postgres://, PGlite for file://, memory:// or unset.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { withDataFolderLock } from "./data-folder-lock.ts";
import { OwnerOnlyNodeFS } from "./owner-only-fs.ts";
import { preparingClient } from "./preparing-client.ts";
import type * as schema from "./schema.ts";
import { seedDataFolder } from "./seed-data-folder.ts";

export type Schema = typeof schema;
/**
 * Typed with the schema, built without it: the schema only feeds drizzle's relational `db.query` API, which
 * Quorum does not use, and with it every transaction builds a query builder per table before its first
 * statement (about 20 µs each, on every command, job and delivery).
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs fn while holding a session-level advisory lock (a no-op on PGlite, which is single-process). */
  withLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  /**
   * PGlite only: calls fn on each NOTIFY on the channel, in process, as the notifying transaction commits
   * (before its caller's await returns). PostgreSQL leaves it out: its notifications arrive late on other
   * instances, so caches there check a version instead (directory-cache.ts).
   */
  listen?(channel: string, fn: () => void): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = ".quorum/data";

export interface OpenOptions {
  /** Called with every SQL statement drizzle sends and its parameters (benchmarks count and explain them). */
  onQuery?: (query: string, params: unknown[]) => void;
  /** Told when an existing PGlite folder had to be made owner-only. */
  logger?: { warn(fields: object, msg: string): void };
  /**
   * Where a new, empty PGlite folder is copied from (seed-data-folder.ts): the built seed unless given;
   * false always creates the database (building the seed itself).
   */
  seed?: string | false;
}

export async function openDatabase(url: string | undefined, opts: OpenOptions = {}): Promise<Database> {
  const logger = opts.onQuery
    ? { logQuery: (query: string, params: unknown[]) => opts.onQuery?.(query, params) }
    : undefined;
  if (url?.startsWith("postgres://") || url?.startsWith("postgresql://")) return openPostgres(url, logger);
  return withDataFolderLock(pgliteLocation(url), (dir) => openPglite(dir, logger, opts));
}

type QueryLogger = { logQuery(query: string, params: unknown[]): void } | undefined;

/** A cheap round trip for health checks: rejects when the database cannot answer (the caller adds a timeout). */
export async function pingDatabase(database: Database): Promise<void> {
  await database.db.execute(sql`select 1`);
}

/** undefined for in-memory, else a directory path. */
export function pgliteLocation(url: string | undefined): string | undefined {
  if (!url) return DEFAULT_DATA_DIR;
  if (url === "memory://" || url.startsWith("memory:")) return undefined;
  if (url.startsWith("file:")) return fileURLToPath(url);
  throw new Error(
    `DATABASE_URL must start with postgres://, file:// or memory:// (got a value of another form)`,
  );
}

async function openPglite(
  dir: string | undefined,
  logger: QueryLogger,
  opts: OpenOptions,
): Promise<Database> {
  if (dir) {
    ownerOnlyFromNowOn();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const seeded = opts.seed !== false && seedDataFolder(dir, opts.seed);
    const fixed = tightenTree(dir);
    // A seed copied just now is ours to tighten quietly; a warning is for a folder someone else loosened.
    if (fixed > 0 && !seeded)
      opts.logger?.warn(
        { dataDir: dir, fixed },
        `Made ${fixed} files and folders in the data folder owner-only (they were readable or writable by others)`,
      );
  }
  const client = await PGlite.create({
    ...(dir ? { fs: new OwnerOnlyNodeFS(dir) } : {}),
    extensions: { pg_trgm },
    startParams: PGLITE_START_PARAMS,
  });
  await client.waitReady;
  const db = drizzlePglite({ client, ...(logger ? { logger } : {}) }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    withLock: (_key, fn) => fn(),
    async listen(channel, fn) {
      await client.listen(channel, fn);
    },
    close: () => client.close(),
  };
}

/**
 * PGlite's default 128 MB of shared buffers is set up in WebAssembly memory at every open: it took
 * ~140 MB of the process's RSS and much of its start-up for a database of a few megabytes. 16 MB still
 * holds a large partnership's hot tables; what does not fit is read back through the OS page cache.
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

/**
 * The data folder holds people's names, emails and enquiries. PGlite creates its files itself, for as long
 * as it is open (WAL segments, new tables), so the process umask, not a chmod after the fact, is what keeps
 * them owner-only: group and other bits are removed from whatever the umask was.
 */
function ownerOnlyFromNowOn(): void {
  if (process.platform === "win32") return;
  const previous = process.umask(0o077);
  process.umask(previous | 0o077);
}

/** Removes group and other permissions throughout an existing folder; returns how many entries changed. */
export function tightenTree(dir: string): number {
  if (process.platform === "win32") return 0;
  let fixed = 0;
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return; // never follow a link out of the folder
    if ((stat.mode & 0o077) !== 0) {
      chmodSync(path, stat.mode & 0o700);
      fixed++;
    }
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return fixed;
}

/** The driver loads only for PostgreSQL: a PGlite start does not pay for it (~0.2 s of CPU). */
async function openPostgres(url: string, logger: QueryLogger): Promise<Database> {
  const [{ default: postgres }, { drizzle: drizzlePostgres }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
  ]);
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  const client = preparingClient(sql);
  const db = drizzlePostgres({ client, ...(logger ? { logger } : {}) }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    async withLock(key, fn) {
      const conn = await sql.reserve();
      try {
        await conn`select pg_advisory_lock(${key})`;
        return await fn();
      } finally {
        await conn`select pg_advisory_unlock(${key})`.catch(() => {});
        conn.release();
      }
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

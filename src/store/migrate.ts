// Applies db/migrations at start-up, under an advisory lock so concurrent instances never race (drizzle's migrator takes none).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { MIGRATIONS_FOLDER } from "./migrations-folder.ts";
import type { Database } from "./open-database.ts";

export { MIGRATIONS_FOLDER };

const MIGRATION_LOCK_KEY = 0x51_75_6f_72; // "Quor"

export async function runMigrations(database: Database): Promise<void> {
  // Almost every start finds the schema current: one read, no lock, no SQL files hashed. drizzle compares
  // the same way (the newest applied created_at against each migration's journal time).
  if (await schemaIsCurrent(database)) return;
  await database.withLock(MIGRATION_LOCK_KEY, async () => {
    // pg_trgm backs fuzzy FAQ search; on PostgreSQL it needs the contrib package, on PGlite it is bundled.
    await database.db.execute(sql`create extension if not exists pg_trgm`);
    // The migrators load only when there is something to apply: a current schema never pays for them.
    if (database.kind === "pglite") {
      const { migrate: migratePglite } = await import("drizzle-orm/pglite/migrator");
      await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    } else {
      const { migrate: migratePostgres } = await import("drizzle-orm/postgres-js/migrator");
      await migratePostgres(database.db as unknown as PostgresJsDatabase, {
        migrationsFolder: MIGRATIONS_FOLDER,
      });
    }
  });
}

/** True when the newest migration this build ships is already applied (or a newer one is). */
export async function schemaIsCurrent(database: Database): Promise<boolean> {
  const latest = latestMigrationTime();
  let result: unknown;
  try {
    result = await database.db.execute(sql`select max(created_at) as at from drizzle.__drizzle_migrations`);
  } catch {
    return false; // a fresh database: no migrations table yet
  }
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { at: unknown }[];
  const at = rows[0]?.at;
  return at !== null && at !== undefined && Number(at) >= latest;
}

function latestMigrationTime(): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((e) => e.when));
}

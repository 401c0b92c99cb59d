// Applies db/migrations at start-up, under an advisory lock so concurrent instances never race (drizzle's migrator takes none).
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { Database } from "./open-database.ts";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../db/migrations", import.meta.url));
const MIGRATION_LOCK_KEY = 0x51_75_6f_72; // "Quor"

export async function runMigrations(database: Database): Promise<void> {
  await database.withLock(MIGRATION_LOCK_KEY, async () => {
    // pg_trgm backs fuzzy FAQ search; on PostgreSQL it needs the contrib package, on PGlite it is bundled.
    await database.db.execute(sql`create extension if not exists pg_trgm`);
    if (database.kind === "pglite") {
      await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    } else {
      await migratePostgres(database.db as unknown as PostgresJsDatabase, {
        migrationsFolder: MIGRATIONS_FOLDER,
      });
    }
  });
}

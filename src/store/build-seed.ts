// Builds the seed data folder (seed-data-folder.ts) into dist/seed: run by npm run build after tsc.
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { LOCK_FILE } from "./data-folder-lock.ts";
import { runMigrations } from "./migrate.ts";
import { type Database, openDatabase } from "./open-database.ts";
import { currentManifest, MANIFEST, PGDATA, SEED_DIR } from "./seed-data-folder.ts";

/**
 * Leaves the seed one WAL segment holding little but a checkpoint: initdb and the migrations fill ~10 MB
 * of the first 16 MB segment, none of it needed once checkpointed. Switching to a new segment and
 * checkpointing again deletes the old one (wal_recycle off, so it is not kept under a future name), and
 * the new one is created sparse (wal_init_zero off): a hole but for its first pages, which the sparse
 * copy into a new data folder (sparse-copy.ts) keeps a hole.
 */
async function shrinkWal(database: Database): Promise<void> {
  await database.db.execute(sql`set wal_recycle = off`);
  await database.db.execute(sql`set wal_init_zero = off`);
  await database.db.execute(sql`checkpoint`);
  await database.db.execute(sql`select pg_switch_wal()`);
  await database.db.execute(sql`checkpoint`);
}

/**
 * Builds the seed into seedDir: a data folder created, migrated and closed by the same code Quorum opens it
 * with, written beside the old seed and swapped in whole, with its manifest, only once it is complete.
 */
export async function buildSeed(seedDir = SEED_DIR): Promise<void> {
  const building = `${seedDir}.building`;
  rmSync(building, { recursive: true, force: true });
  const pgdata = join(building, PGDATA);
  const database = await openDatabase(pathToFileURL(pgdata).href, { seed: false });
  try {
    await runMigrations(database);
    await shrinkWal(database);
  } finally {
    await database.close();
  }
  rmSync(join(pgdata, LOCK_FILE), { force: true });
  writeFileSync(join(building, MANIFEST), `${JSON.stringify(currentManifest(), null, 2)}\n`);
  rmSync(seedDir, { recursive: true, force: true });
  renameSync(building, seedDir);
}

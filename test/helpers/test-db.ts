// A fresh, migrated database, copied from the run's snapshot (see global-setup.ts): PGlite in memory by
// default, or a new PostgreSQL database created from a template beside DATABASE_URL (dropped on close).
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import postgres from "postgres";
import { inject } from "vitest";
import { type Database, type Db, openDatabase } from "../../src/store/open-database.ts";
import { withDatabase } from "./pg-url.ts";

export { withDatabase };

export const serverUrl = (): string | undefined => {
  const url = process.env.DATABASE_URL;
  return url?.startsWith("postgres") ? url : undefined;
};

export interface TestDatabase extends Database {
  /** A DATABASE_URL other processes can use for the same data (PostgreSQL only). */
  url: string | undefined;
}

export interface TestDatabaseOptions {
  /** Start with the demo partnership loaded as at NOW; without it the tables are empty. */
  demo?: boolean;
}

export async function openTestDatabase(opts: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const templates = inject("templates");
  const template = opts.demo ? templates.demo : templates.migrated;
  const server = serverUrl();
  return server ? openPostgresCopy(server, template) : openPgliteCopy(template);
}

/**
 * A fresh database for other processes (the CLI): on PostgreSQL a new database as above, on PGlite a
 * new data folder written from the snapshot. `url` is its DATABASE_URL; close() removes it.
 */
export async function openTestDatabaseUrl(
  opts: TestDatabaseOptions = {},
): Promise<{ url: string; close(): Promise<void> }> {
  if (serverUrl()) {
    const database = await openTestDatabase(opts);
    return { url: database.url ?? "", close: () => database.close() };
  }
  const templates = inject("templates");
  const dir = mkdtempSync(join(tmpdir(), "quorum-data-"));
  const dataDir = join(dir, "data");
  const client = await PGlite.create({
    dataDir,
    loadDataDir: snapshotBlob(opts.demo ? templates.demo : templates.migrated),
    extensions: { pg_trgm },
  });
  await client.close();
  return {
    url: pathToFileURL(dataDir).href,
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Each snapshot is read from disk once per worker. */
const blobs = new Map<string, Blob>();
function snapshotBlob(file: string): Blob {
  let blob = blobs.get(file);
  if (!blob) {
    blob = new Blob([readFileSync(file)]);
    blobs.set(file, blob);
  }
  return blob;
}

/**
 * Loading a snapshot is much faster than initdb plus migrations. A test database holds a few megabytes, so
 * 16 MB of shared buffers is plenty, and setting up the default 128 MB took most of the start-up time.
 */
const START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

async function openPgliteCopy(file: string): Promise<TestDatabase> {
  const client = await PGlite.create({
    loadDataDir: snapshotBlob(file),
    extensions: { pg_trgm },
    startParams: START_PARAMS,
  });
  const db = drizzle({ client }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    url: undefined,
    withLock: (_k, fn) => fn(),
    // As openDatabase's PGlite: the app's directory cache hears the triggers' notifications in process.
    async listen(channel, fn) {
      await client.listen(channel, fn);
    },
    close: () => client.close(),
  };
}

/** A copy of a template database: a file copy on the server, no migrations. */
async function openPostgresCopy(server: string, template: string): Promise<TestDatabase> {
  const name = `quorum_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${template}`);
  } catch (err) {
    await admin.end();
    throw err;
  }
  const url = withDatabase(server, name);
  const database = await openDatabase(url);
  return {
    ...database,
    url,
    async close() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

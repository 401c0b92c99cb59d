// Opens the database named by DATABASE_URL: postgres.js for postgres://, PGlite for file://, memory:// or unset.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { withDataFolderLock } from "./data-folder-lock.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs fn while holding a session-level advisory lock (a no-op on PGlite, which is single-process). */
  withLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = ".quorum/data";

export interface OpenOptions {
  /** Called with every SQL statement drizzle sends (benchmarks count queries with it). */
  onQuery?: (query: string) => void;
}

export async function openDatabase(url: string | undefined, opts: OpenOptions = {}): Promise<Database> {
  const logger = opts.onQuery ? { logQuery: (query: string) => opts.onQuery?.(query) } : undefined;
  if (url?.startsWith("postgres://") || url?.startsWith("postgresql://")) return openPostgres(url, logger);
  return withDataFolderLock(pgliteLocation(url), (dir) => openPglite(dir, logger));
}

type QueryLogger = { logQuery(query: string): void } | undefined;

/** undefined for in-memory, else a directory path. */
export function pgliteLocation(url: string | undefined): string | undefined {
  if (!url) return DEFAULT_DATA_DIR;
  if (url === "memory://" || url.startsWith("memory:")) return undefined;
  if (url.startsWith("file:")) return fileURLToPath(url);
  throw new Error(
    `DATABASE_URL must start with postgres://, file:// or memory:// (got a value of another form)`,
  );
}

async function openPglite(dir: string | undefined, logger: QueryLogger): Promise<Database> {
  if (dir) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create({ ...(dir ? { dataDir: dir } : {}), extensions: { pg_trgm } });
  await client.waitReady;
  const db = drizzlePglite({ client, schema, ...(logger ? { logger } : {}) }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    withLock: (_key, fn) => fn(),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, logger: QueryLogger): Promise<Database> {
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzlePostgres({ client: sql, schema, ...(logger ? { logger } : {}) }) as unknown as Db;
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

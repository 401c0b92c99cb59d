// A fresh, migrated database per test file: PGlite in memory by default, or a new PostgreSQL database
// created beside DATABASE_URL (and dropped afterwards) when it points at a server.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle } from "drizzle-orm/pglite";
import postgres from "postgres";
import { inject } from "vitest";
import { runMigrations } from "../../src/store/migrate.ts";
import { type Database, openDatabase } from "../../src/store/open-database.ts";
import * as schema from "../../src/store/schema.ts";

export const serverUrl = (): string | undefined => {
  const url = process.env.DATABASE_URL;
  return url?.startsWith("postgres") ? url : undefined;
};

export interface TestDatabase extends Database {
  /** A DATABASE_URL other processes can use for the same data (PostgreSQL only). */
  url: string | undefined;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const server = serverUrl();
  if (!server) return openPgliteFromTemplate();
  const name = `quorum_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(server, name);
  const database = await openDatabase(url);
  await runMigrations(database);
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

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Loading a migrated snapshot is much faster than a fresh initdb plus migrations in every file. */
async function openPgliteFromTemplate(): Promise<TestDatabase> {
  const file = inject("pgliteTemplate");
  const client = await PGlite.create({
    loadDataDir: new Blob([readFileSync(file)]),
    extensions: { pg_trgm },
  });
  const db = drizzle({ client, schema }) as unknown as PgDatabase<PgQueryResultHKT, typeof schema>;
  return { db, kind: "pglite", url: undefined, withLock: (_k, fn) => fn(), close: () => client.close() };
}

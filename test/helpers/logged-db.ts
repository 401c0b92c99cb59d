// A second drizzle over a test database's own connection that writes down every statement it sends: for
// tests that count or inspect statements (one read however many recipients, one prepared text).
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import type { Db } from "../../src/store/open-database.ts";
import type { TestDatabase } from "./test-db.ts";

export function loggedDb(database: TestDatabase, sent: string[]): Db {
  const client = (database.db as unknown as { $client: unknown }).$client;
  const logger = { logQuery: (query: string) => sent.push(query) };
  return (database.kind === "postgres"
    ? drizzlePostgres({ client: client as Sql, logger })
    : drizzlePglite({ client: client as PGlite, logger })) as unknown as Db;
}

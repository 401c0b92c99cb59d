// Shared SQL helpers of FAQ search: one row shape for both drivers, quoting, and prepared statements.
import { entityKind, type SQL, type TablesRelationalConfig } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { PostgresJsSession } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import type { Db } from "../open-database.ts";

/** postgres.js returns an array, PGlite an object with rows: one shape for both drivers. */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

const dialect = new PgDialect();

/**
 * Rows of a statement whose text never changes, prepared once per connection on PostgreSQL: drizzle's
 * execute sends every statement unnamed, so PostgreSQL parsed and planned the search's statements at
 * each search and postgres.js waited for a describe round trip before running each. PGlite runs
 * in-process, with nothing to gain from naming a statement: drizzle sends it as before.
 */
export async function preparedRows<T>(db: Db, query: SQL): Promise<T[]> {
  const session = db._.session;
  if (!isPostgresJsSession(session)) return rowsOf<T>(db, query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  // Logged as drizzle logs its own statements, so the benches still count and explain every one.
  session.logger.logQuery(text, params);
  return [...(await session.client.unsafe(text, params as never[], { prepare: true }))] as T[];
}

/**
 * drizzle's is(session, PostgresJsSession) by the class's entity kind, without importing the class:
 * drizzle-orm/postgres-js imports the postgres driver, which a PGlite process would otherwise load (and
 * compile) at start-up only to learn that it is not in use.
 */
function isPostgresJsSession(
  session: unknown,
): session is PostgresJsSession<Sql, Record<string, unknown>, TablesRelationalConfig> {
  if (!session || typeof session !== "object") return false;
  for (let cls = session.constructor; cls; cls = Object.getPrototypeOf(cls)) {
    if ((cls as { [entityKind]?: string })[entityKind] === "PostgresJsSession") return true;
  }
  return false;
}

/** A tsquery of already-stemmed lexemes, quoted so that no lexeme is parsed again or read as an operator. */
export const lexemeQuery = (lexemes: string[]) =>
  lexemes.map((x) => `'${x.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`).join(" | ");

/** A list as one JSON parameter: the statement's text stays the same whatever the list's length. */
export const jsonList = (values: unknown[]) => JSON.stringify(values);

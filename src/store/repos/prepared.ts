// Statements prepared once per connection on PostgreSQL, sent as before on PGlite: for the hottest queries.
import { entityKind, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "../open-database.ts";

/**
 * The name to give drizzle's `.prepare()` for a query-builder statement. postgres.js names its prepared
 * statements itself, one per distinct statement text and connection, so any name only switches preparing
 * on; PGlite ignores it. Unprepared, PostgreSQL parsed and planned the statement at every run, and
 * postgres.js waited for a describe round trip before running it. Since preparing-client.ts, every
 * statement of up to MAX_PREPARED_PARAMS parameters is prepared anyway; naming one still prepares it
 * past that bound, and says which statements were meant to be.
 */
export const PREPARED = "quorum";

/** postgres.js returns an array, PGlite an object with rows: one shape for both drivers. */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

const dialect = new PgDialect();

/** What preparedRows needs of a postgres.js session (drizzle-orm/postgres-js's PostgresJsSession). */
interface PostgresJsSessionLike {
  client: { unsafe(text: string, params: unknown[], opts: { prepare: boolean }): Promise<Iterable<unknown>> };
  logger: { logQuery(text: string, params: unknown[]): void };
}

/**
 * Told apart by drizzle's entity kind, not `is(session, PostgresJsSession)`: importing that class loads
 * drizzle's postgres-js module and with it the postgres driver, which a PGlite start (the CLI) must not pay
 * for (open-database.ts loads it only for PostgreSQL). A transaction's session is of the same kind.
 */
export const onPostgresJs = (session: unknown): session is PostgresJsSessionLike =>
  (session as { constructor?: { [entityKind]?: string } } | null)?.constructor?.[entityKind] ===
  "PostgresJsSession";

/**
 * Rows of a raw SQL statement, prepared on PostgreSQL (see PREPARED); on PGlite, which runs in process with
 * nothing to gain from naming a statement, drizzle sends it as before. The text should not depend on the
 * values (pass them as parameters), or each variant is prepared and kept on every connection.
 */
export async function preparedRows<T>(db: Db, query: SQL): Promise<T[]> {
  const session: unknown = db._.session;
  if (!onPostgresJs(session)) return rowsOf<T>(db, query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  // Logged as drizzle logs its own statements, so the benches still count and explain every one.
  session.logger.logQuery(text, params);
  return [...(await session.client.unsafe(text, params, { prepare: true }))] as T[];
}

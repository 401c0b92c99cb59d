// Statements built once per shape from drizzle placeholders, then run with each call's values.
import { type Placeholder, type Query, sql } from "drizzle-orm";
import type { PgSession } from "drizzle-orm/pg-core";
import type { Db } from "../open-database.ts";
import { PREPARED } from "./prepared.ts";

/**
 * Placeholders and the values they stand for, named in one place: a statement is built from the
 * placeholders on its shape's first use, and every run binds the values.
 */
export function binder() {
  const values: Record<string, unknown> = {};
  const bind = (name: string, value: unknown): Placeholder => {
    values[name] = value;
    return sql.placeholder(name);
  };
  return { bind, values };
}

/**
 * Statements by shape (what a statement's text depends on: how many values a list has, which conditions
 * are present), with their values left as placeholders. Each module keeps its own, of a handful each.
 */
export type BuiltStatements = Map<string, Query>;

/**
 * Runs a statement, built on its shape's first use: drizzle turns SQL into text at every run (0.1 to 0.3
 * ms for the action view, tens of µs and several kB of garbage for smaller ones), so the text is kept and
 * the transaction's session runs it with this call's values. Prepared on PostgreSQL (PREPARED). Rows come
 * back as arrays of the columns in select order, which `map` names and decodes.
 */
export function runBuilt<T>(
  db: Db,
  built: BuiltStatements,
  shape: string,
  build: () => Query,
  values: Record<string, unknown>,
  map: (row: unknown[]) => T,
): Promise<T[]> {
  let query = built.get(shape);
  if (!query) {
    query = build();
    built.set(shape, query);
  }
  const session = db._.session as unknown as PgSession;
  return session
    .prepareQuery<{ execute: T[]; all: unknown; values: unknown }>(query, undefined, PREPARED, true, (rows) =>
      rows.map((row) => map(row as unknown[])),
    )
    .execute(values);
}

// Lone bookkeeping statements (rate counts, the replay ledger) commit without waiting for the disk flush.
import { sql } from "drizzle-orm";

/**
 * A FROM item that sets synchronous_commit off for the statement's own (implicit) transaction only, so its
 * COMMIT returns without waiting for the WAL flush and releases its row locks at once. Without it, every
 * hit on a shared counter row (a partnership's command count) held the row through an fsync, and a burst
 * of commands queued behind one flush after another. Use it only in a statement run on its own
 * (Store.autocommit): inside a command's transaction it would relax that transaction's commit too.
 *
 * What a crash can cost is the last fraction of a second of these rows, never a torn one: a lost count
 * lets a flood through slightly sooner, and a lost claim only with everything after it, since the WAL is
 * flushed in order and any later durable commit (the claimed command's own writes) flushes the claim too.
 */
export const UNFLUSHED = sql`(select set_config('synchronous_commit', 'off', true)) as unflushed`;

/** Rows from db.execute: postgres.js returns an array, PGlite an object with rows. */
export const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);

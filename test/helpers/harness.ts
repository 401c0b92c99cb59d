// Runs commands through the real core and store as a shell user, at a fixed time, on a test database.
import { count } from "drizzle-orm";
import type { AnyPgTable } from "drizzle-orm/pg-core";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import type { Card } from "../../src/core/card.ts";
import type { Clock } from "../../src/core/ports.ts";
import { createQuorum, type Quorum } from "../../src/core/quorum.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { loadDemo } from "../../src/demo/load-demo.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { openTestDatabase, type TestDatabase } from "./test-db.ts";

/** Monday 23 November 2026, 09:30 London (GMT). */
export const NOW = new Date("2026-11-23T09:30:00Z");

export interface Harness {
  database: TestDatabase;
  quorum: Quorum;
  clock: Clock & { set(d: Date): void };
  say(user: string, text: string): Promise<Card>;
  text(user: string, text: string): Promise<string>;
  unexpected: unknown[];
  close(): Promise<void>;
}

export async function openHarness(opts: { demo?: boolean } = {}): Promise<Harness> {
  const database = await openTestDatabase();
  let now = NOW;
  const clock = { now: () => now, set: (d: Date) => (now = d) };
  const store = createStore(database.db);
  const unexpected: unknown[] = [];
  const quorum = createQuorum({ store, clock, onUnexpected: (err) => unexpected.push(err) });
  if (opts.demo !== false) await loadDemo(store, clock);
  const say = (user: string, text: string) => quorum.handle(shellEvent(user, text));
  return {
    database,
    quorum,
    clock,
    say,
    text: async (user, text) => cardToText(await say(user, text)),
    unexpected,
    close: () => database.close(),
  };
}

/** Row count of a table, the same way on both drivers. */
export async function countRows(h: Harness, table: AnyPgTable): Promise<number> {
  const [row] = await h.database.db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

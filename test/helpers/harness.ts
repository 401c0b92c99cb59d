// Runs commands through the real core and store as a shell user, at a fixed time, on a test database.
//
// How a test gets a fresh database: every test file starts with
//     const h = useHarness();          // or useSlackHarness() / useTeamsHarness() in test/slack, test/teams
// which opens a new harness, on a new database, before each test and closes it after. The database is a
// copy of a snapshot built once per run by global-setup.ts (migrated, with the demo partnership loaded as
// at NOW): on PGlite a data-directory dump loaded into a new in-memory instance, on PostgreSQL a
// `create database ... template quorum_tpl_<run>_demo`. So no test sees another's writes, and the files
// pass alone and shuffled (`npx vitest run <file> --sequence.shuffle`). A test that needs more than the
// demo sets it up itself, at its start or in a `beforeEach` after `useHarness()`.
// `useHarness({ demo: false })` starts from empty tables; `useHarness({ scope: "describe" })` shares one
// harness across a describe block, only for blocks whose tests cannot affect each other (say so there).
// `openHarness()` / `openTestDatabase()` remain for a test that manages its own lifetime, and
// `useFresh(() => openTestDatabaseUrl())` gives each test a DATABASE_URL for other processes (test/cli.test.ts).
import { count } from "drizzle-orm";
import type { AnyPgTable } from "drizzle-orm/pg-core";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import type { Card } from "../../src/core/card.ts";
import type { Clock } from "../../src/core/ports.ts";
import { createQuorum, type Quorum } from "../../src/core/quorum.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { NOW } from "./demo-clock.ts";
import { type FreshScope, useFresh } from "./fresh.ts";
import { openTestDatabase, type TestDatabase } from "./test-db.ts";

export { NOW };

export interface Harness {
  database: TestDatabase;
  quorum: Quorum;
  clock: Clock & { set(d: Date): void };
  say(user: string, text: string): Promise<Card>;
  text(user: string, text: string): Promise<string>;
  unexpected: unknown[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Load the demo partnership (default true): it comes from the run's snapshot, as at NOW. */
  demo?: boolean;
}

export async function openHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const database = await openTestDatabase({ demo: opts.demo !== false });
  let now = NOW;
  const clock = { now: () => now, set: (d: Date) => (now = d) };
  const store = createStore(database.db);
  const unexpected: unknown[] = [];
  const quorum = createQuorum({ store, clock, onUnexpected: (err) => unexpected.push(err) });
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

/** A fresh harness for each test (see the top of this file); the returned `h` always means this test's. */
export function useHarness(opts: HarnessOptions & { scope?: FreshScope } = {}): Harness {
  return useFresh(() => openHarness(opts), opts.scope);
}

/** Row count of a table, the same way on both drivers. */
export async function countRows(h: Harness, table: AnyPgTable): Promise<number> {
  const [row] = await h.database.db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

// Command round trip: "actions overdue" through the whole core (parse, transaction, identity, query,
// card) beside the floor of the one SQL query it needs, on PGlite and on PostgreSQL.
import { shellEvent } from "../src/adapters/shell/shell-adapter.ts";
import { createQuorum } from "../src/core/quorum.ts";
import { loadDemo } from "../src/demo/load-demo.ts";
import { cachedStore } from "../src/store/drizzle-store.ts";
import { runMigrations } from "../src/store/migrate.ts";
import type { Database } from "../src/store/open-database.ts";
import { onEachDatabase } from "./scratch-postgres.ts";
import { measureByTurns, printComparison, sized } from "./stats.ts";

const N = 400;
/** Untimed turns of each first, so both are timed on code V8 has compiled, not on the interpreter. */
const WARMUP = 100;
const EXTRA_ACTIONS = sized(2000, 100);

async function benchOn(label: string, database: Database): Promise<void> {
  await runMigrations(database);
  // Built as the app builds it: its directory cache answers the per-event look-ups.
  const { store } = cachedStore(database);
  const clock = { now: () => new Date() };
  await loadDemo(store, clock);
  const quorum = createQuorum({ store, clock });
  // A realistic log: a couple of thousand actions, most closed.
  for (let i = 0; i < EXTRA_ACTIONS; i += 100) {
    await Promise.all(
      Array.from({ length: 100 }, (_, j) =>
        quorum.handle(
          shellEvent(
            "jo",
            `action add "Bench action ${i + j}" due:${j % 3 === 0 ? "1/1/2026" : "31/12/2027"}`,
          ),
        ),
      ),
    );
  }
  // By turns, so the machine's drift over the run falls on both alike (stats.ts).
  const [core, floor] = await measureByTurns(
    N,
    [
      () => quorum.handle(shellEvent("jo", "actions overdue")),
      () =>
        store.transaction((r) =>
          r.actions.list(1, { statuses: ["open"], dueBefore: "2026-11-23", limit: 25 }),
        ),
    ],
    WARMUP,
  );
  printComparison(`${label}: actions overdue via core`, core, floor, "query only");
}

export const run = (): Promise<void> => onEachDatabase(benchOn);

// Command round trip: "actions overdue" through the whole compiled core (parse, transaction, identity,
// query, card) beside the floor of the one SQL query it needs, on PGlite and on PostgreSQL.
import type * as ShellAdapter from "../src/adapters/shell/shell-adapter.ts";
import type * as ActionLists from "../src/core/commands/action-list-commands.ts";
import type * as Core from "../src/core/quorum.ts";
import type * as Demo from "../src/demo/load-demo.ts";
import type * as Stores from "../src/store/drizzle-store.ts";
import type * as Migrate from "../src/store/migrate.ts";
import type { Database } from "../src/store/open-database.ts";
import { compiled } from "./compiled.ts";
import { onEachDatabase } from "./scratch-postgres.ts";
import { measureByTurns, printComparison, sized } from "./stats.ts";

// Quorum as production runs it, compiled (compiled.ts).
const { shellEvent } = await compiled<typeof ShellAdapter>("adapters/shell/shell-adapter");
const { LIST_LIMIT } = await compiled<typeof ActionLists>("core/commands/action-list-commands");
const { createQuorum } = await compiled<typeof Core>("core/quorum");
const { loadDemo } = await compiled<typeof Demo>("demo/load-demo");
const { cachedStore } = await compiled<typeof Stores>("store/drizzle-store");
const { runMigrations } = await compiled<typeof Migrate>("store/migrate");

const N = 400;
/** Untimed turns of each first, so both are timed on code V8 has compiled, not on the interpreter. */
const WARMUP = 100;
const EXTRA_ACTIONS = sized(2000, 100);
/** One extra action in this many is overdue: a few dozen, as a busy partnership has, all on one page. */
const OVERDUE_EVERY = 50;
/**
 * A fixed "now", as the other benches have: with the real clock the dates below drifted into the past,
 * the floor's date stopped matching the core's, and the two read different rows.
 */
const NOW = new Date("2026-11-23T09:30:00Z");
const TODAY = "2026-11-23";

async function benchOn(label: string, database: Database): Promise<void> {
  await runMigrations(database);
  // Built as the app builds it: its directory cache answers the per-event look-ups.
  const { store } = cachedStore(database);
  const clock = { now: () => NOW };
  await loadDemo(store, clock);
  const quorum = createQuorum({ store, clock });
  // A realistic log: a couple of thousand open actions, a few dozen of them overdue. A past due date
  // needs --past in the shell, or the command asks to confirm it and adds nothing.
  for (let i = 0; i < EXTRA_ACTIONS; i += 100) {
    const added = await Promise.all(
      Array.from({ length: 100 }, (_, j) =>
        quorum.handle(
          shellEvent(
            "jo",
            (i + j) % OVERDUE_EVERY === 0
              ? `action add "Bench action ${i + j}" due:2/11/2026 --past`
              : `action add "Bench action ${i + j}" due:31/12/2027`,
          ),
        ),
      ),
    );
    const refused = added.find((card) => !/^A-\d+ added/.test(card.title));
    if (refused) throw new Error(`the bench's log was not built: ${refused.title}`);
  }
  // The floor is the very query the command runs: its statuses, its day, its page.
  const floorQuery = () =>
    store.transaction((r) =>
      r.actions.list(1, { statuses: ["open"], dueBefore: TODAY, limit: LIST_LIMIT, offset: 0 }),
    );
  const card = await quorum.handle(shellEvent("jo", "actions overdue"));
  const rows = (await floorQuery()).length;
  console.log(`${label}: "${card.title}"; the floor's query returns ${rows} rows`);
  // By turns, so the machine's drift over the run falls on both alike (stats.ts).
  const [core, floor] = await measureByTurns(
    N,
    [() => quorum.handle(shellEvent("jo", "actions overdue")), floorQuery],
    WARMUP,
  );
  printComparison(`${label}: actions overdue via core`, core, floor, "query only");
}

export const run = (): Promise<void> => onEachDatabase(benchOn);

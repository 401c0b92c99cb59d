// meeting list across five years for 200 series (issue 12): the whole command through the core (parse,
// transaction, load, expand with working-day rules, card) beside the floor of the bare RRULE expansion of
// the same 200 rules, on PGlite and on PostgreSQL.
import { shellEvent } from "../src/adapters/shell/shell-adapter.ts";
import { createQuorum } from "../src/core/quorum.ts";
import { occurrencesBetween, parseRepeat } from "../src/core/time/recurrence.ts";
import { wallToInstant } from "../src/core/time/zone.ts";
import { loadDemo } from "../src/demo/load-demo.ts";
import { createStore } from "../src/store/drizzle-store.ts";
import { runMigrations } from "../src/store/migrate.ts";
import type { Database } from "../src/store/open-database.ts";
import { onEachDatabase } from "./scratch-postgres.ts";
import { measure, printComparison, sized } from "./stats.ts";

const N = 20;
const SERIES = sized(200, 5);
const ZONE = "Europe/London";
const PHRASES = [
  "second Thursday of every month",
  "first Tuesday of March and September",
  "last Wednesday of every quarter",
  "every other Tuesday",
  "every 6 weeks on Monday",
  "annually on 1 April",
  "every quarter",
  "monthly",
];

const seriesOf = (i: number) => ({
  rrule: parseRepeat(PHRASES[i % PHRASES.length] ?? "monthly"),
  startsAt: wallToInstant(
    { year: 2026, month: 1 + (i % 12), day: 1 + (i % 28), hour: 9 + (i % 8), minute: 0 },
    ZONE,
  ),
  cancelledDates: [],
});

async function benchOn(label: string, database: Database): Promise<void> {
  await runMigrations(database);
  const store = createStore(database.db);
  const clock = { now: () => new Date("2026-11-23T09:30:00Z") };
  await loadDemo(store, clock);
  await store.transaction(async (r) => {
    const [p] = await r.partnerships.list();
    const groups = await r.groups.list(p?.id ?? 1);
    for (let i = 0; i < SERIES - 5; i++) {
      await r.meetings.insert({
        partnershipId: p?.id ?? 1,
        groupId: groups[i % groups.length]?.id ?? 1,
        title: `Bench board ${i}`,
        durationMinutes: 120,
        place: null,
        papersDaysBefore: 5,
        adjust: i % 2 ? "next" : null,
        createdBy: null,
        ...seriesOf(i),
      });
    }
  });
  const quorum = createQuorum({ store, clock });
  const core = await measure(N, () => quorum.handle(shellEvent("jo", "meeting list months:60")), 5);
  const from = clock.now();
  const to = new Date(from.getTime() + 60 * 31 * 86_400_000);
  const series = Array.from({ length: SERIES }, (_, i) => seriesOf(i));
  const floor = await measure(N, async () => series.flatMap((s) => occurrencesBetween(s, ZONE, from, to)), 5);
  printComparison(`${label}: meeting list months:60, ${SERIES} series`, core, floor, "bare RRULE expansion");
}

export const run = (): Promise<void> => onEachDatabase(benchOn);

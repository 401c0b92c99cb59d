// The .ics feed for a group with 10 series over 3 years (issue 10): what GET /calendar/<token>.ics does
// (load in a transaction, work out moves and papers deadlines, write the .ics with its VTIMEZONE) beside
// the same without writing the file, on PGlite and on PostgreSQL.
import { calendarFeed } from "../src/core/meetings/calendar.ts";
import { feedForGroup } from "../src/core/meetings/calendar-links.ts";
import { parseRepeat } from "../src/core/time/recurrence.ts";
import { wallToInstant } from "../src/core/time/zone.ts";
import { loadDemo } from "../src/demo/load-demo.ts";
import { icsForGroup } from "../src/server/calendar-routes.ts";
import { createStore } from "../src/store/drizzle-store.ts";
import { runMigrations } from "../src/store/migrate.ts";
import type { Database } from "../src/store/open-database.ts";
import { onEachDatabase } from "./scratch-postgres.ts";
import { measure, printComparison, sized } from "./stats.ts";

const N = sized(30, 2);
const SERIES = 10;
const ZONE = "Europe/London";
const PHRASES = ["every Monday", "second Thursday of every month", "every other Tuesday", "every quarter"];

async function benchOn(label: string, database: Database): Promise<void> {
  await runMigrations(database);
  const store = createStore(database.db);
  const now = new Date("2026-11-23T09:30:00Z");
  await loadDemo(store, { now: () => now });
  const ids = await store.transaction(async (r) => {
    const [p] = await r.partnerships.list();
    const pid = p?.id ?? 1;
    const group = await r.groups.create({ partnershipId: pid, slug: "bench", name: "Bench board" });
    for (let i = 0; i < SERIES; i++) {
      const rule = parseRepeat(PHRASES[i % PHRASES.length] ?? "monthly");
      // Each series runs three years, with a few cancelled and moved dates and, for half, holiday shifts.
      const until = `${rule};UNTIL=20291231T000000Z`;
      await r.meetings.insert({
        partnershipId: pid,
        groupId: group.id,
        title: `Bench series ${i}`,
        startsAt: wallToInstant({ year: 2027, month: 1, day: 4 + i, hour: 9 + (i % 6), minute: 30 }, ZONE),
        durationMinutes: 90,
        place: "County Hall",
        rrule: until,
        papersDaysBefore: 5,
        adjust: i % 2 ? "next" : null,
        cancelledDates: [`2027-0${1 + (i % 9)}-1${i % 10}`],
        moves: {},
        createdBy: null,
      });
    }
    return { partnershipId: pid, groupId: group.id };
  });
  let bytes = 0;
  const feed = await measure(N, async () => {
    const ics = await icsForGroup(store, ids, now);
    bytes = ics?.length ?? 0;
  });
  const data = await measure(N, async () => {
    const s = await store.transaction((r) => feedForGroup(r, ids.partnershipId, ids.groupId));
    if (s) calendarFeed(s.partnership, s.group, s.meetings, now);
  });
  printComparison(`${label}: .ics, ${SERIES} series × 3 years`, feed, data, "feed data only");
  console.log(`${label}: the .ics is ${(bytes / 1024).toFixed(1)} KiB`);
}

export const run = (): Promise<void> => onEachDatabase(benchOn);

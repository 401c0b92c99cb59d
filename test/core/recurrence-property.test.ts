// The recurrence reader against an independent RRULE engine: for generated board phrases and start times,
// Quorum's occurrences (rrule.js in floating time, placed in Europe/London by luxon) must equal ical.js's
// (its own recurrence iterator and its own VTIMEZONE arithmetic), across both clock changes each year.
import fc from "fast-check";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  describeRepeat,
  firstOccurrence,
  occurrencesBetween,
  parseRepeat,
} from "../../src/core/time/recurrence.ts";
import { wallToInstant } from "../../src/core/time/zone.ts";

const ZONE = "Europe/London";
// Europe/London as a calendar file writes it: BST from 01:00 UTC on the last Sunday of March to 01:00 UTC
// on the last Sunday of October. ical.js turns wall times into instants with this, not with luxon.
const VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/London",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0000",
  "TZOFFSETTO:+0100",
  "TZNAME:BST",
  "DTSTART:19810329T010000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0000",
  "TZNAME:GMT",
  "DTSTART:19961027T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");
const london = new ICAL.Timezone(new ICAL.Component(ICAL.parse(VTIMEZONE)));

/** Occurrences by ical.js from the same DTSTART wall time, up to `to`. */
function icalOccurrences(rule: string, start: Date, to: Date): Date[] {
  const wall = new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(start);
  const part = (t: string) => Number(wall.find((p) => p.type === t)?.value);
  const dtstart = ICAL.Time.fromData(
    {
      year: part("year"),
      month: part("month"),
      day: part("day"),
      hour: part("hour"),
      minute: part("minute"),
    },
    london,
  );
  const it = ICAL.Recur.fromString(rule).iterator(dtstart);
  const out: Date[] = [];
  for (let next = it.next(); next && out.length < 500; next = it.next()) {
    const at = next.toJSDate();
    if (at > to) break;
    out.push(at);
  }
  return out;
}

const ORDINALS = ["first", "second", "third", "fourth", "last"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const joinAnd = (l: string[]) =>
  l.length < 2 ? (l[0] ?? "") : `${l.slice(0, -1).join(", ")} and ${l.at(-1)}`;

const phrase = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...ORDINALS),
      fc.constantFrom(...DAYS),
      fc.constantFrom("month", "other month", "quarter", "6 months"),
    )
    .map(([n, d, span]) => `${n} ${d} of every ${span}`),
  fc
    .tuple(
      fc.constantFrom(...ORDINALS),
      fc.constantFrom(...DAYS),
      fc.uniqueArray(fc.constantFrom(...MONTHS), { minLength: 1, maxLength: 4 }),
    )
    .map(([n, d, months]) => `${n} ${d} of ${joinAnd(months)}`),
  fc.constantFrom(...DAYS).map((d) => `every other ${d}`),
  fc
    .tuple(
      fc.integer({ min: 1, max: 12 }),
      fc.uniqueArray(fc.constantFrom(...DAYS), { minLength: 1, maxLength: 2 }),
    )
    .map(([n, days]) => `every ${n} weeks on ${joinAnd(days)}`),
  fc
    .tuple(fc.integer({ min: 1, max: 28 }), fc.constantFrom(...MONTHS))
    .map(([d, m]) => `annually on ${d} ${m}`),
  fc.constantFrom("every quarter", "monthly", "every March and September", "fortnightly", "every 2 months"),
);
// Starts through 2026–2028, at board hours (07:00–20:45) so no start sits in the hour the clocks skip.
const start = fc
  .record({
    day: fc.integer({ min: 0, max: 3 * 365 }),
    hour: fc.integer({ min: 7, max: 20 }),
    minute: fc.constantFrom(0, 15, 30, 45),
  })
  .map(({ day, hour, minute }) => {
    const d = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000);
    // Days 29–31: RFC 5545 (and rrule) skip a month without that day; ical.js rolls over into the next
    // month instead (31 Jul "every March and September" gives 1 Oct), so the two cannot be compared there.
    if (d.getUTCDate() > 28) d.setUTCDate(28);
    return wallToInstant(
      { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute },
      ZONE,
    );
  });

describe("recurrence against ical.js", () => {
  it("gives the same occurrences for generated phrases and starts, over two years of clock changes", () => {
    fc.assert(
      fc.property(phrase, start, (words, from) => {
        const rule = parseRepeat(words);
        const first = firstOccurrence(rule, from, ZONE);
        if (!first) return;
        const to = new Date(first.getTime() + 2 * 366 * 86_400_000);
        const ours = occurrencesBetween(
          { startsAt: first, rrule: rule, cancelledDates: [] },
          ZONE,
          first,
          to,
        );
        expect(ours.map((d) => d.toISOString())).toEqual(
          icalOccurrences(rule, first, to).map((d) => d.toISOString()),
        );
      }),
      { numRuns: 150 },
    );
  });

  it("keeps the wall-clock time through both changes: 10:00 is 10:00 GMT and 10:00 BST", () => {
    const rule = parseRepeat("last Sunday of every month");
    const first = firstOccurrence(
      rule,
      wallToInstant({ year: 2027, month: 2, day: 1, hour: 10, minute: 0 }, ZONE),
      ZONE,
    );
    const got = occurrencesBetween(
      { startsAt: first as Date, rrule: rule, cancelledDates: [] },
      ZONE,
      first as Date,
      new Date("2027-11-30"),
    );
    const iso = got.map((d) => d.toISOString());
    // 28 Mar 2027 and 31 Oct 2027 are the clock-change Sundays themselves.
    expect(iso).toContain("2027-03-28T09:00:00.000Z");
    expect(iso).toContain("2027-10-31T10:00:00.000Z");
    expect(iso).toEqual(
      icalOccurrences(rule, first as Date, new Date("2027-11-30")).map((d) => d.toISOString()),
    );
  });

  it("reads back every rule it writes: phrase → rule → words → the same rule", () => {
    fc.assert(
      fc.property(phrase, (words) => {
        const rule = parseRepeat(words);
        expect(parseRepeat(describeRepeat(rule))).toBe(rule);
      }),
      { numRuns: 300 },
    );
  });
});

// Dates as people write them: impossible dates refused, deadline phrases read to working days, bank
// holidays by rule, and (property-based) formatting a date then reading it back gives the same day.
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { QuorumError } from "../../src/core/errors.ts";
import { bankHolidayDates, bankHolidayOn } from "../../src/core/time/bank-holidays.ts";
import { parseDate } from "../../src/core/time/parse-date.ts";
import { formatDate, formatInstant, localDate } from "../../src/core/time/zone.ts";

const LONDON = "Europe/London";
const MONDAY = new Date("2026-11-23T09:30:00Z"); // Monday 23 November 2026, 09:30 GMT

function dateError(text: string): QuorumError {
  try {
    parseDate(text, LONDON, MONDAY);
  } catch (err) {
    if (err instanceof QuorumError) return err;
    throw err;
  }
  throw new Error(`expected "${text}" to be refused`);
}

describe("impossible dates", () => {
  it.each([
    ["2026-13-01", /"2026-13-01" is not a real date: there is no month 13/],
    ["2027-02-30", /"2027-02-30" is not a real date: February 2027 has 28 days/],
    ["2026-04-31 10:00", /April 2026 has 30 days/],
    ["2026-00-10", /there is no month 0/],
    ["31/4/2027", /"31\/4\/2027" is not a real date: April 2027 has 30 days/],
    ["29/02/2027", /February 2027 has 28 days/],
    ["12/13", /there is no month 13/],
  ])("refuses %j, saying why", (text, message) => {
    const err = dateError(text);
    expect(err.code).toBe("bad_date");
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/Try 2026-12-31/);
  });

  it("still reads real ones, 29 February in a leap year included", () => {
    expect(parseDate("2028-02-29", LONDON, MONDAY).date).toBe("2028-02-29");
    expect(parseDate("29/2/2028", LONDON, MONDAY).date).toBe("2028-02-29");
    expect(parseDate("2026-12-01", LONDON, MONDAY).date).toBe("2026-12-01");
  });
});

describe("deadline phrases (today is Mon 23 Nov 2026)", () => {
  it.each([
    ["end of Feb", "2027-02-26", "the last working day of February 2027"], // 28 Feb 2027 is a Sunday
    ["end of February", "2027-02-26", "the last working day of February 2027"],
    ["end of next week", "2026-12-04", "the last working day of next week"],
    ["end of the week", "2026-11-27", "the last working day of this week"],
    ["end of the month", "2026-11-30", "the last working day of November 2026"],
    ["end of next month", "2026-12-31", "the last working day of December 2026"],
    ["in a fortnight", "2026-12-07", "2 weeks from today"],
    ["in two fortnights", "2026-12-21", "4 weeks from today"],
    ["mid-January", "2027-01-15", "the middle of January 2027"],
    ["mid January 2028", "2028-01-15", "the middle of January 2028"],
    ["middle of March", "2027-03-15", "the middle of March 2027"],
    ["before Christmas", "2026-12-24", "the last working day before Christmas 2026"],
    ["by Xmas", "2026-12-24", "the last working day before Christmas 2026"],
    ["start of January", "2027-01-04", "the first working day of January 2027"], // 1 Jan: bank holiday
  ])("reads %j as %s", (text, date, reading) => {
    const got = parseDate(text, LONDON, MONDAY);
    expect(got.date).toBe(date);
    expect(got.reading).toBe(reading);
  });

  it("skips a bank holiday at the end of a week: the week of Good Friday ends on the Thursday", () => {
    // Good Friday is 26 March 2027.
    expect(parseDate("end of the week", LONDON, new Date("2027-03-22T09:00:00Z")).date).toBe("2027-03-25");
    expect(parseDate("end of next week", LONDON, new Date("2027-03-15T09:00:00Z")).date).toBe("2027-03-25");
  });

  it("moves 'before Christmas' to the last working day when Christmas Eve is a weekend", () => {
    // 24 December 2028 is a Sunday.
    expect(parseDate("before Christmas", LONDON, new Date("2028-06-01T09:00:00Z")).date).toBe("2028-12-22");
    // After this year's has passed, it means next year's.
    expect(parseDate("before Christmas", LONDON, new Date("2026-12-29T09:00:00Z")).date).toBe("2027-12-24");
  });

  it("reads 'by friday' as friday, and phrases in the partnership's zone at midnight", () => {
    expect(parseDate("by friday", LONDON, MONDAY).date).toBe("2026-11-27");
    // 23:30 UTC on 30 June 2027 is already 1 July in London: a fortnight counts from 1 July.
    expect(parseDate("in a fortnight", LONDON, new Date("2027-06-30T23:30:00Z")).date).toBe("2027-07-15");
    expect(parseDate("mid-July", LONDON, MONDAY).instant.toISOString()).toBe("2027-07-14T23:00:00.000Z");
  });
});

describe("bank holidays", () => {
  it("agree with the published 2026-2027 list", () => {
    // From https://www.gov.uk/bank-holidays (england-and-wales).
    expect(bankHolidayDates(2026, 2027)).toEqual([
      "2026-01-01",
      "2026-04-03",
      "2026-04-06",
      "2026-05-04",
      "2026-05-25",
      "2026-08-31",
      "2026-12-25",
      "2026-12-28",
      "2027-01-01",
      "2027-03-26",
      "2027-03-29",
      "2027-05-03",
      "2027-05-31",
      "2027-08-30",
      "2027-12-27",
      "2027-12-28",
    ]);
  });

  it("move to the next free weekday, and know the one-off days", () => {
    // 2021: Christmas on a Saturday, Boxing Day on a Sunday.
    expect(bankHolidayDates(2021).slice(-2)).toEqual(["2021-12-27", "2021-12-28"]);
    expect(bankHolidayOn("2022-06-03")?.name).toBe("Platinum Jubilee");
    expect(bankHolidayOn("2026-12-28")?.name).toBe("Boxing Day (substitute day)");
    expect(bankHolidayOn("2026-12-29")).toBeNull();
  });
});

describe("formatting then reading gives the same day (property-based)", () => {
  // Dates 2000-2099 around a "now" anywhere in 2020-2060, in London across both clock changes.
  const day = fc.integer({ min: 0, max: 36_524 }).map((n) => DateTime.utc(2000, 1, 1).plus({ days: n }));
  const now = fc
    .integer({ min: 7305, max: 21_914 })
    .map((n) => new Date(Date.UTC(2000, 0, 1, 10) + n * 864e5));

  it("for the reply format with the year, ISO and day/month/year", () => {
    fc.assert(
      fc.property(day, now, (d, ref) => {
        const iso = d.toISODate() ?? "";
        for (const written of [formatDate(iso, 0), iso, d.toFormat("d/M/yyyy")]) {
          expect(parseDate(written, LONDON, ref).date, written).toBe(iso);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("for the reply format without the year, for dates in the year ahead", () => {
    fc.assert(
      fc.property(now, fc.integer({ min: 0, max: 364 }), (ref, ahead) => {
        const iso = DateTime.fromISO(localDate(ref, LONDON)).plus({ days: ahead }).toISODate() ?? "";
        const written = formatDate(iso, Number(iso.slice(0, 4)));
        expect(written).not.toMatch(/\d{4}/);
        expect(parseDate(written, LONDON, ref).date, written).toBe(iso);
      }),
      { numRuns: 400 },
    );
  });

  it("for a date and time, to the same instant, across both clock changes", () => {
    // Minutes across 2026-2030; the hour repeated when clocks go back is left out: written as wall-clock
    // time it is ambiguous (see the test below).
    const instant = fc
      .integer({ min: 0, max: 5 * 365 * 24 * 60 })
      .map((m) => new Date(Date.UTC(2026, 0, 1) + m * 60_000))
      .filter((i) => !isRepeatedHour(i));
    fc.assert(
      fc.property(instant, (i) => {
        const written = formatInstant(i, LONDON);
        const got = parseDate(written, LONDON, MONDAY);
        expect(got.instant.toISOString(), written).toBe(i.toISOString());
        expect(got.date).toBe(localDate(i, LONDON));
      }),
      { numRuns: 500 },
    );
  });

  it("reads a time in the repeated autumn hour as one definite instant, the second (GMT)", () => {
    expect(parseDate("25/10/2026 01:30", LONDON, MONDAY).instant.toISOString()).toBe(
      "2026-10-25T01:30:00.000Z",
    );
  });
});

/** An instant whose London wall-clock time happens twice (the hour after clocks go back). */
function isRepeatedHour(i: Date): boolean {
  const wall = DateTime.fromJSDate(i, { zone: LONDON });
  const hourLater = DateTime.fromJSDate(new Date(i.getTime() + 3_600_000), { zone: LONDON });
  const hourEarlier = DateTime.fromJSDate(new Date(i.getTime() - 3_600_000), { zone: LONDON });
  const same = (x: DateTime) => x.hour === wall.hour && x.minute === wall.minute;
  return same(hourLater) || same(hourEarlier);
}

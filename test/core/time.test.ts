// Dates people type, meeting recurrence and DST: all computed in the partnership's zone.
import { describe, expect, it } from "vitest";
import { QuorumError } from "../../src/core/errors.ts";
import { parseDate } from "../../src/core/time/parse-date.ts";
import { describeRepeat, occurrencesBetween, parseRepeat } from "../../src/core/time/recurrence.ts";
import { addDays, formatDate, localDate, wallToInstant } from "../../src/core/time/zone.ts";

const LONDON = "Europe/London";
const MONDAY = new Date("2026-11-23T09:30:00Z"); // Monday 23 November 2026, 09:30 GMT

describe("parseDate", () => {
  it.each([
    ["2026-12-31", "2026-12-31"],
    ["31/12", "2026-12-31"],
    ["1/2/2027", "2027-02-01"],
    ["friday", "2026-11-27"],
    ["tomorrow", "2026-11-24"],
    ["next tue", "2026-12-01"],
    ["3 March", "2027-03-03"],
  ])("reads %j as %s (UK day/month order, forward from today)", (text, date) => {
    expect(parseDate(text, LONDON, MONDAY).date).toBe(date);
  });

  it("keeps a time of day as London wall-clock time, in summer too", () => {
    const winter = parseDate("next tue 10:00", LONDON, MONDAY);
    expect(winter.time).toEqual({ hour: 10, minute: 0 });
    expect(winter.instant.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    const summer = parseDate("2027-06-01 10:00", LONDON, MONDAY);
    expect(summer.instant.toISOString()).toBe("2027-06-01T09:00:00.000Z");
  });

  it("uses the zone's date, not the server's, near midnight", () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    const lateJune = new Date("2027-06-30T23:30:00Z");
    expect(parseDate("tomorrow", LONDON, lateJune).date).toBe("2027-07-02");
  });

  it.each(["", "someday", "friday-ish soon", "31/02", "banana 12"])("rejects %j with a hint", (text) => {
    try {
      parseDate(text, LONDON, MONDAY);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(QuorumError);
      expect((err as QuorumError).code).toBe("bad_date");
      expect((err as QuorumError).message).toMatch(/Try 2026-12-31/);
    }
  });
});

describe("parseRepeat", () => {
  it.each([
    ["every quarter", "FREQ=MONTHLY;INTERVAL=3"],
    ["quarterly", "FREQ=MONTHLY;INTERVAL=3"],
    ["every March and September", "FREQ=YEARLY;BYMONTH=3,9"],
    ["every sep and mar", "FREQ=YEARLY;BYMONTH=3,9"],
    ["every 2 weeks", "FREQ=WEEKLY;INTERVAL=2"],
    ["monthly", "FREQ=MONTHLY"],
    ["every tuesday", "FREQ=WEEKLY;BYDAY=TU"],
    ["FREQ=MONTHLY;INTERVAL=6", "FREQ=MONTHLY;INTERVAL=6"],
  ])("reads %j", (text, rule) => {
    expect(parseRepeat(text)).toBe(rule);
  });

  it.each(["every blue moon", "every 0 weeks", "FREQ=SOMETIMES"])("rejects %j", (text) => {
    expect(() => parseRepeat(text)).toThrow(/couldn't read .* as a repeat/);
  });

  it("describes a rule for people", () => {
    expect(describeRepeat("FREQ=MONTHLY;INTERVAL=3")).toBe("every quarter");
    expect(describeRepeat("FREQ=MONTHLY;INTERVAL=2")).toBe("every 2 months");
    expect(describeRepeat("FREQ=MONTHLY;BYDAY=2TH;UNTIL=20270401T000000")).toBe(
      "second Thursday of every month, until 31 Mar 2027",
    );
  });
});

describe("occurrencesBetween", () => {
  const at = (iso: string) => wallToInstant(wallOf(iso), LONDON);

  it("keeps a 10:00 quarterly board at 10:00 London time across both DST changes", () => {
    const series = { startsAt: at("2026-01-22T10:00"), rrule: "FREQ=MONTHLY;INTERVAL=3", cancelledDates: [] };
    const got = occurrencesBetween(series, LONDON, new Date("2026-01-01Z"), new Date("2027-01-31Z"));
    expect(got.map((d) => d.toISOString())).toEqual([
      "2026-01-22T10:00:00.000Z",
      "2026-04-22T09:00:00.000Z", // BST
      "2026-07-22T09:00:00.000Z",
      "2026-10-22T09:00:00.000Z", // still BST until 25 October
      "2027-01-22T10:00:00.000Z",
    ]);
  });

  it("holds an assembly every March and September", () => {
    const series = { startsAt: at("2026-03-19T13:30"), rrule: "FREQ=YEARLY;BYMONTH=3,9", cancelledDates: [] };
    const got = occurrencesBetween(series, LONDON, new Date("2026-01-01Z"), new Date("2027-12-31Z"));
    expect(got.map((d) => localDate(d, LONDON))).toEqual([
      "2026-03-19",
      "2026-09-19",
      "2027-03-19",
      "2027-09-19",
    ]);
  });

  it("skips cancelled occurrences by their local date", () => {
    const series = {
      startsAt: at("2026-01-07T09:30"),
      rrule: "FREQ=MONTHLY",
      cancelledDates: ["2026-12-07"],
    };
    const got = occurrencesBetween(series, LONDON, new Date("2026-11-01Z"), new Date("2027-01-31Z"));
    expect(got.map((d) => localDate(d, LONDON))).toEqual(["2026-11-07", "2027-01-07"]);
  });

  it("moves a 01:30 meeting on the spring-forward day to the first valid instant", () => {
    // 01:30 on 28 March 2027 does not exist in London; luxon moves it forward an hour (02:30 BST = 01:30Z).
    const series = { startsAt: at("2027-03-21T01:30"), rrule: "FREQ=WEEKLY", cancelledDates: [] };
    const got = occurrencesBetween(series, LONDON, new Date("2027-03-27Z"), new Date("2027-03-29Z"));
    expect(got.map((d) => d.toISOString())).toEqual(["2027-03-28T01:30:00.000Z"]);
  });
});

describe("zone helpers", () => {
  it("adds days across month ends and DST", () => {
    expect(addDays("2026-10-24", 2)).toBe("2026-10-26");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

function wallOf(iso: string) {
  const [d, t] = iso.split("T") as [string, string];
  const [year, month, day] = d.split("-").map(Number) as [number, number, number];
  const [hour, minute] = t.split(":").map(Number) as [number, number];
  return { year, month, day, hour, minute };
}

describe("localDate and formatDate, remembered", () => {
  it("gives each zone its own date for the same instant, and moves on at the last millisecond of a day", () => {
    const lastMs = new Date("2026-12-03T23:59:59.999Z");
    const nextMs = new Date("2026-12-04T00:00:00.000Z");
    for (let round = 0; round < 2; round++) {
      expect(localDate(lastMs, LONDON)).toBe("2026-12-03");
      expect(localDate(lastMs, "Pacific/Auckland")).toBe("2026-12-04");
      expect(localDate(nextMs, LONDON)).toBe("2026-12-04");
      expect(localDate(nextMs, "America/New_York")).toBe("2026-12-03");
    }
  });

  it("names the year only when it differs from the one it is read against, however often asked", () => {
    for (let round = 0; round < 2; round++) {
      expect(formatDate("2027-01-08", 2026)).toBe("Fri 8 Jan 2027");
      expect(formatDate("2027-01-08", 2027)).toBe("Fri 8 Jan");
      expect(formatDate("2027-01-08")).toBe("Fri 8 Jan");
    }
  });
});

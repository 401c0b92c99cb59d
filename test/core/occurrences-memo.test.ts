// Remembered meeting expansions are never stale: a changed series or closure list gives the new answer,
// a narrower range gives what expanding it alone would, and a caller cannot change what the next one gets.
import { describe, expect, it } from "vitest";
import { occurrencesOf } from "../../src/core/meetings/occurrences.ts";
import { parseRepeat } from "../../src/core/time/recurrence.ts";
import type { Meeting } from "../../src/core/types.ts";

const ZONE = "Europe/London";
const FROM = new Date("2027-01-01T00:00:00Z");
const TO = new Date("2027-12-31T23:59:59Z");

const board = (patch: Partial<Meeting> = {}): Meeting => ({
  id: 4242,
  partnershipId: 1,
  groupId: 1,
  title: "Memo board",
  // First Monday of each month, 10:00 London.
  startsAt: new Date("2027-01-04T10:00:00Z"),
  durationMinutes: 90,
  place: null,
  rrule: parseRepeat("first Monday of every month"),
  papersDaysBefore: 5,
  cancelledDates: [],
  agenda: [],
  adjust: "next",
  moves: {},
  ...patch,
});

const days = (m: Meeting, closures: string[] = [], from = FROM, to = TO) =>
  occurrencesOf(m, ZONE, from, to, closures).map((o) => o.startsAt.toISOString().slice(0, 10));

describe("occurrencesOf, remembered", () => {
  it("moves an occurrence off a closure day added after the first expansion", () => {
    expect(days(board())).toContain("2027-02-01");
    const moved = days(board(), ["2027-02-01"]);
    expect(moved).not.toContain("2027-02-01");
    expect(moved).toContain("2027-02-02");
    // And back when the closure is gone.
    expect(days(board())).toContain("2027-02-01");
  });

  it("follows a changed series: a cancellation, a new rule, a one-off move", () => {
    expect(days(board())).toContain("2027-03-01");
    expect(days(board({ cancelledDates: ["2027-03-01"] }))).not.toContain("2027-03-01");
    expect(days(board({ rrule: parseRepeat("first Tuesday of every month") }))).toContain("2027-03-02");
    const moves = { "2027-03-01": "2027-03-10T10:00:00.000Z" };
    expect(days(board({ moves }))).toContain("2027-03-10");
  });

  it("gives a range inside a remembered day what expanding that range alone gives", () => {
    days(board());
    // 5 April's meeting (09:00Z in summer time) starts before the range; 7 June's starts on its last instant.
    const within = days(board(), [], new Date("2027-04-05T10:30:00Z"), new Date("2027-06-07T09:00:00Z"));
    // 3 May is a bank holiday, so that meeting moves to the 4th.
    expect(within).toEqual(["2027-05-04", "2027-06-07"]);
  });

  it("hands each caller its own objects", () => {
    const first = occurrencesOf(board(), ZONE, FROM, TO, []);
    const taken = first[0];
    if (!taken) throw new Error("no occurrences");
    taken.startsAt.setTime(0);
    taken.papersDue = "changed";
    const again = occurrencesOf(board(), ZONE, FROM, TO, [])[0];
    expect(again?.startsAt.toISOString()).toBe("2027-01-04T10:00:00.000Z");
    expect(again?.papersDue).not.toBe("changed");
  });
});

// Schedule times in Europe/London: parsing, and exactly one fire per day across both DST changes.
import { describe, expect, it } from "vitest";
import { formatFireSpec, nextFire, parseFireSpec } from "../../src/core/schedule/fire-spec.ts";

const LONDON = "Europe/London";

describe("parseFireSpec", () => {
  it.each([
    ["mon 09:00", [1], "mon 09:00"],
    ["Monday 9:00", [1], "mon 09:00"],
    ["weekdays 08:30", [1, 2, 3, 4, 5], "weekdays 08:30"],
    ["daily 07:45", [1, 2, 3, 4, 5, 6, 7], "daily 07:45"],
    ["mon,thu 09:00", [1, 4], "mon,thu 09:00"],
    ["tuesday and friday at 16.15", [2, 5], "tue,fri 16:15"],
  ])("reads %j", (text, days, canonical) => {
    const spec = parseFireSpec(text);
    expect(spec.days).toEqual(days);
    expect(formatFireSpec(spec)).toBe(canonical);
  });

  it.each(["", "mon", "09:00", "someday 09:00", "mon 25:00", "mon 09:75"])("rejects %j", (text) => {
    expect(() => parseFireSpec(text)).toThrow(/as a schedule. Try "mon 09:00"/);
  });
});

describe("nextFire", () => {
  const monday9 = parseFireSpec("mon 09:00");

  it("fires Monday 09:00 London time in winter and in summer", () => {
    expect(nextFire(monday9, LONDON, new Date("2026-11-23T08:59:00Z")).toISOString()).toBe(
      "2026-11-23T09:00:00.000Z",
    );
    expect(nextFire(monday9, LONDON, new Date("2026-11-23T09:00:00Z")).toISOString()).toBe(
      "2026-11-30T09:00:00.000Z",
    );
    expect(nextFire(monday9, LONDON, new Date("2027-06-01T00:00:00Z")).toISOString()).toBe(
      "2027-06-07T08:00:00.000Z",
    );
  });

  it("keeps 09:00 local on the Mondays after each clock change", () => {
    // Clocks go forward Sunday 28 March 2027 and back Sunday 31 October 2027.
    expect(nextFire(monday9, LONDON, new Date("2027-03-27T12:00:00Z")).toISOString()).toBe(
      "2027-03-29T08:00:00.000Z",
    );
    expect(nextFire(monday9, LONDON, new Date("2027-10-30T12:00:00Z")).toISOString()).toBe(
      "2027-11-01T09:00:00.000Z",
    );
  });

  it("fires a 01:30 daily schedule once on the spring-forward day, at 02:00 BST", () => {
    const spec = parseFireSpec("daily 01:30");
    const fires = walk(spec, new Date("2027-03-27T00:00:00Z"), 3);
    expect(fires).toEqual([
      "2027-03-27T01:30:00.000Z",
      "2027-03-28T01:00:00.000Z",
      "2027-03-29T00:30:00.000Z",
    ]);
  });

  it("fires a 01:30 daily schedule once on the fall-back day, not twice", () => {
    const spec = parseFireSpec("daily 01:30");
    const fires = walk(spec, new Date("2027-10-30T00:00:00Z"), 3);
    // 30 Oct (BST), 31 Oct first 01:30 (BST, 00:30Z) only, 1 Nov (GMT).
    expect(fires).toEqual([
      "2027-10-30T00:30:00.000Z",
      "2027-10-31T00:30:00.000Z",
      "2027-11-01T01:30:00.000Z",
    ]);
  });

  it("skips weekends for weekday schedules", () => {
    const fires = walk(parseFireSpec("weekdays 08:30"), new Date("2026-11-27T09:00:00Z"), 2);
    expect(fires).toEqual(["2026-11-30T08:30:00.000Z", "2026-12-01T08:30:00.000Z"]);
  });
});

function walk(spec: ReturnType<typeof parseFireSpec>, from: Date, n: number): string[] {
  const out: string[] = [];
  let at = from;
  for (let i = 0; i < n; i++) {
    at = nextFire(spec, LONDON, at);
    out.push(at.toISOString());
  }
  return out;
}

// England and Wales bank holidays computed from the rules in the Banking and Financial Dealings Act 1971
// and the royal proclamations since, so the calendar never runs out the way a pasted gov.uk list does.
import { DateTime } from "luxon";

/** One-off holidays and moved days, by proclamation (gov.uk history back to 1995). */
const ONE_OFF: Record<number, { add?: string[]; move?: Record<string, string> }> = {
  1995: { move: { "1995-05-01": "1995-05-08" } }, // VE Day 50th anniversary
  1999: { add: ["1999-12-31"] }, // Millennium
  2002: { add: ["2002-06-03"], move: { "2002-05-27": "2002-06-04" } }, // Golden Jubilee
  2011: { add: ["2011-04-29"] }, // Royal wedding
  2012: { add: ["2012-06-05"], move: { "2012-05-28": "2012-06-04" } }, // Diamond Jubilee
  2020: { move: { "2020-05-04": "2020-05-08" } }, // VE Day 75th anniversary
  2022: { add: ["2022-06-03", "2022-09-19"], move: { "2022-05-30": "2022-06-02" } }, // Platinum Jubilee, state funeral
  2023: { add: ["2023-05-08"] }, // Coronation
};

/** Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(DateTime.utc(year, month, day));
}

const iso = (d: DateTime) => d.toISODate() ?? "";
const firstMonday = (year: number, month: number) => {
  const first = DateTime.utc(year, month, 1);
  return first.plus({ days: (8 - first.weekday) % 7 });
};
const lastMonday = (year: number, month: number) => {
  const last = DateTime.utc(year, month, 1).endOf("month").startOf("day");
  return last.minus({ days: (last.weekday + 6) % 7 });
};
/** A holiday on a weekend is taken on the next weekday not already a holiday (the substitute day). */
const nextFreeWeekday = (d: DateTime, taken: Set<string>) => {
  let day = d;
  while (day.weekday > 5 || taken.has(iso(day))) day = day.plus({ days: 1 });
  return day;
};

/** The bank holidays of one year in England and Wales, substitute days included, sorted. */
export function englandAndWalesBankHolidays(year: number): string[] {
  const taken = new Set<string>();
  const take = (d: DateTime) => taken.add(iso(nextFreeWeekday(d, taken)));
  take(DateTime.utc(year, 1, 1));
  const easter = DateTime.fromISO(easterSunday(year), { zone: "UTC" });
  taken.add(iso(easter.minus({ days: 2 })));
  taken.add(iso(easter.plus({ days: 1 })));
  taken.add(iso(firstMonday(year, 5)));
  taken.add(iso(lastMonday(year, 5)));
  taken.add(iso(lastMonday(year, 8)));
  // Christmas first, then Boxing Day: with Christmas on a Sunday, Boxing Day keeps Monday and Christmas
  // moves to Tuesday (2022); with Christmas on a Saturday they take Monday and Tuesday (2021).
  const christmas = DateTime.utc(year, 12, 25);
  if (christmas.weekday === 7) {
    taken.add(`${year}-12-26`);
    taken.add(`${year}-12-27`);
  } else {
    take(christmas);
    take(DateTime.utc(year, 12, 26));
  }
  const special = ONE_OFF[year];
  for (const [from, to] of Object.entries(special?.move ?? {})) {
    taken.delete(from);
    taken.add(to);
  }
  for (const day of special?.add ?? []) taken.add(day);
  return [...taken].sort();
}

const cache = new Map<number, ReadonlySet<string>>();

/** Whether a local date (YYYY-MM-DD) is a bank holiday in England and Wales. */
export function isBankHoliday(isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  let set = cache.get(year);
  if (!set) {
    set = new Set(englandAndWalesBankHolidays(year));
    cache.set(year, set);
  }
  return set.has(isoDate);
}

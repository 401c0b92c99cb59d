// England and Wales bank holidays for any year, by the rules gov.uk follows, with their names.
import { DateTime } from "luxon";

export interface BankHoliday {
  date: string;
  name: string;
}

/** Days proclaimed once, and the years whose usual day was moved for them (gov.uk). */
const ONE_OFF: Record<number, { add?: BankHoliday[]; move?: Record<string, string> }> = {
  1995: { move: { "1995-05-01": "1995-05-08" } },
  1999: { add: [{ date: "1999-12-31", name: "Millennium celebrations" }] },
  2002: {
    move: { "2002-05-27": "2002-06-04" },
    add: [{ date: "2002-06-03", name: "Golden Jubilee" }],
  },
  2011: { add: [{ date: "2011-04-29", name: "Royal wedding" }] },
  2012: {
    move: { "2012-05-28": "2012-06-04" },
    add: [{ date: "2012-06-05", name: "Diamond Jubilee" }],
  },
  2020: { move: { "2020-05-04": "2020-05-08" } },
  2022: {
    move: { "2022-05-30": "2022-06-02" },
    add: [
      { date: "2022-06-03", name: "Platinum Jubilee" },
      { date: "2022-09-19", name: "State Funeral of Queen Elizabeth II" },
    ],
  },
  2023: { add: [{ date: "2023-05-08", name: "Coronation of King Charles III" }] },
};

const cache = new Map<number, BankHoliday[]>();

/** The year's bank holidays in date order; a holiday on a weekend gives way to the next free weekday. */
export function bankHolidays(year: number): BankHoliday[] {
  const known = cache.get(year);
  if (known) return known;
  const special = ONE_OFF[year];
  const rules: BankHoliday[] = [
    ...christmasAndNewYear(year),
    { date: iso(easterDate(year).minus({ days: 2 })), name: "Good Friday" },
    { date: iso(easterDate(year).plus({ days: 1 })), name: "Easter Monday" },
    { date: iso(nthMonday(year, 5, 1)), name: "Early May bank holiday" },
    { date: iso(nthMonday(year, 5, -1)), name: "Spring bank holiday" },
    { date: iso(nthMonday(year, 8, -1)), name: "Summer bank holiday" },
  ].map((h) => ({ ...h, date: special?.move?.[h.date] ?? h.date }));
  const all = [...rules, ...(special?.add ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, all);
  return all;
}

/** The bank holiday on a local date (YYYY-MM-DD), or null. */
export function bankHolidayOn(isoDate: string): BankHoliday | null {
  return bankHolidays(Number(isoDate.slice(0, 4))).find((h) => h.date === isoDate) ?? null;
}

/** The dates of the bank holidays in the years around a date, as working-days.ts takes them. */
export function bankHolidayDates(...years: number[]): string[] {
  return years.flatMap((y) => bankHolidays(y).map((h) => h.date));
}

const iso = (d: DateTime) => d.toISODate() ?? "";
const isWeekend = (d: DateTime) => d.weekday >= 6;

/** New Year's Day, Christmas Day and Boxing Day, each moved past weekends and past each other. */
function christmasAndNewYear(year: number): BankHoliday[] {
  let newYear = DateTime.utc(year, 1, 1);
  while (isWeekend(newYear)) newYear = newYear.plus({ days: 1 });
  const taken = new Set<string>();
  const christmas: [string, number][] = [
    ["Christmas Day", 25],
    ["Boxing Day", 26],
  ];
  const out: BankHoliday[] = [{ date: iso(newYear), name: "New Year’s Day" }];
  for (const [name, day] of christmas) {
    let d = DateTime.utc(year, 12, day);
    while (isWeekend(d) || taken.has(iso(d))) d = d.plus({ days: 1 });
    taken.add(iso(d));
    out.push({ date: iso(d), name: iso(d).endsWith(`-${day}`) ? name : `${name} (substitute day)` });
  }
  return out;
}

/** The nth Monday of a month (n = -1 for the last). */
function nthMonday(year: number, month: number, n: number): DateTime {
  if (n < 0) {
    let d = DateTime.utc(year, month, 1).endOf("month").startOf("day");
    while (d.weekday !== 1) d = d.minus({ days: 1 });
    return d;
  }
  let d = DateTime.utc(year, month, 1);
  while (d.weekday !== 1) d = d.plus({ days: 1 });
  return d.plus({ weeks: n - 1 });
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterDate(year: number): DateTime {
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
  return DateTime.utc(year, month, day);
}

/** Easter Sunday as a local date (YYYY-MM-DD). */
export const easterSunday = (year: number): string => iso(easterDate(year));

/** The dates of one year's bank holidays in England and Wales, substitute days included, sorted. */
export const englandAndWalesBankHolidays = (year: number): string[] => bankHolidays(year).map((h) => h.date);

/** Whether a local date (YYYY-MM-DD) is a bank holiday in England and Wales. */
export const isBankHoliday = (isoDate: string): boolean => bankHolidayOn(isoDate) !== null;

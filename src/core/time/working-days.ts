// Working-day arithmetic on local dates (YYYY-MM-DD): weekends and bank holidays are not working days.
import { DateTime } from "luxon";
import { isBankHoliday } from "./bank-holidays.ts";

/** Days off: a list of dates or anything that can answer whether a date is one. */
export type Holidays = readonly string[] | { has(isoDate: string): boolean };

/** England and Wales bank holidays for any year, substitute days included (see bank-holidays.ts). */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: Holidays = { has: isBankHoliday };

/** Bank holidays plus a partnership's own closure days (a Christmas shutdown, say). */
export function withClosures(closures: readonly string[]): Holidays {
  if (!closures.length) return ENGLAND_AND_WALES_BANK_HOLIDAYS;
  const own = new Set(closures);
  return { has: (d) => own.has(d) || isBankHoliday(d) };
}

const isHoliday = (h: Holidays, d: string) => ("has" in h ? h.has(d) : h.includes(d));

const weekday = (isoDate: string) => DateTime.fromISO(isoDate, { zone: "UTC" }).weekday; // 1 = Monday

export function isWorkingDay(isoDate: string, holidays: Holidays = ENGLAND_AND_WALES_BANK_HOLIDAYS): boolean {
  return weekday(isoDate) <= 5 && !isHoliday(holidays, isoDate);
}

/**
 * The date `days` working days after isoDate (negative counts back). Zero returns isoDate itself even on
 * a weekend. Counting starts from the next day, so a question asked on a Saturday with a 3-day target is
 * due on Wednesday (Mon, Tue, Wed), the same as one asked on the Friday before.
 */
export function addWorkingDays(
  isoDate: string,
  days: number,
  holidays: Holidays = ENGLAND_AND_WALES_BANK_HOLIDAYS,
): string {
  if (!Number.isInteger(days)) throw new RangeError(`working days must be a whole number, got ${days}`);
  const step = days < 0 ? -1 : 1;
  let d = DateTime.fromISO(isoDate, { zone: "UTC" });
  if (!d.isValid) throw new RangeError(`not a date: ${isoDate}`);
  let left = Math.abs(days);
  while (left > 0) {
    d = d.plus({ days: step });
    if (isWorkingDay(d.toISODate() ?? "", holidays)) left--;
  }
  return d.toISODate() ?? isoDate;
}

/** Working days strictly after `from` up to and including `to` (0 when to <= from). */
export function workingDaysBetween(
  from: string,
  to: string,
  holidays: Holidays = ENGLAND_AND_WALES_BANK_HOLIDAYS,
): number {
  let n = 0;
  let d = DateTime.fromISO(from, { zone: "UTC" });
  const end = DateTime.fromISO(to, { zone: "UTC" });
  while (d < end) {
    d = d.plus({ days: 1 });
    if (isWorkingDay(d.toISODate() ?? "", holidays)) n++;
  }
  return n;
}

/** The nearest working day on or after (step 1) or on or before (step -1) isoDate. */
export function nearestWorkingDay(
  isoDate: string,
  step: 1 | -1,
  holidays: Holidays = ENGLAND_AND_WALES_BANK_HOLIDAYS,
): string {
  let d = DateTime.fromISO(isoDate, { zone: "UTC" });
  while (!isWorkingDay(d.toISODate() ?? "", holidays)) d = d.plus({ days: step });
  return d.toISODate() ?? isoDate;
}

/** Why a date is not a working day ("a Saturday", "a bank holiday", "a closure day"), or null. */
export function whyNotWorking(isoDate: string, closures: readonly string[] = []): string | null {
  const d = DateTime.fromISO(isoDate, { zone: "UTC" });
  if (d.weekday > 5) return `a ${d.toFormat("cccc")}`;
  if (isBankHoliday(isoDate)) return "a bank holiday";
  if (closures.includes(isoDate)) return "a partnership closure day";
  return null;
}

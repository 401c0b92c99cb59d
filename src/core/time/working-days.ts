// Working-day arithmetic on local dates (YYYY-MM-DD): weekends and bank holidays are not working days.
import { DateTime } from "luxon";

/**
 * England and Wales bank holidays, 2026–2027 (gov.uk): substitute days included, since a holiday that
 * falls on a weekend moves to the next weekday and that is the day offices are shut.
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly string[] = [
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
];

const weekday = (isoDate: string) => DateTime.fromISO(isoDate, { zone: "UTC" }).weekday; // 1 = Monday

export function isWorkingDay(
  isoDate: string,
  holidays: readonly string[] = ENGLAND_AND_WALES_BANK_HOLIDAYS,
): boolean {
  return weekday(isoDate) <= 5 && !holidays.includes(isoDate);
}

/**
 * The date `days` working days after isoDate (negative counts back). Zero returns isoDate itself even on
 * a weekend. Counting starts from the next day, so a question asked on a Saturday with a 3-day target is
 * due on Wednesday (Mon, Tue, Wed), the same as one asked on the Friday before.
 */
export function addWorkingDays(
  isoDate: string,
  days: number,
  holidays: readonly string[] = ENGLAND_AND_WALES_BANK_HOLIDAYS,
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
  holidays: readonly string[] = ENGLAND_AND_WALES_BANK_HOLIDAYS,
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

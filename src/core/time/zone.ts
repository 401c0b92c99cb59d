// Wall-clock helpers in a partnership's IANA zone (luxon does the DST arithmetic).
import { DateTime } from "luxon";

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() ?? "";
}

/** The instant of a wall-clock time in a zone; a time skipped by spring-forward moves to the next valid instant. */
export function wallToInstant(w: WallTime, zone: string): Date {
  return DateTime.fromObject(w, { zone }).toJSDate();
}

export function instantToWall(instant: Date, zone: string): WallTime {
  const d = DateTime.fromJSDate(instant, { zone });
  return { year: d.year, month: d.month, day: d.day, hour: d.hour, minute: d.minute };
}

export function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: "UTC" }).plus({ days }).toISODate() ?? isoDate;
}

/** Monday..Sunday bounds of the week containing isoDate. */
export function weekBounds(isoDate: string): { from: string; to: string } {
  const d = DateTime.fromISO(isoDate, { zone: "UTC" });
  return { from: d.startOf("week").toISODate() ?? isoDate, to: d.endOf("week").toISODate() ?? isoDate };
}

/** "Fri 4 Dec" (or with year when it differs from the reference year). */
export function formatDate(isoDate: string, referenceYear?: number): string {
  const d = DateTime.fromISO(isoDate, { zone: "UTC" });
  return d.toFormat(referenceYear !== undefined && d.year !== referenceYear ? "ccc d LLL yyyy" : "ccc d LLL");
}

/** "Tue 8 Dec 2026, 10:00" in the zone. */
export function formatInstant(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("ccc d LLL yyyy, HH:mm");
}

export function isValidZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

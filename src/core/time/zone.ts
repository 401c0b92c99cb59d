// Wall-clock helpers in a partnership's IANA zone (luxon does the DST arithmetic).
import { DateTime } from "luxon";

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * Luxon's zone arithmetic was about a tenth of a command's CPU (every list asks for today, and every line
 * formats its date), for answers that repeat: a few zones, the same second, the same due dates. Bounded
 * memos of exact answers; a full one starts again.
 */
function memo<T>(max: number, compute: (key: string) => T): (key: string) => T {
  const kept = new Map<string, T>();
  return (key) => {
    const hit = kept.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (kept.size >= max) kept.clear();
    kept.set(key, value);
    return value;
  };
}

// Keyed by the whole second: no zone's offset has a fraction of a second, so no date changes within one.
const localDates = memo(1_000, (key) => {
  const [zone = "", second = "0"] = key.split("\u0000");
  return DateTime.fromMillis(Number(second) * 1000, { zone }).toISODate() ?? "";
});

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  const ms = instant.getTime();
  // An invalid Date has no second to key on; luxon answers it as before.
  if (Number.isNaN(ms)) return DateTime.fromJSDate(instant, { zone }).toISODate() ?? "";
  return localDates(`${zone}\u0000${Math.floor(ms / 1000)}`);
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

const formattedDates = memo(5_000, (key) => {
  const [isoDate = "", reference = ""] = key.split("\u0000");
  const d = DateTime.fromISO(isoDate, { zone: "UTC" });
  const withYear = reference !== "" && d.year !== Number(reference);
  return d.toFormat(withYear ? "ccc d LLL yyyy" : "ccc d LLL");
});

/** "Fri 4 Dec" (or with year when it differs from the reference year). */
export function formatDate(isoDate: string, referenceYear?: number): string {
  return formattedDates(`${isoDate}\u0000${referenceYear ?? ""}`);
}

/** "Tue 8 Dec 2026, 10:00" in the zone. */
export function formatInstant(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("ccc d LLL yyyy, HH:mm");
}

export function isValidZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

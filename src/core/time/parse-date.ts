// Reads dates typed by people: ISO, UK day/month ("31/12"), and plain English ("friday", "next tue 10:00").
import { createRequire } from "node:module";
import type * as Chrono from "chrono-node";
import { DateTime } from "luxon";
import { QuorumError } from "../errors.ts";
import { readPhrase } from "./date-phrases.ts";
import { localDate, wallToInstant } from "./zone.ts";

// chrono-node costs ~0.25 s of CPU and ~20 MB to load (hundreds of modules) and most commands never read a
// free-text date, so its CommonJS build is required, synchronously, on the first date that needs it.
let chronoLoaded: typeof Chrono | undefined;
const chrono = () => (chronoLoaded ??= createRequire(import.meta.url)("chrono-node") as typeof Chrono);

export interface ParsedDate {
  /** Local date YYYY-MM-DD in the partnership's zone. */
  date: string;
  /** Set when the text named a time of day. */
  time?: { hour: number; minute: number };
  /** The instant, using 00:00 when no time was given. */
  instant: Date;
  /** How a phrase such as "end of next week" was read ("the last working day of next week"). */
  reading?: string;
}

export const DATE_HINT =
  "Try 2026-12-31, 31/12, friday, tomorrow, next tue 10:00, end of next week or mid-January.";

const MONTH_NAMES = "January February March April May June July August September October November December";

/**
 * Numbers that look like a date but are not one ("2026-13-01", "2027-02-30", "31/4") are refused here:
 * chrono would read 2026-13-01 as 13 January and quietly give an overdue action.
 */
function refuseImpossible(text: string): void {
  const isoDate = /^(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/.exec(text);
  const ukDate = /^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?(?![\d/.])/.exec(text);
  const [year, month, day] = isoDate
    ? [Number(isoDate[1]), Number(isoDate[2]), Number(isoDate[3])]
    : ukDate
      ? [ukDate[3] ? Number(ukDate[3].padStart(4, "20")) : 2000, Number(ukDate[2]), Number(ukDate[1])]
      : [0, 0, 0];
  if (!isoDate && !ukDate) return;
  const form = isoDate ? "year-month-day" : "day/month";
  if (month < 1 || month > 12) {
    throw new QuorumError(
      "bad_date",
      `"${text}" is not a real date: there is no month ${month} (dates are ${form}). ${DATE_HINT}`,
    );
  }
  const days = DateTime.utc(year, month, 1).daysInMonth ?? 31;
  if (day < 1 || day > days) {
    const name = MONTH_NAMES.split(" ")[month - 1];
    const which = isoDate || ukDate?.[3] ? `${name} ${year}` : name;
    throw new QuorumError(
      "bad_date",
      `"${text}" is not a real date: ${which} has ${days} days. ${DATE_HINT}`,
    );
  }
}

export function parseDate(input: string, zone: string, now: Date): ParsedDate {
  const textIn = input.trim();
  if (!textIn) throw new QuorumError("bad_date", `A date is needed. ${DATE_HINT}`);
  const body = textIn.replace(/^by\s+(?!christmas|xmas)/i, "");
  refuseImpossible(body);
  const phrase = readPhrase(body, localDate(now, zone));
  if (phrase) {
    const [year, month, day] = phrase.date.split("-").map(Number) as [number, number, number];
    const instant = wallToInstant({ year, month, day, hour: 0, minute: 0 }, zone);
    return { date: phrase.date, instant, reading: phrase.reading };
  }
  // chrono reads components against a reference; give it the zone's wall clock as a plain local date so the
  // result's year/month/day/hour are wall-clock values we then place in the zone ourselves.
  const wall = DateTime.fromJSDate(now, { zone });
  const ref = new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const results = chrono().en.GB.parse(body, ref, { forwardDate: true });
  const first = results[0];
  if (first?.index !== 0 || first.text.length < body.replace(/[.,;!]+$/, "").length) {
    throw new QuorumError("bad_date", `I couldn't read "${textIn}" as a date. ${DATE_HINT}`);
  }
  const c = first.start;
  const year = c.get("year") ?? wall.year;
  const month = c.get("month") ?? wall.month;
  const day = c.get("day") ?? wall.day;
  const hasTime = c.isCertain("hour");
  const hour = hasTime ? (c.get("hour") ?? 0) : 0;
  const minute = hasTime ? (c.get("minute") ?? 0) : 0;
  const local = DateTime.fromObject({ year, month, day }, { zone: "UTC" });
  if (!local.isValid) throw new QuorumError("bad_date", `"${textIn}" is not a real date. ${DATE_HINT}`);
  const date = local.toISODate() ?? "";
  return {
    date,
    ...(hasTime ? { time: { hour, minute } } : {}),
    instant: wallToInstant({ year, month, day, hour, minute }, zone),
  };
}

// Reads dates typed by people: ISO, UK day/month ("31/12"), and plain English ("friday", "next tue 10:00").
import * as chrono from "chrono-node";
import { DateTime } from "luxon";
import { QuorumError } from "../errors.ts";
import { wallToInstant } from "./zone.ts";

export interface ParsedDate {
  /** Local date YYYY-MM-DD in the partnership's zone. */
  date: string;
  /** Set when the text named a time of day. */
  time?: { hour: number; minute: number };
  /** The instant, using 00:00 when no time was given. */
  instant: Date;
}

export const DATE_HINT = "Try 2026-12-31, 31/12, friday, tomorrow or next tue 10:00.";

export function parseDate(input: string, zone: string, now: Date): ParsedDate {
  const textIn = input.trim();
  if (!textIn) throw new QuorumError("bad_date", `A date is needed. ${DATE_HINT}`);
  // chrono reads components against a reference; give it the zone's wall clock as a plain local date so the
  // result's year/month/day/hour are wall-clock values we then place in the zone ourselves.
  const wall = DateTime.fromJSDate(now, { zone });
  const ref = new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const results = chrono.en.GB.parse(textIn, ref, { forwardDate: true });
  const first = results[0];
  if (first?.index !== 0 || first.text.length < textIn.replace(/[.,;!]+$/, "").length) {
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

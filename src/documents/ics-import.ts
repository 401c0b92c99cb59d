// Reads an .ics (an Outlook or Google export, or Quorum's own feed) into meeting series with ical.js.
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { QuorumError } from "../core/errors.ts";
import type { ImportedSeries } from "../core/meetings/import.ts";

// Outlook writes Windows zone names; these are the ones a UK partnership's partners use. Others are refused.
const WINDOWS_ZONES: Record<string, string> = {
  "GMT Standard Time": "Europe/London",
  "Greenwich Standard Time": "Atlantic/Reykjavik",
  "W. Europe Standard Time": "Europe/Berlin",
  "Romance Standard Time": "Europe/Paris",
  "Central Europe Standard Time": "Europe/Budapest",
  "Central European Standard Time": "Europe/Warsaw",
  "GTB Standard Time": "Europe/Bucharest",
  "Irish Standard Time": "Europe/Dublin",
  UTC: "UTC",
  "Coordinated Universal Time": "UTC",
};

export interface ParsedIcs {
  series: ImportedSeries[];
  /** All-day events (such as Quorum's own "Papers due" days) are not meetings and are left out. */
  skippedAllDay: number;
}

const bad = (message: string) => new QuorumError("bad_argument", message);

/** The IANA zone a TZID names: IANA itself, Outlook's Windows name, or a "/mozilla.org/…/Europe/London" path. */
function zoneOf(tzid: string): string | null {
  const name = WINDOWS_ZONES[tzid] ?? tzid.replace(/^\/.*?\/(?=[A-Z][a-z]+\/)/, "");
  return DateTime.local().setZone(name).isValid && /[/]|^UTC$/.test(name) ? name : null;
}

/** The instant of a DTSTART-like property: UTC, in its TZID, or floating (read in the partnership's zone). */
function instantOf(prop: ICAL.Property, fallbackZone: string, what: string): Date {
  const t = prop.getFirstValue() as ICAL.Time;
  const tzid = prop.getParameter("tzid");
  const tzText = Array.isArray(tzid) ? tzid[0] : tzid;
  let zone = fallbackZone;
  if (t.zone === ICAL.Timezone.utcTimezone) zone = "UTC";
  else if (tzText) {
    const known = zoneOf(tzText);
    if (!known)
      throw bad(
        `${what} uses the time zone "${tzText}", which Quorum does not know. Export the calendar with an IANA zone (such as Europe/London) or in UTC.`,
      );
    zone = known;
  }
  const d = DateTime.fromObject(
    { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute },
    { zone },
  );
  return d.toJSDate();
}

const text = (v: ICAL.Component, name: string) => {
  const value = v.getFirstPropertyValue(name);
  return typeof value === "string" ? value.trim() : "";
};

/** Every series in the file; throws a QuorumError naming the first problem, so nothing is half-read. */
export function parseIcs(source: string, zone: string): ParsedIcs {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(source));
  } catch (err) {
    throw bad(`This is not an iCalendar (.ics) file: ${(err as Error).message}`);
  }
  const events = root.name === "vevent" ? [root] : root.getAllSubcomponents("vevent");
  if (!events.length) throw bad("The file has no events (VEVENT) to import.");
  const masters = new Map<string, ImportedSeries>();
  const overrides: ICAL.Component[] = [];
  let skippedAllDay = 0;
  for (const [i, v] of events.entries()) {
    const title = text(v, "summary") || "(untitled)";
    const what = `The event "${title}" (number ${i + 1} in the file)`;
    const start = v.getFirstProperty("dtstart");
    if (!start) throw bad(`${what} has no start (DTSTART); Quorum cannot tell when it meets.`);
    if ((start.getFirstValue() as ICAL.Time).isDate) {
      skippedAllDay++;
      continue;
    }
    if (v.hasProperty("recurrence-id")) {
      overrides.push(v);
      continue;
    }
    const startsAt = instantOf(start, zone, what);
    const end = v.getFirstProperty("dtend");
    const duration = v.getFirstPropertyValue("duration") as ICAL.Duration | null;
    const minutes = end
      ? Math.round((instantOf(end, zone, what).getTime() - startsAt.getTime()) / 60_000)
      : duration
        ? Math.round(duration.toSeconds() / 60)
        : 60;
    const rule = v.getFirstPropertyValue("rrule") as ICAL.Recur | null;
    const exdates = v
      .getAllProperties("exdate")
      .flatMap((p) => p.getValues().map((t) => instantFromValue(p, t as ICAL.Time, zone, what)));
    const papers = /Papers are due (\d{1,2}) working day/.exec(text(v, "description"));
    masters.set(text(v, "uid") || `#${i}`, {
      title,
      startsAt,
      durationMinutes: minutes,
      place: text(v, "location") || null,
      rrule: rule ? rule.toString() : null,
      papersDaysBefore: papers ? Number(papers[1]) : null,
      cancelled: exdates,
      moves: [],
      cancelledStatus: text(v, "status").toUpperCase() === "CANCELLED",
    });
  }
  for (const v of overrides) {
    const master = masters.get(text(v, "uid"));
    // A changed occurrence whose series is not in the file has nothing to change; it is left out.
    const what = `The changed occurrence of "${text(v, "summary")}"`;
    const was = instantOf(v.getFirstProperty("recurrence-id") as ICAL.Property, zone, what);
    if (!master) continue;
    if (text(v, "status").toUpperCase() === "CANCELLED") master.cancelled.push(was);
    else
      master.moves.push({ was, to: instantOf(v.getFirstProperty("dtstart") as ICAL.Property, zone, what) });
  }
  const series = [...masters.values()].filter((s) => !s.cancelledStatus);
  if (!series.length) throw bad("The file has no meetings to import (only all-day or cancelled events).");
  return { series, skippedAllDay };
}

/** One EXDATE value in its property's zone. */
function instantFromValue(prop: ICAL.Property, t: ICAL.Time, zone: string, what: string): Date {
  const copy = new ICAL.Property(prop.name);
  const tzid = prop.getParameter("tzid");
  if (tzid) copy.setParameter("tzid", tzid);
  copy.setValue(t);
  return instantOf(copy, zone, what);
}

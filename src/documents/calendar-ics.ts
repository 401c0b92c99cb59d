// The core's calendar feed as an RFC 5545 .ics (ical-generator), with a VTIMEZONE for the partnership zone.
import ical, { ICalCalendarMethod, ICalEventTransparency } from "ical-generator";
import { DateTime } from "luxon";
import type { CalendarFeed } from "../core/meetings/calendar.ts";
import { vtimezone } from "./vtimezone.ts";

export const ICS_CONTENT_TYPE = "text/calendar; charset=utf-8";

/** "20270325T100000" in the zone: EXDATE values written beside the rule, as RFC 5545 lists them. */
const localStamp = (at: Date, zone: string) =>
  DateTime.fromJSDate(at, { zone }).toFormat("yyyyMMdd'T'HHmmss");

export function feedToIcs(feed: CalendarFeed, now: Date): string {
  const zone = feed.zone;
  const inZone = (at: Date) => DateTime.fromJSDate(at, { zone });
  const cal = ical({
    name: feed.name,
    prodId: { company: "Quorum", product: "meetings", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    // The zone goes on each event, not the calendar: ical-generator writes DTSTAMP in the calendar's zone,
    // and RFC 5545 wants it in UTC. The generator still writes the VTIMEZONE the events name.
    timezone: { name: null, generator: (tz) => vtimezone(tz, now.getUTCFullYear()) },
    // Subscribed calendars look again this often (Outlook and Apple read it; Google keeps its own pace).
    ttl: 6 * 3600,
    // Google reads the calendar's zone from here.
    x: [["X-WR-TIMEZONE", zone]],
  });
  const stamp = now;
  for (const s of feed.series) {
    // The rule as stored, with its EXDATEs on the lines after it: ical-generator copies a string rule as is.
    const exdate = s.exdates.length
      ? `\nEXDATE;TZID=${zone}:${s.exdates.map((d) => localStamp(d, zone)).join(",")}`
      : "";
    cal.createEvent({
      id: s.uid,
      stamp,
      start: inZone(s.start),
      end: inZone(s.end),
      timezone: zone,
      summary: s.title,
      location: s.place,
      description: s.description,
      ...(s.rrule ? { repeating: `RRULE:${s.rrule}${exdate}` } : {}),
    });
    for (const o of s.overrides) {
      cal.createEvent({
        id: s.uid,
        stamp,
        recurrenceId: inZone(o.recurrenceId),
        start: inZone(o.start),
        end: inZone(o.end),
        timezone: zone,
        summary: s.title,
        location: s.place,
        description: o.description,
      });
    }
  }
  for (const p of feed.papers) {
    const day = DateTime.fromISO(p.date, { zone });
    cal.createEvent({
      id: p.uid,
      stamp,
      allDay: true,
      start: day,
      end: day.plus({ days: 1 }),
      summary: p.title,
      description: p.description,
      // A deadline, not an appointment: it does not show the day as busy.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return cal.toString();
}

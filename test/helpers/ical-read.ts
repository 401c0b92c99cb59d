// Reads an .ics the way a calendar client would, with ical.js only: its VTIMEZONEs, its RRULE/EXDATE
// expansion and its RECURRENCE-ID overrides. Nothing here uses Quorum's code or luxon.
import ICAL from "ical.js";

export interface ReadOccurrence {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location: string;
}

export interface ReadCalendar {
  occurrences: ReadOccurrence[];
  /** All-day events: the papers deadlines (date as YYYY-MM-DD). */
  allDay: { uid: string; date: string; summary: string }[];
  root: ICAL.Component;
}

/** Every timed occurrence starting in [from, to], soonest first, and every all-day event. */
export function readCalendar(ics: string, from: Date, to: Date): ReadCalendar {
  const root = new ICAL.Component(ICAL.parse(ics));
  for (const tz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  const events = root.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
  const allDay = events
    .filter((e) => e.startDate.isDate)
    .map((e) => ({ uid: e.uid, date: e.startDate.toString(), summary: e.summary }));
  const timed = events.filter((e) => !e.startDate.isDate);
  const masters = timed.filter((e) => !e.isRecurrenceException());
  for (const ex of timed.filter((e) => e.isRecurrenceException())) {
    const master = masters.find((m) => m.uid === ex.uid);
    if (!master) throw new Error(`override ${ex.uid} has no series`);
    master.relateException(ex);
  }
  const occurrences: ReadOccurrence[] = [];
  for (const m of masters) {
    const base = { uid: m.uid, location: m.location ?? "" };
    if (!m.isRecurring()) {
      occurrences.push({
        ...base,
        start: m.startDate.toJSDate(),
        end: m.endDate.toJSDate(),
        summary: m.summary,
      });
      continue;
    }
    const it = m.iterator();
    for (let next = it.next(); next; next = it.next()) {
      const d = m.getOccurrenceDetails(next);
      // Overrides can move an occurrence earlier than its rule date; stop a little after the range.
      if (next.toJSDate() > new Date(to.getTime() + 40 * 86_400_000)) break;
      occurrences.push({
        ...base,
        start: d.startDate.toJSDate(),
        end: d.endDate.toJSDate(),
        summary: d.item.summary,
      });
    }
  }
  return {
    occurrences: occurrences
      .filter((o) => o.start >= from && o.start <= to)
      .sort((a, b) => a.start.getTime() - b.start.getTime()),
    allDay,
    root,
  };
}

/** "Mon 29 Mar 2027, 09:30" in Europe/London by the platform's Intl, as meeting list writes it. */
export function londonText(at: Date): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? "";
  // ICU writes "Sept" for en-GB; meeting list writes "Sep".
  return `${p("weekday")} ${p("day")} ${p("month").slice(0, 3)} ${p("year")}, ${p("hour")}:${p("minute")}`;
}

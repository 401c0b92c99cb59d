// A group's meetings as calendar data (series, exceptions, papers deadlines): src/documents writes the .ics.
import { formatDate, formatInstant, instantToWall, wallToInstant } from "../time/zone.ts";
import type { Group, Meeting, Partnership } from "../types.ts";
import { meetingRef, occurrencesOf } from "./occurrences.ts";

/** How far ahead the feed works out moved occurrences and papers deadlines. */
export const FEED_YEARS_AHEAD = 3;
/** How far back it still lists papers deadlines (past meetings stay in the series itself). */
export const FEED_DAYS_BACK = 92;
const DAY_MS = 86_400_000;

/**
 * A series is one VEVENT with its RRULE, EXDATEs for cancelled occurrences and one override (RECURRENCE-ID)
 * per moved occurrence, rather than one VEVENT per occurrence with STATUS:CANCELLED: Outlook and Google then
 * show one series people can recognise ("every second Tuesday"), a cancelled date disappears instead of
 * lingering as a struck-out entry, and a one-off move reads as "this occurrence changed".
 */
export interface CalendarSeries {
  /** Stable for the life of the series, so a subscribed calendar updates it instead of duplicating it. */
  uid: string;
  ref: string;
  title: string;
  place: string | null;
  start: Date;
  end: Date;
  /** The RRULE body (no "RRULE:"), or null for a one-off. */
  rrule: string | null;
  /** Rule occurrences (their original start) that are cancelled. */
  exdates: Date[];
  overrides: CalendarOverride[];
  description: string;
}

export interface CalendarOverride {
  /** The rule occurrence this replaces (its original start): RECURRENCE-ID. */
  recurrenceId: Date;
  start: Date;
  end: Date;
  description: string;
}

/** An all-day "papers due" event for one occurrence. */
export interface PapersDeadline {
  uid: string;
  /** Local date, YYYY-MM-DD. */
  date: string;
  title: string;
  description: string;
}

export interface CalendarFeed {
  name: string;
  zone: string;
  series: CalendarSeries[];
  papers: PapersDeadline[];
}

const uidOf = (p: Partnership, m: Meeting) => `meeting-${m.id}.partnership-${p.id}@quorum`;
const papersLine = (days: number) =>
  `Papers are due ${days} working day${days === 1 ? "" : "s"} before each meeting (each deadline is an all-day "Papers due" event).`;

/** The group's feed as of `now`: every series in full, moves and papers deadlines up to three years ahead. */
export function calendarFeed(
  partnership: Partnership,
  group: Group,
  meetings: readonly Meeting[],
  now: Date,
): CalendarFeed {
  const zone = partnership.timeZone;
  const closures = partnership.closureDays ?? [];
  const horizon = new Date(now.getTime() + FEED_YEARS_AHEAD * 366 * DAY_MS);
  const papersFrom = new Date(now.getTime() - FEED_DAYS_BACK * DAY_MS);
  const series: CalendarSeries[] = [];
  const papers: PapersDeadline[] = [];
  for (const m of [...meetings].sort((a, b) => a.id - b.id)) {
    // From the series' own start, so moves before the window are right too; and past any one-off move.
    const lastMove = Math.max(0, ...Object.values(m.moves).map((iso) => new Date(iso).getTime()));
    const to = new Date(Math.max(horizon.getTime(), lastMove));
    const from = new Date(Math.min(m.startsAt.getTime(), papersFrom.getTime()));
    const all = occurrencesOf(m, zone, from, to, closures);
    const ruleStart = (ruleDate: string) => {
      const [year, month, day] = ruleDate.split("-").map(Number);
      return wallToInstant(
        { ...instantToWall(m.startsAt, zone), year: year ?? 0, month: month ?? 1, day: day ?? 1 },
        zone,
      );
    };
    const base = {
      uid: uidOf(partnership, m),
      ref: meetingRef(m.id),
      title: m.title,
      place: m.place,
      description: `${group.name} (${meetingRef(m.id)}). ${papersLine(m.papersDaysBefore)}`,
    };
    if (!m.rrule) {
      // A one-off is its one occurrence (moved or not); cancelled, it leaves the feed.
      const [only] = all;
      if (only)
        series.push({
          ...base,
          start: only.startsAt,
          end: only.endsAt,
          rrule: null,
          exdates: [],
          overrides: [],
        });
    } else {
      series.push({
        ...base,
        start: m.startsAt,
        end: new Date(m.startsAt.getTime() + m.durationMinutes * 60_000),
        rrule: m.adjust ? untilHorizon(m.rrule, horizon) : m.rrule,
        exdates: m.cancelledDates.map(ruleStart).sort((a, b) => a.getTime() - b.getTime()),
        overrides: all
          .filter((o) => o.moved)
          .map((o) => ({
            recurrenceId: ruleStart(o.ruleDate),
            start: o.startsAt,
            end: o.endsAt,
            description: `${base.description} This meeting was moved from ${formatDate(o.ruleDate, 0)}; its papers are due on ${formatDate(o.papersDue, 0)}.`,
          })),
      });
    }
    for (const o of all) {
      if (o.startsAt < papersFrom || o.startsAt > horizon) continue;
      papers.push({
        uid: `papers-${m.id}-${o.ruleDate}.partnership-${partnership.id}@quorum`,
        date: o.papersDue,
        title: `Papers due: ${m.title}`,
        description: `Papers for ${m.title} (${meetingRef(m.id)}) on ${formatInstant(o.startsAt, zone)} are due today.`,
      });
    }
  }
  return { name: group.name, zone, series, papers };
}

/**
 * A series whose occurrences shift off non-working days can only be told as overrides worked out here, so
 * its rule stops where they stop (the subscribed calendar moves the end on at each refresh).
 */
function untilHorizon(rule: string, horizon: Date): string {
  if (/(^|;)(UNTIL|COUNT)=/.test(rule)) return rule;
  const utc = horizon
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  return `${rule};UNTIL=${utc}`;
}

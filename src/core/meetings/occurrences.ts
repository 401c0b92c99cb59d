// A series' occurrences as people see them: the rule's dates, less cancellations, with one-off moves and
// the series' working-day adjustment applied, each with its papers deadline counted in working days.
import { occurrencesBetween } from "../time/recurrence.ts";
import { addWorkingDays, nearestWorkingDay, whyNotWorking, withClosures } from "../time/working-days.ts";
import { instantToWall, localDate, wallToInstant } from "../time/zone.ts";
import type { Meeting } from "../types.ts";

export interface Occurrence {
  meeting: Meeting;
  startsAt: Date;
  endsAt: Date;
  /** Local date of the papers deadline. */
  papersDue: string;
  /** The local date the rule gave; the key for cancelling, moving or restoring this occurrence. */
  ruleDate: string;
  /** Set when the occurrence was moved (one-off or by the series' working-day rule). */
  moved: boolean;
  /** Why the day is not a working day ("a Saturday", "a bank holiday"), or null. */
  offDay: string | null;
}

export const meetingRef = (id: number) => `M-${id}`;
const DAY_MS = 86_400_000;
// Working-day adjustment moves an occurrence by at most a long weekend plus a closure; look this far around.
export const ADJUST_SLACK_DAYS = 21;

/**
 * Occurrences of one meeting starting within [from, to], soonest first. `closures` (the partnership's
 * closure days) is required, never defaulted: a caller that forgot it would show a papers deadline on a
 * closure day while every other view skipped it.
 *
 * Expanding a rule with working-day rules costs tens of milliseconds a series over years, and every view
 * asks again, so the expansion over whole UTC days around [from, to] is remembered, keyed by everything
 * that shapes it (the series' rule, start, length, moves, cancellations and adjustment, the zone, the
 * closure days and the days): a changed series or closure list is a new key, never a stale answer.
 */
export function occurrencesOf(
  meeting: Meeting,
  zone: string,
  from: Date,
  to: Date,
  closures: readonly string[],
): Occurrence[] {
  const lo = Math.floor(from.getTime() / DAY_MS) * DAY_MS;
  const hi = Math.ceil(to.getTime() / DAY_MS) * DAY_MS;
  const key = JSON.stringify([
    meeting.id,
    meeting.startsAt.getTime(),
    meeting.durationMinutes,
    meeting.rrule,
    meeting.papersDaysBefore,
    meeting.cancelledDates,
    meeting.adjust,
    meeting.moves,
    zone,
    closures,
    lo,
    hi,
  ]);
  const days = expansions.get(key, () => expand(meeting, zone, new Date(lo), new Date(hi), closures));
  // The day-wide expansion filtered to the range gives what expanding the range itself gives: each
  // occurrence depends on its own rule date alone. Fresh objects, so no caller can change the memo
  // (Object.assign: a spread then a new field builds a slow object on Node 20, ARCHITECTURE.md).
  return days
    .filter((o) => o.startsAt >= from && o.startsAt <= to)
    .map((o) =>
      Object.assign({}, o, { meeting, startsAt: new Date(o.startsAt), endsAt: new Date(o.endsAt) }),
    );
}

type Expanded = Omit<Occurrence, "meeting">;

/** Least recently used first out, bounded by the occurrences held (a long daily series is many). */
class ExpansionMemo {
  private readonly held = new Map<string, Expanded[]>();
  private total = 0;

  constructor(private readonly maxOccurrences: number) {}

  get(key: string, make: () => Expanded[]): Expanded[] {
    const hit = this.held.get(key);
    if (hit) {
      this.held.delete(key);
      this.held.set(key, hit);
      return hit;
    }
    const made = make();
    if (made.length > this.maxOccurrences) return made;
    this.held.set(key, made);
    this.total += made.length;
    for (const [oldKey, old] of this.held) {
      if (this.total <= this.maxOccurrences) break;
      this.held.delete(oldKey);
      this.total -= old.length;
    }
    return made;
  }
}

const expansions = new ExpansionMemo(50_000);

function expand(
  meeting: Meeting,
  zone: string,
  from: Date,
  to: Date,
  closures: readonly string[],
): Expanded[] {
  const holidays = withClosures(closures);
  const slack = ADJUST_SLACK_DAYS * DAY_MS;
  const base = occurrencesBetween(
    meeting,
    zone,
    new Date(from.getTime() - slack),
    new Date(to.getTime() + slack),
  );
  const starts: { ruleDate: string; at: Date; moved: boolean }[] = [];
  for (const at of base) {
    const ruleDate = localDate(at, zone);
    if (meeting.moves[ruleDate]) continue;
    const shifted = meeting.adjust ? shiftToWorkingDay(at, zone, meeting.adjust, holidays) : at;
    starts.push({ ruleDate, at: shifted, moved: shifted.getTime() !== at.getTime() });
  }
  for (const [ruleDate, iso] of Object.entries(meeting.moves)) {
    if (!meeting.cancelledDates.includes(ruleDate)) starts.push({ ruleDate, at: new Date(iso), moved: true });
  }
  return starts
    .filter((s) => s.at >= from && s.at <= to)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map(({ ruleDate, at, moved }) => {
      const day = localDate(at, zone);
      return {
        startsAt: at,
        endsAt: new Date(at.getTime() + meeting.durationMinutes * 60_000),
        papersDue: addWorkingDays(day, -meeting.papersDaysBefore, holidays),
        ruleDate,
        moved,
        offDay: whyNotWorking(day, closures),
      };
    });
}

/** The same wall-clock time on the nearest working day in the given direction. */
export function shiftToWorkingDay(
  at: Date,
  zone: string,
  direction: "next" | "previous",
  holidays: ReturnType<typeof withClosures>,
): Date {
  const day = localDate(at, zone);
  const target = nearestWorkingDay(day, direction === "next" ? 1 : -1, holidays);
  if (target === day) return at;
  const [year, month, date] = target.split("-").map(Number);
  return wallToInstant(
    { ...instantToWall(at, zone), year: year ?? 0, month: month ?? 1, day: date ?? 1 },
    zone,
  );
}

/** All upcoming occurrences (in progress or later) across the given meetings within the horizon, soonest first. */
export function upcomingAll(
  meetings: Meeting[],
  zone: string,
  now: Date,
  horizonDays: number,
  closures: readonly string[],
): Occurrence[] {
  const to = new Date(now.getTime() + horizonDays * DAY_MS);
  const all = meetings.flatMap((m) =>
    occurrencesOf(m, zone, new Date(now.getTime() - m.durationMinutes * 60_000), to, closures).filter(
      (o) => o.endsAt > now,
    ),
  );
  return all.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** The first `limit` upcoming occurrences. */
export function upcoming(
  meetings: Meeting[],
  zone: string,
  now: Date,
  horizonDays: number,
  limit: number,
  closures: readonly string[],
): Occurrence[] {
  return upcomingAll(meetings, zone, now, horizonDays, closures).slice(0, limit);
}

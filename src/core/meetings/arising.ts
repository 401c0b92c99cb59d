// Actions arising: which occurrence of a series an action came from, and what an occurrence left open.
import type { Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { parseDate } from "../time/parse-date.ts";
import { formatDate, localDate } from "../time/zone.ts";
import type { ActionView, Meeting } from "../types.ts";
import { closuresOf, meetingRef, type Occurrence, occurrencesOf } from "./service.ts";

const DAY = 86_400_000;
// How far back and ahead an occurrence is looked for: a series older than this has no "previous" meeting.
const SEARCH_DAYS = 3 * 366;

/** The occurrence of the series on a local date, or null when it does not meet that day (or was cancelled). */
export function occurrenceOn(
  meeting: Meeting,
  zone: string,
  date: string,
  closures: readonly string[],
): Occurrence | null {
  const around = new Date(`${date}T12:00:00Z`).getTime();
  const near = occurrencesOf(meeting, zone, new Date(around - 2 * DAY), new Date(around + 2 * DAY), closures);
  return near.find((o) => localDate(o.startsAt, zone) === date) ?? null;
}

/** The latest occurrence starting before `instant`, or null when there is none within three years. */
export function previousOccurrence(
  meeting: Meeting,
  zone: string,
  instant: Date,
  closures: readonly string[],
): Occurrence | null {
  const from = new Date(instant.getTime() - SEARCH_DAYS * DAY);
  const before = occurrencesOf(meeting, zone, from, new Date(instant.getTime() - 1), closures);
  return before.at(-1) ?? null;
}

/** The first occurrence starting at or after `instant`, or null. */
export function nextOccurrence(
  meeting: Meeting,
  zone: string,
  instant: Date,
  closures: readonly string[],
): Occurrence | null {
  const to = new Date(instant.getTime() + SEARCH_DAYS * DAY);
  return occurrencesOf(meeting, zone, instant, to, closures)[0] ?? null;
}

/**
 * The occurrence a user means: the one on `dateText` when given (it must be a real, uncancelled one),
 * otherwise the latest that has started (`prefer: "held"`, for actions arising) or the next one
 * (`prefer: "next"`, for papers), falling back to the other when there is none.
 */
export function chooseOccurrence(
  ctx: Context,
  meeting: Meeting,
  dateText: string | null,
  prefer: "held" | "next",
): Occurrence {
  const zone = ctx.partnership.timeZone;
  const closures = closuresOf(ctx);
  if (dateText?.trim()) {
    const date = parseDate(dateText, zone, ctx.now).date;
    const found = occurrenceOn(meeting, zone, date, closures);
    if (found) return found;
    const near = nearbyDates(meeting, zone, date, closures);
    throw new QuorumError(
      "not_found",
      `${meetingRef(meeting.id)} does not meet on ${formatDate(date)}${meeting.cancelledDates.includes(date) ? " (that meeting was cancelled)" : ""}.${near ? ` It meets on ${near}.` : ""}`,
    );
  }
  const soon = new Date(ctx.now.getTime() + 1);
  const held = previousOccurrence(meeting, zone, soon, closures);
  const next = nextOccurrence(meeting, zone, soon, closures);
  const found = prefer === "held" ? (held ?? next) : (next ?? held);
  if (!found) throw new QuorumError("not_found", `${meetingRef(meeting.id)} has no meetings to choose from.`);
  return found;
}

function nearbyDates(meeting: Meeting, zone: string, date: string, closures: readonly string[]): string {
  const mid = new Date(`${date}T12:00:00Z`);
  const before = previousOccurrence(meeting, zone, mid, closures);
  const after = nextOccurrence(meeting, zone, mid, closures);
  return [before, after]
    .filter((o): o is Occurrence => o !== null)
    .map((o) => formatDate(localDate(o.startsAt, zone), 0))
    .join(" and ");
}

export interface OccurrenceActions {
  occurrence: Occurrence;
  /** The series' occurrence before this one, if any. */
  previous: Occurrence | null;
  /** Actions recorded as arising at this occurrence, whatever their status. */
  arising: ActionView[];
  /** Actions from earlier occurrences of the series that are still open. */
  carried: ActionView[];
}

/**
 * What `meeting show M-<n> [date]` lists under the occurrence: its actions arising and the open actions
 * carried from earlier occurrences of the same series (agenda items and apologies live with the meeting).
 */
export async function occurrenceActions(ctx: Context, occurrence: Occurrence): Promise<OccurrenceActions> {
  const zone = ctx.partnership.timeZone;
  const meeting = occurrence.meeting;
  const day = localDate(occurrence.startsAt, zone);
  const all = await ctx.repos.actions.list(ctx.partnership.id, {
    statuses: ["open", "done", "dropped"],
    meetingId: meeting.id,
    limit: 100_000,
  });
  return {
    occurrence,
    previous: previousOccurrence(meeting, zone, occurrence.startsAt, closuresOf(ctx)),
    arising: all.filter((a) => a.meetingDate === day),
    carried: all.filter((a) => a.status === "open" && a.meetingDate !== null && a.meetingDate < day),
  };
}

/** "M-3, Fri 22 Jan 2027": where an action arose, for cards and papers. */
export function aroseAt(a: Pick<ActionView, "meetingId" | "meetingDate">): string | null {
  if (a.meetingId === null) return null;
  return a.meetingDate
    ? `${meetingRef(a.meetingId)}, ${formatDate(a.meetingDate, 0)}`
    : meetingRef(a.meetingId);
}

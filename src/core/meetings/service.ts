// Meeting rules: scheduling, who may manage a group's meetings, finding, cancelling and restoring occurrences.
import { audit, type Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { firstOccurrence } from "../time/recurrence.ts";
import { formatDate, localDate } from "../time/zone.ts";
import type { Group, Meeting } from "../types.ts";
import { meetingRef, type Occurrence, occurrencesOf, upcoming } from "./occurrences.ts";

export type { Occurrence } from "./occurrences.ts";
export { meetingRef, occurrencesOf, upcoming, upcomingAll } from "./occurrences.ts";

export const MAX_MEETING_TITLE = 200;
/** How far ahead a date given for one occurrence is looked for. */
export const LOOKAHEAD_DAYS = 5 * 366;

export interface NewMeetingInput {
  group: Group;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  place: string | null;
  rrule: string | null;
  papersDaysBefore: number;
}

export const closuresOf = (ctx: Pick<Context, "partnership">) => ctx.partnership.closureDays ?? [];

export function checkTitle(title: string): void {
  if (title.length > MAX_MEETING_TITLE) {
    throw new QuorumError(
      "too_long",
      `The title is ${title.length} characters; the limit is ${MAX_MEETING_TITLE}.`,
    );
  }
}

/**
 * The first meeting of a series is its rule's first date on or after the time given: "second Thursday of
 * every month" from a Monday starts on the next second Thursday, at the time given.
 */
export function snapStart(rule: string | null, startsAt: Date, zone: string): Date {
  if (!rule) return startsAt;
  const first = firstOccurrence(rule, startsAt, zone);
  if (!first) throw new QuorumError("bad_argument", "That repeat never happens after the start date.");
  // RFC 5545 counts "every 6 weeks on Monday" in whole weeks from DTSTART's week, so from a Tuesday the
  // first Monday would be six weeks away; people mean the coming Monday, so start the series there.
  const weekly = /^FREQ=WEEKLY;(?:.*;)?BYDAY=([A-Z,]+)/.exec(rule);
  const day = weekly?.[1] ? firstOccurrence(`FREQ=DAILY;BYDAY=${weekly[1]}`, startsAt, zone) : undefined;
  return day && day < first ? day : first;
}

export async function scheduleMeeting(ctx: Context, input: NewMeetingInput): Promise<Meeting> {
  const title = input.title.trim() || input.group.name;
  checkTitle(title);
  if (input.startsAt < ctx.now && !input.rrule) {
    throw new QuorumError("bad_argument", "That time has already passed; give a future date.");
  }
  assertMayManage(ctx, input.group);
  const startsAt = snapStart(input.rrule, input.startsAt, ctx.partnership.timeZone);
  const meeting = await ctx.repos.meetings.insert({
    partnershipId: ctx.partnership.id,
    groupId: input.group.id,
    title,
    startsAt,
    durationMinutes: input.durationMinutes,
    place: input.place,
    rrule: input.rrule,
    papersDaysBefore: input.papersDaysBefore,
    createdBy: ctx.actor.id,
  });
  await audit(ctx, "meeting.add", meetingRef(meeting.id), { title, startsAt, rrule: input.rrule });
  return meeting;
}

/** A group's meetings are its chair's to schedule, cancel or restore (and any admin's). */
export function assertMayManage(ctx: Context, group: Group): void {
  if (ctx.actor.role === "admin" || group.chairId === ctx.actor.id) return;
  throw new QuorumError(
    "forbidden",
    `Only ${group.name}'s chair or an admin can add, cancel or change its meetings.`,
  );
}

/** The upcoming occurrence on a date (its current date or the date the rule gave it), or the next one. */
export function findOccurrence(
  ctx: Context,
  meeting: Meeting,
  date: string | null,
  verb: string,
): Occurrence {
  const zone = ctx.partnership.timeZone;
  const candidates = upcoming([meeting], zone, ctx.now, LOOKAHEAD_DAYS, 2000, closuresOf(ctx));
  const target = date
    ? (candidates.find((o) => localDate(o.startsAt, zone) === date) ??
      candidates.find((o) => o.ruleDate === date))
    : candidates[0];
  if (!target) {
    throw new QuorumError(
      "not_found",
      date
        ? `${meetingRef(meeting.id)} has no upcoming meeting on ${formatDate(date)}.`
        : `${meetingRef(meeting.id)} has no upcoming meeting to ${verb}.`,
    );
  }
  return target;
}

export async function cancelOccurrence(
  ctx: Context,
  meeting: Meeting,
  group: Group,
  date: string | null,
): Promise<Occurrence> {
  assertMayManage(ctx, group);
  const target = findOccurrence(ctx, meeting, date, "cancel");
  const moves = { ...meeting.moves };
  delete moves[target.ruleDate];
  await ctx.repos.meetings.update(meeting.id, {
    cancelledDates: [...meeting.cancelledDates, target.ruleDate],
    moves,
  });
  await audit(ctx, "meeting.cancel", meetingRef(meeting.id), { date: target.ruleDate });
  return target;
}

/** Undoes the cancellation of one occurrence, which must still be ahead. */
export async function restoreOccurrence(
  ctx: Context,
  meeting: Meeting,
  group: Group,
  date: string,
): Promise<Occurrence> {
  assertMayManage(ctx, group);
  if (!meeting.cancelledDates.includes(date))
    throw new QuorumError("not_found", `${meetingRef(meeting.id)} was not cancelled on ${formatDate(date)}.`);
  const zone = ctx.partnership.timeZone;
  const restored = { ...meeting, cancelledDates: meeting.cancelledDates.filter((d) => d !== date) };
  const target = upcoming([restored], zone, ctx.now, LOOKAHEAD_DAYS, 2000, closuresOf(ctx)).find(
    (o) => o.ruleDate === date,
  );
  if (!target)
    throw new QuorumError(
      "bad_argument",
      `The ${formatDate(date)} meeting has already taken place; there is nothing to restore.`,
    );
  await ctx.repos.meetings.setCancelledDates(meeting.id, restored.cancelledDates);
  await audit(ctx, "meeting.restore", meetingRef(meeting.id), { date });
  return target;
}

/** Other meetings of the same group starting within two hours of any of these occurrences. */
export function clashes(
  occurrences: Occurrence[],
  others: Meeting[],
  zone: string,
  closures: readonly string[],
) {
  const window = 2 * 3_600_000;
  const found: { mine: Occurrence; theirs: Occurrence }[] = [];
  for (const mine of occurrences) {
    const near = others
      .filter((m) => m.id !== mine.meeting.id && m.groupId === mine.meeting.groupId)
      .flatMap((m) =>
        occurrencesOf(
          m,
          zone,
          new Date(mine.startsAt.getTime() - window),
          new Date(mine.startsAt.getTime() + window),
          closures,
        ),
      );
    for (const theirs of near) found.push({ mine, theirs });
  }
  return found;
}

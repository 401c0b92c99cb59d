// Meeting rules: scheduling, computed occurrences, papers deadlines and cancelling one occurrence.
import { audit, type Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { occurrencesBetween } from "../time/recurrence.ts";
import { addDays, formatDate, localDate } from "../time/zone.ts";
import type { Group, Meeting } from "../types.ts";

export interface Occurrence {
  meeting: Meeting;
  startsAt: Date;
  endsAt: Date;
  /** Local date of the papers deadline. */
  papersDue: string;
}

export const meetingRef = (id: number) => `M-${id}`;
export const MAX_MEETING_TITLE = 200;

export interface NewMeetingInput {
  group: Group;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  place: string | null;
  rrule: string | null;
  papersDaysBefore: number;
}

export async function scheduleMeeting(ctx: Context, input: NewMeetingInput): Promise<Meeting> {
  const title = input.title.trim() || input.group.name;
  if (title.length > MAX_MEETING_TITLE) {
    throw new QuorumError(
      "too_long",
      `The title is ${title.length} characters; the limit is ${MAX_MEETING_TITLE}.`,
    );
  }
  if (input.startsAt < ctx.now && !input.rrule) {
    throw new QuorumError("bad_argument", "That time has already passed; give a future date.");
  }
  assertMayManage(ctx, input.group);
  const meeting = await ctx.repos.meetings.insert({
    partnershipId: ctx.partnership.id,
    groupId: input.group.id,
    title,
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    place: input.place,
    rrule: input.rrule,
    papersDaysBefore: input.papersDaysBefore,
    createdBy: ctx.actor.id,
  });
  await audit(ctx, "meeting.add", meetingRef(meeting.id), {
    title,
    startsAt: input.startsAt,
    rrule: input.rrule,
  });
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

export function occurrencesOf(meeting: Meeting, zone: string, from: Date, to: Date): Occurrence[] {
  return occurrencesBetween(meeting, zone, from, to).map((startsAt) => ({
    meeting,
    startsAt,
    endsAt: new Date(startsAt.getTime() + meeting.durationMinutes * 60_000),
    papersDue: addDays(localDate(startsAt, zone), -meeting.papersDaysBefore),
  }));
}

/** Upcoming occurrences (in progress or later) across the given meetings, soonest first. */
export function upcoming(
  meetings: Meeting[],
  zone: string,
  now: Date,
  horizonDays: number,
  limit: number,
): Occurrence[] {
  const to = new Date(now.getTime() + horizonDays * 86_400_000);
  const all = meetings.flatMap((m) =>
    occurrencesOf(m, zone, new Date(now.getTime() - m.durationMinutes * 60_000), to).filter(
      (o) => o.endsAt > now,
    ),
  );
  return all.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).slice(0, limit);
}

export async function cancelOccurrence(
  ctx: Context,
  meeting: Meeting,
  group: Group,
  date: string | null,
): Promise<Occurrence> {
  assertMayManage(ctx, group);
  const zone = ctx.partnership.timeZone;
  const candidates = upcoming([meeting], zone, ctx.now, 3 * 366, 500);
  const target = date ? candidates.find((o) => localDate(o.startsAt, zone) === date) : candidates[0];
  if (!target) {
    throw new QuorumError(
      "not_found",
      date
        ? `${meetingRef(meeting.id)} has no upcoming meeting on ${formatDate(date)}.`
        : `${meetingRef(meeting.id)} has no upcoming meeting to cancel.`,
    );
  }
  const day = localDate(target.startsAt, zone);
  await ctx.repos.meetings.setCancelledDates(meeting.id, [...meeting.cancelledDates, day]);
  await audit(ctx, "meeting.cancel", meetingRef(meeting.id), { date: day });
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
  const target = upcoming([restored], zone, ctx.now, 3 * 366, 500).find(
    (o) => localDate(o.startsAt, zone) === date,
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

// Changing a meeting: moving one occurrence, moving a series off non-working days, and updating a series
// from a date onwards (the earlier meetings keep their record; the rest become a new series).
import { audit, type Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { withClosures } from "../time/working-days.ts";
import { formatDate, instantToWall, localDate, wallToInstant } from "../time/zone.ts";
import type { Group, Meeting } from "../types.ts";
import { meetingRef, type Occurrence, shiftToWorkingDay, upcoming } from "./occurrences.ts";
import {
  assertMayManage,
  checkTitle,
  closuresOf,
  findOccurrence,
  LOOKAHEAD_DAYS,
  snapStart,
} from "./service.ts";

export type Direction = "next" | "previous";

/** Moves one occurrence to a new start, or to the next/previous working day at the same time. */
export async function moveOccurrence(
  ctx: Context,
  meeting: Meeting,
  group: Group,
  date: string,
  to: Date | Direction,
): Promise<{ before: Occurrence; after: Occurrence }> {
  assertMayManage(ctx, group);
  const zone = ctx.partnership.timeZone;
  const before = findOccurrence(ctx, meeting, date, "move");
  // Moved by the series' working-day rule: count from the rule's own date, so "previous" from a Sunday
  // meeting shown on Monday lands on the Friday.
  const from =
    before.moved && !meeting.moves[before.ruleDate]
      ? ruleStartOf(meeting, before.ruleDate, zone)
      : before.startsAt;
  const target = to instanceof Date ? to : shiftToWorkingDay(from, zone, to, withClosures(closuresOf(ctx)));
  if (target.getTime() === before.startsAt.getTime())
    throw new QuorumError(
      "bad_argument",
      to instanceof Date
        ? "That is when it already meets."
        : `${formatDate(localDate(before.startsAt, zone))} is already a working day; nothing to move.`,
    );
  if (target < ctx.now)
    throw new QuorumError("bad_argument", "That time has already passed; give a future date.");
  const moves = { ...meeting.moves, [before.ruleDate]: target.toISOString() };
  // Moving it back onto the rule's own date and time is simply undoing the move.
  if (!meeting.rrule || target.getTime() === ruleStartOf(meeting, before.ruleDate, zone).getTime())
    delete moves[before.ruleDate];
  const changed = meeting.rrule ? { moves } : { startsAt: target };
  await ctx.repos.meetings.update(meeting.id, changed);
  const updated = { ...meeting, ...changed };
  const after = upcoming([updated], zone, ctx.now, LOOKAHEAD_DAYS, 2000, closuresOf(ctx)).find(
    (o) => o.ruleDate === (meeting.rrule ? before.ruleDate : localDate(target, zone)),
  );
  if (!after) throw new Error("moved occurrence vanished");
  await audit(ctx, "meeting.move", meetingRef(meeting.id), { date: before.ruleDate, to: target });
  return { before, after };
}

/** Every occurrence of the series on a non-working day moves to the next (or previous) working day. */
export async function adjustSeries(
  ctx: Context,
  meeting: Meeting,
  group: Group,
  direction: Direction | null,
) {
  assertMayManage(ctx, group);
  await ctx.repos.meetings.update(meeting.id, { adjust: direction });
  await audit(ctx, "meeting.adjust", meetingRef(meeting.id), { adjust: direction });
  return { ...meeting, adjust: direction };
}

export interface SeriesChange {
  startsAt?: Date;
  /** Only the time of day changes; dates stay on the rule. */
  timeOfDay?: { hour: number; minute: number };
  place?: string | null;
  title?: string;
  rrule?: string | null;
  papersDaysBefore?: number;
  durationMinutes?: number;
}

/**
 * Applies a change from `from` onwards. A series with meetings before `from` is ended the day before and
 * the rest becomes a new series (a new M-number), so past meetings keep the details they had.
 */
export async function updateSeries(
  ctx: Context,
  meeting: Meeting,
  group: Group,
  from: string,
  change: SeriesChange,
): Promise<{ meeting: Meeting; split: boolean }> {
  assertMayManage(ctx, group);
  const zone = ctx.partnership.timeZone;
  if (change.title !== undefined) checkTitle(change.title);
  const rule = change.rrule === undefined ? meeting.rrule : change.rrule;
  const fromOccurrence = upcoming([meeting], zone, ctx.now, LOOKAHEAD_DAYS, 2000, closuresOf(ctx)).find(
    (o) => o.ruleDate >= from,
  );
  let start = change.startsAt ?? fromOccurrence?.startsAt ?? meeting.startsAt;
  if (!change.startsAt && fromOccurrence?.moved) start = ruleStartOf(meeting, fromOccurrence.ruleDate, zone);
  if (change.timeOfDay) start = atTime(start, change.timeOfDay, zone);
  start = snapStart(rule, start, zone);
  if (start < ctx.now && !rule)
    throw new QuorumError("bad_argument", "That time has already passed; give a future date.");
  const patch = {
    ...(change.title !== undefined ? { title: change.title } : {}),
    ...(change.place !== undefined ? { place: change.place } : {}),
    ...(change.papersDaysBefore !== undefined ? { papersDaysBefore: change.papersDaysBefore } : {}),
    ...(change.durationMinutes !== undefined ? { durationMinutes: change.durationMinutes } : {}),
    rrule: rule,
    startsAt: start,
  };
  const earlier = meeting.rrule !== null && localDate(meeting.startsAt, zone) < from;
  if (!earlier) {
    await ctx.repos.meetings.update(meeting.id, patch);
    await audit(ctx, "meeting.update", meetingRef(meeting.id), { ...patch });
    return { meeting: { ...meeting, ...patch }, split: false };
  }
  const sameDates = rule === meeting.rrule && !change.startsAt && !change.timeOfDay;
  const keep = (d: string) => d < from;
  await ctx.repos.meetings.update(meeting.id, {
    rrule: `${(meeting.rrule ?? "").replace(/;UNTIL=[^;]*/, "")};UNTIL=${from.replaceAll("-", "")}T000000`,
    cancelledDates: meeting.cancelledDates.filter(keep),
    moves: Object.fromEntries(Object.entries(meeting.moves).filter(([d]) => keep(d))),
  });
  const next = await ctx.repos.meetings.insert({
    partnershipId: meeting.partnershipId,
    groupId: meeting.groupId,
    title: meeting.title,
    durationMinutes: meeting.durationMinutes,
    place: meeting.place,
    papersDaysBefore: meeting.papersDaysBefore,
    adjust: meeting.adjust,
    ...patch,
    cancelledDates: sameDates ? meeting.cancelledDates.filter((d) => !keep(d)) : [],
    moves: sameDates ? Object.fromEntries(Object.entries(meeting.moves).filter(([d]) => !keep(d))) : {},
    createdBy: ctx.actor.id,
  });
  await audit(ctx, "meeting.update", meetingRef(meeting.id), { from, continuedAs: meetingRef(next.id) });
  return { meeting: next, split: true };
}

function ruleStartOf(m: Meeting, ruleDate: string, zone: string): Date {
  const wall = new Date(m.startsAt);
  const [y, mo, d] = ruleDate.split("-").map(Number);
  return atTime(wall, localTime(wall, zone), zone, { year: y ?? 0, month: mo ?? 1, day: d ?? 1 });
}

const localTime = (at: Date, zone: string) => {
  const { hour, minute } = instantToWall(at, zone);
  return { hour, minute };
};

function atTime(
  at: Date,
  time: { hour: number; minute: number },
  zone: string,
  date?: { year: number; month: number; day: number },
): Date {
  return wallToInstant({ ...instantToWall(at, zone), ...(date ?? {}), ...time }, zone);
}

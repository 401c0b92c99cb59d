// What a chair should hear when scheduling or changing a meeting: occurrences that land on a non-working
// day (with one-word moves), and other meetings of the same group within two hours.
import { type Block, text } from "../card.ts";
import type { Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { formatDate, formatInstant } from "../time/zone.ts";
import type { Group, Meeting } from "../types.ts";
import { moveButtons } from "./cards.ts";
import { meetingRef, type Occurrence, occurrencesOf } from "./occurrences.ts";
import { clashes, closuresOf } from "./service.ts";

/** How far ahead a new or changed series is checked for weekends, holidays and clashes. */
const CHECK_DAYS = 2 * 366;
const SHOW = 4;

export const mayManageGroup = (ctx: Context, group: Group | undefined) =>
  ctx.actor.role === "admin" || (group !== undefined && group.chairId === ctx.actor.id);

export function parsePapers(value: string | undefined): number {
  const papers = value === undefined ? 5 : Number(value);
  if (!Number.isInteger(papers) || papers < 0 || papers > 40) {
    throw new QuorumError(
      "bad_argument",
      `papers: takes the number of working days before the meeting (0 to 40), not "${value}".`,
    );
  }
  return papers;
}

const listed = (list: string[]) =>
  list.length > SHOW ? `${list.slice(0, SHOW).join(", ")} and ${list.length - SHOW} more` : list.join(", ");

/** Non-working-day and clash warnings for a meeting's occurrences in the next two years. */
export async function scheduleWarnings(
  ctx: Context,
  meeting: Meeting,
  from: Date = ctx.now,
): Promise<Block[]> {
  const zone = ctx.partnership.timeZone;
  const closures = closuresOf(ctx);
  const ahead = occurrencesOf(
    meeting,
    zone,
    from,
    new Date(from.getTime() + CHECK_DAYS * 86_400_000),
    closures,
  );
  const blocks: Block[] = [...offDayWarning(meeting, ahead, zone)];
  const others = await ctx.repos.meetings.list(ctx.partnership.id, meeting.groupId);
  blocks.push(...clashWarning(clashes(ahead, others, zone, closures), zone));
  return blocks;
}

export function offDayWarning(meeting: Meeting, ahead: Occurrence[], zone: string): Block[] {
  const off = ahead.filter((o) => o.offDay);
  if (!off.length) return [];
  const which = off.map((o) => `${formatInstant(o.startsAt, zone).slice(0, -7)} (${o.offDay})`);
  const lead =
    off.length === 1 && ahead.length === 1
      ? `This falls on ${off[0]?.offDay}: ${which[0]}.`
      : `${off.length} of the next ${ahead.length} meetings fall on a non-working day: ${listed(which)}.`;
  const date = ahead.length === 1 ? (off[0]?.ruleDate ?? "all") : "all";
  return [
    text(`⚠ ${lead} Move ${date === "all" ? "them" : "it"} with one word:`),
    { kind: "buttons", buttons: moveButtons(meeting, date) },
  ];
}

export function clashWarning(found: ReturnType<typeof clashes>, zone: string): Block[] {
  if (!found.length) return [];
  const lines = found.map(
    ({ mine, theirs }) =>
      `${formatDate(mine.ruleDate)}: ${theirs.meeting.title} (${meetingRef(theirs.meeting.id)}) at ${formatInstant(theirs.startsAt, zone)}`,
  );
  return [text(`⚠ Clash: the same group meets within two hours on ${listed(lines)}.`)];
}

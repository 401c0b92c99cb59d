// Meeting series read from a calendar file become Quorum meetings, all in the command's one transaction.
import { audit, type Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { parseRepeat } from "../time/recurrence.ts";
import { localDate } from "../time/zone.ts";
import type { Group, Meeting } from "../types.ts";
import { assertMayManage, checkTitle, meetingRef } from "./service.ts";

/** One series as a calendar file tells it (src/documents/ics-import.ts reads it). */
export interface ImportedSeries {
  title: string;
  startsAt: Date;
  durationMinutes: number;
  place: string | null;
  /** The RRULE body, or null for a one-off. */
  rrule: string | null;
  /** From the description Quorum writes; null means the usual 5. */
  papersDaysBefore: number | null;
  /** Rule occurrences (original starts) that are cancelled. */
  cancelled: Date[];
  /** Rule occurrences (original starts) moved to another start. */
  moves: { was: Date; to: Date }[];
  /** The whole event is cancelled (STATUS:CANCELLED): nothing to import. */
  cancelledStatus: boolean;
}

const DEFAULT_PAPERS_DAYS = 5;
export const MAX_IMPORTED_SERIES = 200;

/** Checks every series first, then creates them; a bad one stops the import before anything is written. */
export async function importSeries(ctx: Context, group: Group, all: ImportedSeries[]): Promise<Meeting[]> {
  assertMayManage(ctx, group);
  if (all.length > MAX_IMPORTED_SERIES)
    throw new QuorumError(
      "bad_argument",
      `The file has ${all.length} meeting series; import at most ${MAX_IMPORTED_SERIES} at a time.`,
    );
  const zone = ctx.partnership.timeZone;
  const checked = all.map((s) => {
    checkTitle(s.title);
    if (s.durationMinutes < 5 || s.durationMinutes > 24 * 60)
      throw new QuorumError(
        "bad_argument",
        `"${s.title}" lasts ${s.durationMinutes} minutes; a meeting lasts from 5 minutes to a day.`,
      );
    let rrule: string | null = null;
    if (s.rrule) {
      try {
        rrule = parseRepeat(s.rrule);
      } catch {
        throw new QuorumError(
          "bad_argument",
          `"${s.title}" repeats by a rule Quorum cannot read: ${s.rrule}`,
        );
      }
    }
    if (!rrule && s.startsAt < ctx.now)
      throw new QuorumError("bad_argument", `"${s.title}" was a one-off on a date already past.`);
    return { ...s, rrule };
  });
  const made: Meeting[] = [];
  for (const s of checked) {
    const meeting = await ctx.repos.meetings.insert({
      partnershipId: ctx.partnership.id,
      groupId: group.id,
      title: s.title,
      startsAt: s.startsAt,
      durationMinutes: s.durationMinutes,
      place: s.place,
      rrule: s.rrule,
      papersDaysBefore: s.papersDaysBefore ?? DEFAULT_PAPERS_DAYS,
      cancelledDates: [...new Set(s.cancelled.map((d) => localDate(d, zone)))].sort(),
      moves: Object.fromEntries(s.moves.map((m) => [localDate(m.was, zone), m.to.toISOString()])),
      createdBy: ctx.actor.id,
    });
    await audit(ctx, "meeting.import", meetingRef(meeting.id), { title: s.title, rrule: s.rrule });
    made.push(meeting);
  }
  return made;
}

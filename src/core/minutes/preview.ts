// Pasted minutes → a stored preview of the actions they record: names and dates resolved, nothing created.
import { MAX_TITLE } from "../actions/rules.ts";
import type { Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { chooseOccurrence, nextOccurrence } from "../meetings/arising.ts";
import { closuresOf, meetingRef, type Occurrence } from "../meetings/service.ts";
import { parseDate } from "../time/parse-date.ts";
import { formatDate, localDate } from "../time/zone.ts";
import type { Group, Meeting } from "../types.ts";
import { type Directory, resolveOwner } from "./owners.ts";
import { type MinuteAction, parseMinutes } from "./parse-minutes.ts";
import type { MinutesPreview, PreviewItem } from "./ports.ts";

/** Longest paste read: about six pages of minutes. Longer, and only the part with the actions is wanted. */
export const MAX_MINUTES = 15_000;
/** A preview waits this long for Create all; a click days later should not surprise anyone. */
export const PREVIEW_HOURS = 24;
export const EXAMPLE_LINE = "ACTION: Sam to circulate the draft by 31/1";

const NEXT_MEETING = /^(?:the\s+)?next\s+(?:meeting|board|[\w-]+\s+meeting)$/i;

/** Who may turn minutes into actions: whoever may add actions (members and admins, not observers). */
export function assertMayAddActions(ctx: Context): void {
  if (ctx.actor.role === "observer" || ctx.actor.status !== "active")
    throw new QuorumError(
      "forbidden",
      "Only members and admins can add actions, so you can't turn minutes into actions.",
    );
}

export interface MinutesTarget {
  meeting: Meeting;
  group: Group;
  occurrence: Occurrence;
}

/** The meeting occurrence the minutes are of: the one on `dateText`, else the latest held. */
export async function minutesTarget(ctx: Context, meeting: Meeting, dateText: string | null) {
  const group = await ctx.repos.groups.byId(meeting.groupId);
  if (!group || group.archivedAt)
    throw new QuorumError("not_found", `The group of ${meetingRef(meeting.id)} is archived or gone.`);
  return { meeting, group, occurrence: chooseOccurrence(ctx, meeting, dateText, "held") };
}

/** Reads the paste and stores the preview; refuses a paste with no action lines in it. */
export async function previewMinutes(ctx: Context, target: MinutesTarget, text: string) {
  assertMayAddActions(ctx);
  if (text.length > MAX_MINUTES)
    throw new QuorumError(
      "too_long",
      `That is ${text.length.toLocaleString("en-GB")} characters of minutes; the limit is ${MAX_MINUTES.toLocaleString("en-GB")}. Paste just the actions, or send the minutes in parts.`,
    );
  const zone = ctx.partnership.timeZone;
  const reference = target.occurrence.startsAt;
  const isDate = (words: string) => NEXT_MEETING.test(words.trim()) || readsAsDate(words, zone, reference);
  const parsed = parseMinutes(text, isDate);
  if (parsed.actions.length === 0) throw nothingFound(parsed.unread.length, text);
  const dir = await directory(ctx, target.group);
  const items = parsed.actions.map((a, i) => previewItem(ctx, target, dir, a, i + 1));
  return ctx.repos.minutes.insert({
    partnershipId: ctx.partnership.id,
    personId: ctx.actor.id,
    meetingId: target.meeting.id,
    meetingDate: localDate(target.occurrence.startsAt, zone),
    items,
    unread: parsed.unread,
    expiresAt: new Date(ctx.now.getTime() + PREVIEW_HOURS * 3_600_000),
    createdAt: ctx.now,
  });
}

function nothingFound(unread: number, text: string): QuorumError {
  const what = text.trim()
    ? unread
      ? `${unread} line${unread === 1 ? " looks" : "s look"} like an action but none could be read.`
      : "I found no action lines in that text."
    : "Paste the minutes on the lines after the command.";
  return new QuorumError(
    "bad_argument",
    `${what} Write each action on its own line, e.g. "${EXAMPLE_LINE}" or "Action – ECC (Helen) – map winter capacity – end of January". Nothing was saved.`,
  );
}

function readsAsDate(words: string, zone: string, reference: Date): boolean {
  try {
    parseDate(words, zone, reference);
    return true;
  } catch {
    return false;
  }
}

async function directory(ctx: Context, group: Group): Promise<Directory> {
  const pid = ctx.partnership.id;
  const people = (await ctx.repos.people.list(pid)).filter((p) => p.status === "active");
  const members = (await ctx.repos.groups.members(group.id)).filter((p) => p.status === "active");
  const chair = people.find((p) => p.id === group.chairId) ?? null;
  return { people, orgs: await ctx.repos.organisations.list(pid), members, chair, groupName: group.name };
}

function previewItem(
  ctx: Context,
  target: MinutesTarget,
  dir: Directory,
  a: MinuteAction,
  n: number,
): PreviewItem {
  const owner = resolveOwner(dir, a.owner, a.org);
  const due = a.due ? readDue(ctx, target, a.due) : { date: null, note: null };
  const org = owner.org ?? dir.orgs.find((o) => o.id === owner.person?.organisationId) ?? null;
  return {
    n,
    line: a.line,
    source: a.source.slice(0, 600),
    title: a.title,
    ownerText: a.owner,
    ownerId: owner.person?.id ?? null,
    ownerName: owner.person?.name ?? null,
    organisationId: org?.id ?? null,
    orgCode: org?.code ?? null,
    dueText: a.due,
    dueOn: due.date,
    // A title the action rules would refuse is flagged now, not discovered half-way through Create all.
    flag: owner.flag ?? (a.title.length > MAX_TITLE ? `the title is over ${MAX_TITLE} characters` : null),
    notes: [owner.note, due.note].filter((x): x is string => x !== null),
  };
}

/** The due date, read from the meeting's day: "next Friday" in minutes means the Friday after the meeting. */
function readDue(
  ctx: Context,
  target: MinutesTarget,
  text: string,
): { date: string | null; note: string | null } {
  const zone = ctx.partnership.timeZone;
  if (NEXT_MEETING.test(text.trim())) {
    const next = nextOccurrence(target.meeting, zone, target.occurrence.endsAt, closuresOf(ctx));
    if (!next) return { date: null, note: `"${text}": the series has no next meeting, so no due date` };
    return {
      date: next.papersDue,
      note: `due ${formatDate(next.papersDue, 0)}: the papers deadline for the next meeting`,
    };
  }
  const parsed = parseDate(text, zone, target.occurrence.startsAt);
  const today = localDate(ctx.now, zone);
  const past = parsed.date < today ? ", already passed" : "";
  const how = parsed.reading ? `due ${formatDate(parsed.date, 0)}: ${parsed.reading}${past}` : null;
  return {
    date: parsed.date,
    note: how ?? (past ? `due ${formatDate(parsed.date, 0)} has already passed` : null),
  };
}

/** A preview the actor may act on: theirs, in this partnership, still pending and not expired. */
export async function openPreview(ctx: Context, idText: string | undefined): Promise<MinutesPreview> {
  const pid = ctx.partnership.id;
  if (!idText) {
    const latest = await ctx.repos.minutes.latestPending(ctx.actor.id, ctx.now);
    if (!latest)
      throw new QuorumError(
        "not_found",
        "No minutes are waiting for you to confirm. Paste them again with: actions from minutes M-<n>",
      );
    return latest;
  }
  const id = Number(idText.replace(/^#/, ""));
  const found = Number.isInteger(id) && id > 0 ? await ctx.repos.minutes.byId(pid, id) : null;
  if (!found || found.personId !== ctx.actor.id)
    throw new QuorumError("not_found", `There is no minutes preview ${idText} of yours.`);
  if (found.status === "created")
    throw new QuorumError(
      "conflict",
      `Those minutes were already turned into actions: ${found.refs.join(", ")}. Nothing more was created.`,
    );
  if (found.status === "cancelled")
    throw new QuorumError(
      "conflict",
      "That preview was cancelled, so nothing was created. Paste the minutes again to start over.",
    );
  if (found.expiresAt <= ctx.now)
    throw new QuorumError(
      "conflict",
      `That preview expired (previews wait ${PREVIEW_HOURS} hours), so nothing was created. Paste the minutes again.`,
    );
  return found;
}

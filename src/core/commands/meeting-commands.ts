// The meeting commands: add, next, list, cancel, restore (show, move and update are in meeting-manage-commands.ts).
import { card, text } from "../card.ts";
import type { Context } from "../context.ts";
import { resolveGroup } from "../directory/resolve.ts";
import { QuorumError } from "../errors.ts";
import { meetingListCard, nextMeetingCard } from "../meetings/cards.ts";
import { announceMeetingChange, type NoticeReport } from "../meetings/notices.ts";
import {
  cancelOccurrence,
  closuresOf,
  meetingRef,
  restoreOccurrence,
  scheduleMeeting,
  upcoming,
  upcomingAll,
} from "../meetings/service.ts";
import { mayManageGroup, parsePapers, scheduleWarnings } from "../meetings/warnings.ts";
import { initials, recognise, wordsOf } from "../questions/names.ts";
import { parseDate } from "../time/parse-date.ts";
import { describeRepeat, parseRepeat } from "../time/recurrence.ts";
import { formatInstant, localDate } from "../time/zone.ts";
import type { Group, Meeting } from "../types.ts";
import { moreLine, PAGE_OPTION, pageCount, readPage } from "./paging.ts";
import type { CommandSpec } from "./spec.ts";

export const zoneOf = (ctx: Context) => ctx.partnership.timeZone;
export const today = (ctx: Context) => localDate(ctx.now, zoneOf(ctx));
/** Meetings per page of meeting list. */
export const LIST_PAGE = 50;

export async function resolveMeetingRef(ctx: Context, ref: string): Promise<Meeting> {
  const m = /^m-?(\d{1,9})$/i.exec(ref.trim());
  if (!m?.[1]) throw new QuorumError("bad_argument", `"${ref}" is not a meeting reference like M-3.`);
  const meeting = await ctx.repos.meetings.byId(ctx.partnership.id, Number(m[1]));
  if (!meeting) throw new QuorumError("not_found", `There is no meeting M-${m[1]}.`);
  return meeting;
}

/** "90m", "2h", "1h30", "1:30" or plain minutes. */
export function parseDuration(input: string): number {
  const t = input.trim().toLowerCase();
  const m = /^(?:(\d{1,2})\s*(?:h|hr|hrs|hours?|:))?\s*(?:(\d{1,3})\s*(?:m|min|mins|minutes?)?)?$/.exec(t);
  const minutes = m ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : Number.NaN;
  if (!t || !Number.isFinite(minutes) || minutes < 5 || minutes > 24 * 60) {
    throw new QuorumError("bad_argument", `"${input}" is not a meeting length; try 90m, 2h or 1h30.`);
  }
  return minutes;
}

export async function groupsById(ctx: Context): Promise<Map<number, Group>> {
  return new Map((await ctx.repos.groups.list(ctx.partnership.id)).map((g) => [g.id, g]));
}

const add: CommandSpec = {
  path: ["meeting", "add"],
  summary: "Schedule a meeting, optionally repeating (the group's chair or an admin)",
  usage:
    'meeting add group:slug at:<date and time> ["<title>"] [for:2h] [place:"<where>"] [repeat:"every quarter"] [papers:<working days before>]',
  examples: [
    'meeting add group:hwb at:"12/1/2027 10:00" "Health and Wellbeing Board" repeat:"second Tuesday of every quarter" place:"County Hall"',
    'meeting add group:assembly at:"next tue 14:00" for:3h repeat:"first Tuesday of March and September"',
  ],
  options: {
    group: { value: "slug" },
    at: { value: "date and time", multiword: true },
    for: { value: "length" },
    place: { value: "where", multiword: true },
    repeat: { value: "rule", multiword: true },
    papers: { value: "days" },
  },
  async run(ctx, args) {
    const o = args.options;
    if (!o.group) throw new QuorumError("missing_argument", "Which group is meeting? Add group:slug.");
    if (!o.at)
      throw new QuorumError("missing_argument", 'When? Add at:"<date> <time>", e.g. at:"next tue 10:00".');
    const group = await resolveGroup(ctx, o.group);
    const when = parseDate(o.at, zoneOf(ctx), ctx.now);
    if (!when.time)
      throw new QuorumError("bad_date", `"${o.at}" has no time of day; add one, e.g. ${o.at} 10:00.`);
    const papers = parsePapers(o.papers);
    const meeting = await scheduleMeeting(ctx, {
      group,
      title: args.rest,
      startsAt: when.instant,
      durationMinutes: o.for ? parseDuration(o.for) : 120,
      place: o.place?.trim() || null,
      rrule: o.repeat ? parseRepeat(o.repeat) : null,
      papersDaysBefore: papers,
    });
    const zone = zoneOf(ctx);
    const repeats = meeting.rrule ? `, repeating ${describeRepeat(meeting.rrule)}` : "";
    const snapped =
      meeting.startsAt.getTime() !== when.instant.getTime()
        ? ` (the repeat's first date on or after ${formatInstant(when.instant, zone).slice(0, -7)})`
        : "";
    const warn = await scheduleWarnings(ctx, meeting);
    return card(
      `${meetingRef(meeting.id)} scheduled: ${meeting.title}`,
      [
        text(
          `${formatInstant(meeting.startsAt, zone)}${snapped}${repeats}. Papers are due ${papers} working days before.`,
        ),
        ...warn,
      ],
      { audience: "channel", tone: warn.length ? "warning" : "success" },
    );
  },
};

/** Words around a group's name that name no group: "next meeting", "next hwb meeting". */
const NOT_A_GROUP = new Set(["meeting", "meetings", "one", "please", "the", "of", "for"]);

/**
 * The group "next safer essex meeting" names in its plain words, so they are never silently ignored (the
 * next meeting of some other group would be a wrong answer); none named: undefined, any group's meeting.
 */
async function groupNamedIn(ctx: Context, words: string[]): Promise<Group | undefined> {
  const said = words.join(" ");
  if (wordsOf(said).every((w) => NOT_A_GROUP.has(w))) return undefined;
  const groups = (await ctx.repos.groups.list(ctx.partnership.id)).filter((g) => !g.archivedAt);
  const named = recognise(
    said,
    groups.map((g) => ({ key: g.slug, name: g.name, exact: [g.slug, initials(g.name)] })),
  );
  if (!named)
    throw new QuorumError(
      "bad_argument",
      `"${said}" does not name one group. Say which with group:<slug>; groups lists them.`,
    );
  return resolveGroup(ctx, named.key);
}

const next: CommandSpec = {
  path: ["meeting", "next"],
  openTo: "observer",
  aliases: [["next"]],
  summary: "The next meeting (of a group, or of any group)",
  usage: "meeting next [group:slug | group name]",
  examples: ["meeting next", "meeting next group:hwb", "next safer essex meeting"],
  options: { group: { value: "slug" } },
  async run(ctx, args) {
    const group = args.options.group
      ? await resolveGroup(ctx, args.options.group)
      : await groupNamedIn(ctx, args.words);
    // Together: on PostgreSQL both go out in one round trip (the groups name the meeting's group).
    const [meetings, groups] = await Promise.all([
      ctx.repos.meetings.list(ctx.partnership.id, group?.id),
      groupsById(ctx),
    ]);
    const [first] = upcoming(meetings, zoneOf(ctx), ctx.now, 3 * 366, 1, closuresOf(ctx));
    if (!first) return card(group ? `No meetings scheduled for ${group.name}` : "No meetings scheduled", []);
    return nextMeetingCard(first, zoneOf(ctx), today(ctx), groups.get(first.meeting.groupId));
  },
};

const list: CommandSpec = {
  path: ["meeting", "list"],
  openTo: "observer",
  aliases: [["meetings"]],
  summary: "Upcoming meetings for the next months (default 6)",
  usage: "meeting list [group:slug] [months:<n>] [page:<n>]",
  examples: ["meetings", "meeting list group:assembly months:12", "meeting list months:30 page:2"],
  options: { group: { value: "slug" }, months: { value: "n" }, ...PAGE_OPTION },
  async run(ctx, args) {
    const months = args.options.months ? Number(args.options.months) : 6;
    if (!Number.isInteger(months) || months < 1 || months > 60) {
      throw new QuorumError(
        "bad_argument",
        `months: takes a whole number from 1 to 60, not "${args.options.months}".`,
      );
    }
    const group = args.options.group ? await resolveGroup(ctx, args.options.group) : undefined;
    const meetings = await ctx.repos.meetings.list(ctx.partnership.id, group?.id);
    // The shared paging words, as every cut list says them ("1–50 of 134", "84 more: …").
    const page = readPage(args, LIST_PAGE);
    const all = upcomingAll(meetings, zoneOf(ctx), ctx.now, months * 31, closuresOf(ctx));
    const shown = all.slice(page.offset, page.offset + page.size);
    const count = pageCount(page, shown.length, all.length);
    const title = `Meetings in the next ${months} months${group ? ` (${group.slug})` : ""}: ${count}`;
    const groups = await groupsById(ctx);
    const reply = meetingListCard({ title, shown }, zoneOf(ctx), today(ctx), groups, (id) =>
      mayManageGroup(ctx, groups.get(id)),
    );
    const more = moreLine(list, args, page, all.length, group ? "fewer months:" : "group: or fewer months:");
    return more ? { ...reply, blocks: [...reply.blocks, text(more)] } : reply;
  },
};

export async function meetingAndGroup(
  ctx: Context,
  ref: string,
): Promise<{ meeting: Meeting; group: Group }> {
  const meeting = await resolveMeetingRef(ctx, ref);
  const group = await ctx.repos.groups.byId(meeting.groupId);
  if (!group) throw new QuorumError("not_found", `The group of ${meetingRef(meeting.id)} no longer exists.`);
  return { meeting, group };
}

export function told(r: NoticeReport): string {
  const parts = [
    r.channels ? `${r.channels} linked channel${r.channels === 1 ? "" : "s"}` : "",
    r.people ? `${r.people} member${r.people === 1 ? "" : "s"} directly` : "",
  ].filter(Boolean);
  const missed = r.unreachable
    ? ` ${r.unreachable} member${r.unreachable === 1 ? " has" : "s have"} not used Quorum on chat yet and won't hear.`
    : "";
  return `${parts.length ? `Told ${parts.join(" and ")}.` : "No linked channel or member to tell."}${missed}`;
}

const cancel: CommandSpec = {
  path: ["meeting", "cancel"],
  summary:
    "Cancel one occurrence (the next, or the one on a date) and tell the group (its chair or an admin)",
  usage: "meeting cancel M-<n> [date]",
  examples: ["meeting cancel M-3", "meeting cancel M-3 12/3/2027"],
  minArgs: 1,
  async run(ctx, args) {
    const { meeting, group } = await meetingAndGroup(ctx, args.words[0] ?? "");
    const dateText = args.words.slice(1).join(" ");
    const date = dateText ? parseDate(dateText, zoneOf(ctx), ctx.now).date : null;
    const o = await cancelOccurrence(ctx, meeting, group, date);
    const report = await announceMeetingChange(ctx, o, group, "cancelled");
    const day = o.ruleDate;
    return card(
      `${meeting.title} on ${formatInstant(o.startsAt, zoneOf(ctx))} is cancelled`,
      [
        ...(meeting.rrule ? [text("Later meetings in the series go ahead as planned.")] : []),
        text(`${told(report)} To undo: meeting restore ${meetingRef(meeting.id)} ${day}`),
      ],
      { audience: "channel", tone: "warning" },
    );
  },
};

const restore: CommandSpec = {
  path: ["meeting", "restore"],
  summary: "Undo the cancellation of one occurrence and tell the group (its chair or an admin)",
  usage: "meeting restore M-<n> <date>",
  examples: ["meeting restore M-3 12/3/2027", "meeting restore M-3 2027-03-12"],
  minArgs: 2,
  async run(ctx, args) {
    const { meeting, group } = await meetingAndGroup(ctx, args.words[0] ?? "");
    const date = parseDate(args.words.slice(1).join(" "), zoneOf(ctx), ctx.now).date;
    const o = await restoreOccurrence(ctx, meeting, group, date);
    const report = await announceMeetingChange(ctx, o, group, "restored");
    return card(
      `${meeting.title} on ${formatInstant(o.startsAt, zoneOf(ctx))} is back on`,
      [text(told(report))],
      { audience: "channel", tone: "success" },
    );
  },
};

export const meetingCommands: CommandSpec[] = [add, next, list, cancel, restore];

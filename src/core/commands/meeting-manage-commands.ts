// Managing meetings: show one, move one occurrence (or a series off non-working days), update a series.
import { card, fields, text } from "../card.ts";
import type { Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { meetingCard } from "../meetings/cards.ts";
import { adjustSeries, moveOccurrence, type SeriesChange, updateSeries } from "../meetings/changes.ts";
import { announceToGroup, changeCard } from "../meetings/notices.ts";
import { occurrenceBusiness, occurrenceView } from "../meetings/occurrence-view.ts";
import {
  clashes,
  closuresOf,
  findOccurrence,
  meetingRef,
  occurrencesOf,
  upcoming,
} from "../meetings/service.ts";
import { clashWarning, mayManageGroup, parsePapers, scheduleWarnings } from "../meetings/warnings.ts";
import { parseDate } from "../time/parse-date.ts";
import { describeRepeat, parseRepeat } from "../time/recurrence.ts";
import { formatDate, formatInstant, localDate } from "../time/zone.ts";
import { meetingAndGroup, parseDuration, today, told, zoneOf } from "./meeting-commands.ts";
import { occurrenceFor } from "./occurrence-args.ts";
import type { CommandSpec } from "./spec.ts";

const SHOW_NEXT = 6;
const dateOf = (ctx: Context, words: string[]) =>
  words.length ? parseDate(words.join(" "), zoneOf(ctx), ctx.now).date : null;

const show: CommandSpec = {
  path: ["meeting", "show"],
  openTo: "observer",
  summary:
    "One meeting: its series and next dates, or one occurrence in full (agenda, papers, apologies, decisions, actions)",
  usage: "meeting show M-<n> [date]",
  examples: ["meeting show M-3", "meeting show M-3 17/9/2027"],
  minArgs: 1,
  async run(ctx, args) {
    const { meeting, group } = await meetingAndGroup(ctx, args.words[0] ?? "");
    const dateText = args.words.slice(1).join(" ") || null;
    // A date, or a one-off: that occurrence in full (past ones too, for their decisions and actions).
    if (dateText || !meeting.rrule)
      return occurrenceView(ctx, group, occurrenceFor(ctx, meeting, dateText, "next"));
    const zone = zoneOf(ctx);
    const next = upcoming([meeting], zone, ctx.now, 5 * 366, SHOW_NEXT, closuresOf(ctx));
    const series = meetingCard(meeting, group, next, zone, today(ctx), mayManageGroup(ctx, group));
    const [first] = next;
    if (!first) return series;
    // The series, then the next meeting's business: what people come to meeting show for.
    const business = await occurrenceBusiness(ctx, group, first);
    const heading = `Next meeting, ${formatInstant(first.startsAt, zone)}: papers by ${formatDate(first.papersDue)}`;
    return {
      ...series,
      blocks: [
        ...series.blocks,
        { kind: "divider" },
        text(heading),
        fields(...business.fields),
        ...business.blocks,
      ],
    };
  },
};

const DIRECTIONS: Record<string, "next" | "previous"> = {
  next: "next",
  "next working day": "next",
  previous: "previous",
  prev: "previous",
  "previous working day": "previous",
};

const move: CommandSpec = {
  path: ["meeting", "move"],
  summary:
    "Move one occurrence to another date and time, or to the next/previous working day (chair or admin)",
  usage: "meeting move M-<n> <date|all> to:<date and time|next|previous>",
  examples: [
    'meeting move M-3 17/9/2027 to:"16/9/2027 14:00"',
    "meeting move M-3 2027-09-18 to:next",
    "meeting move M-3 all to:previous",
  ],
  options: { to: { value: "date and time|next|previous", multiword: true } },
  minArgs: 2,
  async run(ctx, args) {
    const { meeting, group } = await meetingAndGroup(ctx, args.words[0] ?? "");
    const toText = args.options.to?.trim().toLowerCase();
    if (!toText)
      throw new QuorumError("missing_argument", 'Where to? Add to:"<date> <time>", to:next or to:previous.');
    const zone = zoneOf(ctx);
    const direction = DIRECTIONS[toText];
    if ((args.words[1] ?? "").toLowerCase() === "all") {
      if (!direction || !meeting.rrule)
        throw new QuorumError(
          "bad_argument",
          meeting.rrule
            ? "A whole series moves to:next or to:previous working day; to change its dates use meeting update."
            : `${meetingRef(meeting.id)} is a one-off; give its date.`,
        );
      const updated = await adjustSeries(ctx, meeting, group, direction);
      const line = `Meetings on a weekend, bank holiday or closure day now move to the ${direction} working day.`;
      const report = await announceToGroup(
        ctx,
        group,
        "meeting-changed",
        `${meetingRef(meeting.id)}:adjust:${ctx.now.toISOString()}`,
        changeCard(ctx, `Changed: ${meeting.title}`, group, [
          { label: "Meeting", value: meetingRef(meeting.id) },
          { label: "Change", value: line },
        ]),
      );
      const ahead = occurrencesOf(
        updated,
        zone,
        ctx.now,
        new Date(ctx.now.getTime() + 366 * 86_400_000),
        closuresOf(ctx),
      );
      const moved = ahead
        .filter((o) => o.moved)
        .map((o) => `${formatDate(o.ruleDate)} → ${formatInstant(o.startsAt, zone)}`);
      return card(
        `${meetingRef(meeting.id)} ${meeting.title}: ${line}`,
        [
          text(
            moved.length
              ? `In the next year: ${moved.join("; ")}.`
              : "None of the next year's meetings needed to move.",
          ),
          text(told(report)),
        ],
        { audience: "channel", tone: "success" },
      );
    }
    const date = dateOf(ctx, args.words.slice(1));
    if (!date)
      throw new QuorumError("missing_argument", "Which date? e.g. meeting move M-3 17/9/2027 to:next");
    let to: Date | "next" | "previous";
    if (direction) to = direction;
    else {
      const when = parseDate(args.options.to ?? "", zone, ctx.now);
      // A date alone keeps the meeting's time of day.
      const time = formatInstant(findOccurrence(ctx, meeting, date, "move").startsAt, zone).slice(-5);
      to = when.time ? when.instant : parseDate(`${when.date} ${time}`, zone, ctx.now).instant;
    }
    const { before, after } = await moveOccurrence(ctx, meeting, group, date, to);
    const others = await ctx.repos.meetings.list(ctx.partnership.id, meeting.groupId);
    const warn = clashWarning(clashes([after], others, zone, closuresOf(ctx)), zone);
    const from = formatInstant(before.startsAt, zone);
    const report = await announceToGroup(
      ctx,
      group,
      "meeting-moved",
      `${meetingRef(meeting.id)}:${before.ruleDate}:${ctx.now.toISOString()}`,
      changeCard(
        ctx,
        `Moved: ${meeting.title} from ${from} to ${formatInstant(after.startsAt, zone)}`,
        group,
        [
          { label: "Meeting", value: meetingRef(meeting.id) },
          ...(meeting.place ? [{ label: "Where", value: meeting.place }] : []),
          { label: "Papers deadline", value: formatDate(after.papersDue) },
        ],
      ),
    );
    return card(
      `${meeting.title} moved from ${from} to ${formatInstant(after.startsAt, zone)}`,
      [
        ...(after.offDay ? [text(`⚠ The new date is ${after.offDay}.`)] : []),
        ...warn,
        text(`Papers are now due ${formatDate(after.papersDue)}. ${told(report)}`),
      ],
      { audience: "channel", tone: warn.length || after.offDay ? "warning" : "success" },
    );
  },
};

const TIME_ONLY = /^\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?$/i;

const update: CommandSpec = {
  path: ["meeting", "update"],
  summary:
    "Change a meeting or a series from a date onwards: time, place, title, repeat, papers (chair or admin)",
  usage:
    'meeting update M-<n> [from:<date>] [at:<date and time | time>] [place:"<where>"] [title:"<title>"] [repeat:"<rule>"] [papers:<working days>] [for:<length>]',
  examples: [
    "meeting update M-3 at:14:00",
    'meeting update M-3 from:1/4/2027 repeat:"second Thursday of every month" place:"Council Chamber"',
    "meeting update M-3 papers:10",
  ],
  options: {
    from: { value: "date", multiword: true },
    at: { value: "date and time", multiword: true },
    place: { value: "where", multiword: true },
    title: { value: "title", multiword: true },
    repeat: { value: "rule", multiword: true },
    papers: { value: "working days" },
    for: { value: "length" },
  },
  minArgs: 1,
  async run(ctx, args) {
    const { meeting, group } = await meetingAndGroup(ctx, args.words[0] ?? "");
    const o = args.options;
    const zone = zoneOf(ctx);
    const change: SeriesChange = {};
    if (o.at !== undefined) {
      const when = parseDate(TIME_ONLY.test(o.at.trim()) ? `today ${o.at}` : o.at, zone, ctx.now);
      if (!when.time)
        throw new QuorumError("bad_date", `"${o.at}" has no time of day; add one, e.g. ${o.at} 10:00.`);
      if (TIME_ONLY.test(o.at.trim())) change.timeOfDay = when.time;
      else change.startsAt = when.instant;
    }
    if (o.place !== undefined) change.place = o.place.trim() || null;
    if (o.title !== undefined) change.title = o.title.trim() || group.name;
    if (o.repeat !== undefined)
      change.rrule = /^(none|never|once)$/i.test(o.repeat.trim()) ? null : parseRepeat(o.repeat);
    if (o.papers !== undefined) change.papersDaysBefore = parsePapers(o.papers);
    if (o.for !== undefined) change.durationMinutes = parseDuration(o.for);
    if (!Object.keys(change).length)
      throw new QuorumError(
        "missing_argument",
        "What should change? Add at:, place:, title:, repeat:, papers: or for:.",
      );
    const from = o.from
      ? parseDate(o.from, zone, ctx.now).date
      : change.startsAt
        ? localDate(change.startsAt, zone)
        : today(ctx);
    const { meeting: result, split } = await updateSeries(ctx, meeting, group, from, change);
    const lines = [
      { label: "Meeting", value: meetingRef(result.id) },
      { label: split ? "From" : "When", value: formatInstant(result.startsAt, zone) },
      ...(result.rrule ? [{ label: "Repeats", value: describeRepeat(result.rrule) }] : []),
      ...(result.place ? [{ label: "Where", value: result.place }] : []),
      { label: "Papers", value: `${result.papersDaysBefore} working days before` },
    ];
    const report = await announceToGroup(
      ctx,
      group,
      "meeting-changed",
      `${meetingRef(meeting.id)}:update:${ctx.now.toISOString()}`,
      changeCard(ctx, `Changed: ${result.title}${split ? ` from ${formatDate(from)}` : ""}`, group, lines),
    );
    const warn = await scheduleWarnings(ctx, result);
    const splitNote = split
      ? `Meetings before ${formatDate(from)} stay as ${meetingRef(meeting.id)}; from then on it is ${meetingRef(result.id)}.`
      : "";
    return card(
      `${meetingRef(result.id)} updated: ${result.title}`,
      [
        text(
          `${split ? "From" : "Now"} ${formatInstant(result.startsAt, zone)}${result.rrule ? `, repeating ${describeRepeat(result.rrule)}` : ""}. ${splitNote}`.trim(),
        ),
        ...warn,
        text(told(report)),
      ],
      { audience: "channel", tone: warn.length ? "warning" : "success" },
    );
  },
};

export const meetingManageCommands: CommandSpec[] = [show, move, update];

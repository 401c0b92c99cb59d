// Board papers from chat: `meeting papers` (the matters-arising paper) and `action export` (the action log).
import { type Card, card, fields, text } from "../card.ts";
import type { Context } from "../context.ts";
import { resolveGroup } from "../directory/resolve.ts";
import { QuorumError } from "../errors.ts";
import { chooseOccurrence, nextOccurrence, occurrenceOn } from "../meetings/arising.ts";
import { closuresOf, meetingRef, type Occurrence } from "../meetings/service.ts";
import { actionTable } from "../papers/action-table.ts";
import {
  type Attachment,
  EXPORT_FORMATS,
  type ExportFormat,
  fileSlug,
  PAPER_FORMATS,
  type PaperFormat,
} from "../papers/documents.ts";
import { buildPaper, type Paper } from "../papers/paper.ts";
import { parseDate } from "../time/parse-date.ts";
import { formatDate, localDate } from "../time/zone.ts";
import type { Group } from "../types.ts";
import { listFilter } from "./action-list-commands.ts";
import { resolveMeetingRef } from "./meeting-commands.ts";
import type { Args, CommandSpec } from "./spec.ts";

/** The format: option, checked against the formats this command writes. */
export function formatOption<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  const f = value.trim().toLowerCase().replace(/^\./, "");
  if ((allowed as readonly string[]).includes(f)) return f as T;
  throw new QuorumError(
    "bad_argument",
    `format: takes ${allowed.slice(0, -1).join(", ")} or ${allowed.at(-1)}, not "${value}".`,
  );
}

/** M-<n> [date], or group:slug [date] for the group's next meeting (or its meeting on that date). */
async function paperOccurrence(ctx: Context, args: Args): Promise<{ group: Group; occurrence: Occurrence }> {
  const [first, ...more] = args.words;
  if (first && /^m-?\d+$/i.test(first)) {
    const meeting = await resolveMeetingRef(ctx, first);
    const group = await ctx.repos.groups.byId(meeting.groupId);
    if (!group)
      throw new QuorumError("not_found", `The group of ${meetingRef(meeting.id)} no longer exists.`);
    const asked = args.options.group?.trim().toLowerCase();
    if (asked && asked !== group.slug)
      throw new QuorumError(
        "bad_argument",
        `${meetingRef(meeting.id)} is a meeting of ${group.slug}, not of ${asked}.`,
      );
    return { group, occurrence: chooseOccurrence(ctx, meeting, more.join(" ") || null, "next") };
  }
  if (!args.options.group)
    throw new QuorumError("missing_argument", "Which meeting? Give M-<n> (see `meetings`) or group:slug.");
  const group = await resolveGroup(ctx, args.options.group);
  const zone = ctx.partnership.timeZone;
  const meetings = await ctx.repos.meetings.list(ctx.partnership.id, group.id);
  const dateText = args.words.join(" ");
  const date = dateText ? parseDate(dateText, zone, ctx.now).date : null;
  const found = meetings
    .map((m) =>
      date ? occurrenceOn(m, zone, date, closuresOf(ctx)) : nextOccurrence(m, zone, ctx.now, closuresOf(ctx)),
    )
    .filter((o): o is Occurrence => o !== null)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  if (!found)
    throw new QuorumError(
      "not_found",
      date
        ? `${group.name} has no meeting on ${formatDate(date, 0)}.`
        : `${group.name} has no meeting ahead.`,
    );
  return { group, occurrence: found };
}

function paperSummary(p: Paper): string {
  const rows = p.sections.reduce((n, s) => n + s.rows.length, 0);
  const c = p.counts;
  const parts = [
    `${c.open} open`,
    `${c.overdue} overdue`,
    `${c.done} done${p.previousDate ? " since last meeting" : ""}`,
    `${c.dropped} dropped`,
  ];
  return `${rows} action${rows === 1 ? "" : "s"} from ${p.sections.length} organisation${p.sections.length === 1 ? "" : "s"}: ${parts.join(", ")}.`;
}

const papers: CommandSpec = {
  path: ["meeting", "papers"],
  openTo: "observer",
  summary: "The matters-arising paper for a meeting: actions since the last one and all still open",
  usage: "meeting papers M-<n>|group:slug [date] [format:docx|html|md|csv]",
  examples: ["meeting papers M-1", "meeting papers M-1 22/1/2027 format:html", "meeting papers group:hwb"],
  options: { group: { value: "slug" }, format: { value: "docx|html|md|csv" } },
  async run(ctx, args) {
    const format = formatOption<PaperFormat>(args.options.format, PAPER_FORMATS, "docx");
    const { group, occurrence } = await paperOccurrence(ctx, args);
    const paper = await buildPaper(ctx, group, occurrence);
    const attachment: Attachment = {
      partnershipId: ctx.partnership.id,
      filename: `matters-arising-${fileSlug(group.slug)}-${paper.date}.${format}`,
      document: { kind: "paper", format, paper },
    };
    const reply: Card = card(
      `Matters arising for ${occurrence.meeting.title}, ${formatDate(paper.date, 0)} (${format})`,
      [
        text(paperSummary(paper)),
        fields(
          {
            label: "Meeting",
            value: `${paper.meetingRef} at ${paper.time}${paper.place ? `, ${paper.place}` : ""}`,
          },
          { label: "Papers due", value: formatDate(paper.papersDue, 0) },
          {
            label: "Previous meeting",
            value: paper.previousDate ? formatDate(paper.previousDate, 0) : "none",
          },
        ),
      ],
      { tone: "success" },
    );
    return { ...reply, attachment };
  },
};

const exportActions: CommandSpec = {
  path: ["action", "export"],
  openTo: "observer",
  summary: "The action log as a spreadsheet: one row per action, every field and the latest note",
  usage:
    "action export [all|open|overdue|week|done|dropped|mine] [group:slug] [org:CODE] [owner:@person] [format:csv|xlsx]",
  examples: ["action export", "action export open group:hwb format:xlsx", "action export overdue org:ECC"],
  options: {
    owner: { value: "@person" },
    group: { value: "slug" },
    org: { value: "CODE" },
    format: { value: "csv|xlsx" },
  },
  async run(ctx, args) {
    const format = formatOption<ExportFormat>(args.options.format, EXPORT_FORMATS, "csv");
    // An export is the whole log unless narrowed: "all" by default, where a chat list shows "open".
    const { filter, label } = await listFilter(ctx, {
      ...args,
      words: args.words.length ? args.words : ["all"],
    });
    const found = await ctx.repos.actions.list(ctx.partnership.id, { ...filter, limit: 1_000_000 });
    const notes = await ctx.repos.actions.latestNotes(found.map((a) => a.id));
    const table = actionTable(label, found, notes, ctx.partnership.timeZone);
    const day = localDate(ctx.now, ctx.partnership.timeZone);
    const reply = card(
      `${label}: ${found.length} exported (${format})`,
      [
        text(
          found.length
            ? "One row per action, with its latest note."
            : "No actions match; the file has headings only.",
        ),
      ],
      { tone: "success" },
    );
    return {
      ...reply,
      attachment: {
        partnershipId: ctx.partnership.id,
        filename: `actions-${day}.${format}`,
        document: { kind: "table", format, table },
      },
    };
  },
};

export const paperCommands: CommandSpec[] = [papers, exportActions];

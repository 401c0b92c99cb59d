// The decisions log (decision add, decisions) and the link to a meeting's board papers (meeting papers-link).
import { card, fields, items, text } from "../card.ts";
import type { Context } from "../context.ts";
import { resolveGroup } from "../directory/resolve.ts";
import { addDecision, occurrenceName, removeDecision, setPapersLink } from "../meetings/business.ts";
import { checkPaperUrl } from "../meetings/paper-url.ts";
import { meetingRef } from "../meetings/service.ts";
import { parseDate } from "../time/parse-date.ts";
import { formatDate } from "../time/zone.ts";
import type { Meeting } from "../types.ts";
import { dateAndNumber, dateAndText, meetingOccurrence } from "./occurrence-args.ts";
import { moreLine, PAGE_OPTION, pageCount, readPage } from "./paging.ts";
import type { CommandSpec } from "./spec.ts";

/** Decisions per page of decisions. */
export const DECISIONS_PAGE = 20;

const add: CommandSpec = {
  path: ["decision", "add"],
  summary: "Record a decision taken at a meeting (the group's chair or an admin)",
  usage: 'decision add M-<n> [date] "<decision>"',
  examples: [
    'decision add M-3 "Agreed the winter plan, subject to the funding bid"',
    'decision add M-3 11/11/2026 "Approved the Better Care Fund plan"',
  ],
  minArgs: 2,
  async run(ctx, args) {
    const { dateText, text: decision } = dateAndText(args);
    const { group, occurrence: o } = await meetingOccurrence(ctx, args, dateText, "held");
    const saved = await addDecision(ctx, group, o, decision);
    return card(
      `Decision recorded for ${occurrenceName(ctx, o)}`,
      [text(saved.text), text(`The log: decisions group:${group.slug}`)],
      { audience: "channel", tone: "success" },
    );
  },
};

const remove: CommandSpec = {
  path: ["decision", "remove"],
  summary: "Remove a decision recorded in error (the group's chair or an admin)",
  usage: "decision remove M-<n> [date] <decision number>",
  examples: ["decision remove M-3 2", "decision remove M-3 11/11/2026 1"],
  minArgs: 2,
  async run(ctx, args) {
    const { dateText, number } = dateAndNumber(
      args,
      "decision",
      "meeting show lists it, e.g. decision remove M-3 2",
    );
    const { group, occurrence: o } = await meetingOccurrence(ctx, args, dateText, "held");
    const removed = await removeDecision(ctx, group, o, number);
    return card(`Decision removed from ${occurrenceName(ctx, o)}`, [text(removed.text)], {
      audience: "channel",
      tone: "success",
    });
  },
};

async function meetingsOf(ctx: Context, groupId: number): Promise<Meeting[]> {
  return ctx.repos.meetings.list(ctx.partnership.id, groupId);
}

const list: CommandSpec = {
  path: ["decisions"],
  openTo: "observer",
  aliases: [["decision", "list"]],
  summary: "The decisions log, newest meeting first (of a group, since a date)",
  usage: "decisions [group:slug] [since:<date>] [page:<n>]",
  examples: ["decisions", "decisions group:hwb since:1/1/2026", "decisions page:2"],
  options: { group: { value: "slug" }, since: { value: "date", multiword: true }, ...PAGE_OPTION },
  async run(ctx, args) {
    const group = args.options.group ? await resolveGroup(ctx, args.options.group) : undefined;
    const meetings = group
      ? await meetingsOf(ctx, group.id)
      : await ctx.repos.meetings.list(ctx.partnership.id);
    const since = args.options.since
      ? parseDate(args.options.since, ctx.partnership.timeZone, ctx.now).date
      : undefined;
    const page = readPage(args, DECISIONS_PAGE);
    const filter = {
      ...(group ? { meetingIds: meetings.map((m) => m.id) } : {}),
      ...(since ? { since } : {}),
    };
    const [shown, total] = await Promise.all([
      ctx.repos.boards.listDecisions(ctx.partnership.id, {
        ...filter,
        limit: page.size,
        offset: page.offset,
      }),
      ctx.repos.boards.countDecisions(ctx.partnership.id, { ...filter, limit: 0, offset: 0 }),
    ]);
    const titles = new Map(meetings.map((m) => [m.id, m.title]));
    const scope = [group ? ` (${group.slug})` : "", since ? ` since ${formatDate(since)}` : ""].join("");
    const more = moreLine(list, args, page, total, group ? "since:" : "group: or since:");
    return card(`Decisions${scope}: ${pageCount(page, shown.length, total)}`, [
      items(
        shown.map((d) => ({
          title: d.text,
          detail: `${titles.get(d.meetingId) ?? meetingRef(d.meetingId)}, ${formatDate(d.occurrenceDate)} · ${meetingRef(d.meetingId)}`,
        })),
        undefined,
        "No decisions recorded.",
      ),
      ...(more ? [text(more)] : []),
    ]);
  },
};

const papersLink: CommandSpec = {
  path: ["meeting", "papers-link"],
  summary: "Link a meeting to its board papers, or 'none' to remove the link (the group's chair or an admin)",
  usage: "meeting papers-link M-<n> [date] <https link|none>",
  examples: [
    "meeting papers-link M-3 https://essex.example/hwb/2027-01",
    "meeting papers-link M-3 13/1/2027 none",
  ],
  minArgs: 2,
  async run(ctx, args) {
    const last = args.words.at(-1) ?? "";
    const url = /^(none|remove|clear)$/i.test(last) ? null : checkPaperUrl(last);
    const dateText = args.words.slice(1, -1).join(" ") || null;
    const { group, occurrence: o } = await meetingOccurrence(ctx, args, dateText, "next");
    await setPapersLink(ctx, group, o, url);
    if (url === null)
      return card(`Papers link removed from ${occurrenceName(ctx, o)}`, [], { tone: "success" });
    return card(
      `Papers for ${occurrenceName(ctx, o)}`,
      [
        fields({ label: "Papers", value: url }),
        text("Shown on meeting show and in the papers-deadline and day-before reminders."),
      ],
      { audience: "channel", tone: "success" },
    );
  },
};

export const decisionCommands: CommandSpec[] = [add, remove, list, papersLink];

// Listing and searching actions: filters, search words over titles and notes, and pages of a long list.
import { actionListCard } from "../actions/cards.ts";
import { text } from "../card.ts";
import type { Context } from "../context.ts";
import { resolveGroup, resolveOrganisation, resolvePerson } from "../directory/resolve.ts";
import { QuorumError } from "../errors.ts";
import type { ActionFilter } from "../ports.ts";
import { localDate, weekBounds } from "../time/zone.ts";
import { moreLine, PAGE_OPTION, pageCount, readPage } from "./paging.ts";
import type { Args, CommandSpec } from "./spec.ts";

const today = (ctx: Context) => localDate(ctx.now, ctx.partnership.timeZone);
export const LIST_LIMIT = 100;

const FILTERS = ["mine", "open", "overdue", "week", "done", "dropped", "all"] as const;
type ListFilter = (typeof FILTERS)[number];

/** Search words as typed, quotes kept together ("winter pressures" is one phrase). */
const searchWords = (words: string[]) => words.map((w) => w.trim()).filter(Boolean);

export async function listFilter(ctx: Context, args: Args): Promise<{ filter: ActionFilter; label: string }> {
  const word = (args.words[0] ?? "open").toLowerCase() as ListFilter;
  if (!FILTERS.includes(word)) {
    throw new QuorumError(
      "bad_argument",
      `List which actions? Use one of: ${FILTERS.join(", ")}, then any words to search for (actions open winter), or action search <words>.`,
    );
  }
  const day = today(ctx);
  const statuses: ActionFilter["statuses"] =
    word === "done"
      ? ["done"]
      : word === "dropped"
        ? ["dropped"]
        : word === "all"
          ? ["open", "done", "dropped"]
          : ["open"];
  const filter: ActionFilter = { statuses, words: searchWords(args.words.slice(1)) };
  if (word === "mine") filter.ownerId = ctx.actor.id;
  if (word === "overdue") filter.dueBefore = day;
  if (word === "week") Object.assign(filter, { dueFrom: day, dueTo: weekBounds(day).to });
  const names: Record<ListFilter, string> = {
    mine: "Your open actions",
    open: "Open actions",
    overdue: "Overdue actions",
    week: "Actions due this week",
    done: "Done actions",
    dropped: "Dropped actions",
    all: "All actions",
  };
  return { filter, label: await scoped(ctx, args, filter, names[word]) };
}

/** Applies group:, org: and owner: to the filter; the label names them and any search words. */
async function scoped(ctx: Context, args: Args, filter: ActionFilter, name: string): Promise<string> {
  const o = args.options;
  if (o.owner) filter.ownerId = (await resolvePerson(ctx, o.owner)).id;
  if (o.group) filter.groupId = (await resolveGroup(ctx, o.group)).id;
  if (o.org) filter.organisationId = (await resolveOrganisation(ctx, o.org)).id;
  const scope = [o.group && `group ${o.group}`, o.org?.toUpperCase(), o.owner].filter(Boolean).join(", ");
  const matching = filter.words?.length ? ` matching ${filter.words.map((w) => `"${w}"`).join(" and ")}` : "";
  return `${name}${matching}${scope ? ` (${scope})` : ""}`;
}

/** One page of the filter's actions, with how many match in all and the line that leads to the rest. */
async function listPage(ctx: Context, spec: CommandSpec, args: Args, filter: ActionFilter, label: string) {
  const page = readPage(args, LIST_LIMIT);
  const pid = ctx.partnership.id;
  const shown = await ctx.repos.actions.list(
    pid,
    Object.assign({}, filter, { limit: page.size, offset: page.offset }),
  );
  const cut = page.number > 1 || shown.length === page.size;
  const total = cut ? await ctx.repos.actions.count(pid, filter) : shown.length;
  const closed = shown.filter((a) => a.status !== "open").map((a) => a.id);
  const notes = await ctx.repos.actions.closingNotes(closed);
  const empty = filter.words?.length ? "No actions match those words." : "Nothing here. 🎉";
  const title = `${label}: ${pageCount(page, shown.length, total)}`;
  const reply = actionListCard(title, shown, today(ctx), empty, notes);
  const more = moreLine(spec, args, page, total, "group:, org:, owner: or more words");
  return more ? { ...reply, blocks: [...reply.blocks, text(more)] } : reply;
}

const LIST_OPTIONS = {
  owner: { value: "@person" },
  group: { value: "slug" },
  org: { value: "CODE" },
  ...PAGE_OPTION,
};

export const list: CommandSpec = {
  path: ["action", "list"],
  openTo: "observer",
  aliases: [["actions"]],
  summary: "List actions: mine, open, overdue, week, done, dropped or all",
  usage:
    "action list [mine|open|overdue|week|done|dropped|all] [words to search] [group:slug] [org:CODE] [owner:@person] [page:n]",
  examples: [
    "actions overdue",
    "actions mine",
    "action list open group:hwb",
    "actions week org:ECC",
    "actions open winter",
  ],
  options: LIST_OPTIONS,
  async run(ctx, args) {
    const { filter, label } = await listFilter(ctx, args);
    return listPage(ctx, list, args, filter, label);
  },
};

export const search: CommandSpec = {
  path: ["action", "search"],
  openTo: "observer",
  summary: "Find actions, open or closed, whose title or notes contain all the words",
  usage: "action search <words> [group:slug] [org:CODE] [owner:@person] [page:n]",
  examples: ["action search winter", 'action search "fire safety" group:safer'],
  options: LIST_OPTIONS,
  minArgs: 1,
  async run(ctx, args) {
    const filter: ActionFilter = { statuses: ["open", "done", "dropped"], words: searchWords(args.words) };
    if (!filter.words?.length)
      throw new QuorumError("missing_argument", "Search for what? Give a word or two.");
    return listPage(ctx, search, args, filter, await scoped(ctx, args, filter, "Actions"));
  },
};

// The action commands: add, list, show, update, done, drop, assign, due, snooze, reopen.
import { actionCard, actionListCard } from "../actions/cards.ts";
import { announceOwnerChange, type OwnerNotice } from "../actions/notify.ts";
import {
  actionRef,
  addAction,
  completeAction,
  dropAction,
  noteAction,
  reassignAction,
  redateAction,
  reopenAction,
  snoozedDate,
} from "../actions/service.ts";
import { type Card, text } from "../card.ts";
import type { Context } from "../context.ts";
import { resolveAction, resolveGroup, resolveOrganisation, resolvePerson } from "../directory/resolve.ts";
import { QuorumError } from "../errors.ts";
import { chooseOccurrence } from "../meetings/arising.ts";
import type { ActionFilter } from "../ports.ts";
import { parseDate } from "../time/parse-date.ts";
import { localDate, weekBounds } from "../time/zone.ts";
import type { Meeting } from "../types.ts";
import { resolveMeetingRef } from "./meeting-commands.ts";
import type { Args, CommandSpec } from "./spec.ts";

const today = (ctx: Context) => localDate(ctx.now, ctx.partnership.timeZone);
const dueOf = (ctx: Context, text: string) =>
  /^(none|clear|-)$/i.test(text.trim()) ? null : parseDate(text, ctx.partnership.timeZone, ctx.now).date;
const LIST_LIMIT = 100;

/** Says so when the new owner could not be told, rather than letting the actor assume they were. */
function withNotice(reply: Card, notice: OwnerNotice): Card {
  const who = notice.unreachable;
  if (!who) return reply;
  const line = `${who.name} has not used Quorum on chat yet, so they have not been told: let them know.`;
  return { ...reply, blocks: [...reply.blocks, text(line)] };
}

const add: CommandSpec = {
  path: ["action", "add"],
  summary: "Record a new action",
  usage: 'action add "<title>" [owner:@person] [org:CODE] [group:slug] [due:<date>] [meeting:M-<n>[@<date>]]',
  examples: [
    'action add "Circulate the draft strategy" owner:@sam group:hwb due:friday',
    'action add "Map winter capacity" owner:@helen meeting:M-1@22/1/2027 due:31/1/2027',
  ],
  options: {
    owner: { value: "@person" },
    org: { value: "CODE" },
    group: { value: "slug" },
    due: { value: "date", multiword: true },
    meeting: { value: "M-<n>[@<date>]" },
  },
  minArgs: 1,
  async run(ctx, args) {
    const o = args.options;
    const owner = o.owner ? await resolvePerson(ctx, o.owner) : ctx.actor;
    const action = await addAction(ctx, {
      title: args.rest,
      owner,
      organisation: o.org ? await resolveOrganisation(ctx, o.org) : null,
      group: o.group ? await resolveGroup(ctx, o.group) : null,
      ...(o.meeting ? await meetingOption(ctx, o.meeting) : {}),
      dueOn: o.due ? dueOf(ctx, o.due) : null,
    });
    const notice = await announceOwnerChange(ctx, action, null);
    return withNotice(
      actionCard(`${actionRef(action.number)} added for ${owner.name}`, action, today(ctx)),
      notice,
    );
  },
};

/** meeting:M-3 (the latest meeting held, else the next) or meeting:M-3@22/1/2027 (that occurrence). */
async function meetingOption(
  ctx: Context,
  value: string,
): Promise<{ meeting: Meeting; meetingDate: string }> {
  const at = value.indexOf("@");
  const meeting = await resolveMeetingRef(ctx, at < 0 ? value : value.slice(0, at));
  const occurrence = chooseOccurrence(ctx, meeting, at < 0 ? null : value.slice(at + 1), "held");
  return { meeting, meetingDate: localDate(occurrence.startsAt, ctx.partnership.timeZone) };
}

const FILTERS = ["mine", "open", "overdue", "week", "done", "dropped", "all"] as const;
type ListFilter = (typeof FILTERS)[number];

export async function listFilter(ctx: Context, args: Args): Promise<{ filter: ActionFilter; label: string }> {
  const word = (args.words[0] ?? "open").toLowerCase() as ListFilter;
  if (!FILTERS.includes(word) || args.words.length > 1) {
    throw new QuorumError("bad_argument", `List which actions? Use one of: ${FILTERS.join(", ")}.`);
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
  const filter: ActionFilter = { statuses, limit: LIST_LIMIT + 1 };
  if (word === "mine") filter.ownerId = ctx.actor.id;
  if (word === "overdue") filter.dueBefore = day;
  if (word === "week") Object.assign(filter, { dueFrom: day, dueTo: weekBounds(day).to });
  const o = args.options;
  if (o.owner) filter.ownerId = (await resolvePerson(ctx, o.owner)).id;
  if (o.group) filter.groupId = (await resolveGroup(ctx, o.group)).id;
  if (o.org) filter.organisationId = (await resolveOrganisation(ctx, o.org)).id;
  const scope = [o.group && `group ${o.group}`, o.org?.toUpperCase(), o.owner].filter(Boolean).join(", ");
  const names: Record<ListFilter, string> = {
    mine: "Your open actions",
    open: "Open actions",
    overdue: "Overdue actions",
    week: "Actions due this week",
    done: "Done actions",
    dropped: "Dropped actions",
    all: "All actions",
  };
  return { filter, label: scope ? `${names[word]} (${scope})` : names[word] };
}

const list: CommandSpec = {
  path: ["action", "list"],
  openTo: "observer",
  aliases: [["actions"]],
  summary: "List actions: mine, open, overdue, week, done, dropped or all",
  usage: "action list [mine|open|overdue|week|done|dropped|all] [group:slug] [org:CODE] [owner:@person]",
  examples: ["actions overdue", "actions mine", "action list open group:hwb", "actions week org:ECC"],
  options: { owner: { value: "@person" }, group: { value: "slug" }, org: { value: "CODE" } },
  async run(ctx, args) {
    const { filter, label } = await listFilter(ctx, args);
    const found = await ctx.repos.actions.list(ctx.partnership.id, filter);
    const shown = found.slice(0, LIST_LIMIT);
    const title = found.length > LIST_LIMIT ? `${label}: first ${LIST_LIMIT}` : `${label}: ${found.length}`;
    const closed = shown.filter((a) => a.status !== "open").map((a) => a.id);
    const notes = await ctx.repos.actions.closingNotes(closed);
    return actionListCard(title, shown, today(ctx), "Nothing here. 🎉", notes);
  },
};

const refSpec = (name: string, summary: string, usage: string, examples: string[], minArgs = 1) => ({
  path: ["action", name],
  summary,
  usage,
  examples,
  minArgs,
});

const show: CommandSpec = {
  ...refSpec("show", "Show an action and its history", "action show A-<n>", ["action show A-12"]),
  openTo: "observer",
  async run(ctx, args) {
    const a = await resolveAction(ctx, args.words[0]);
    const log = await ctx.repos.actions.updates(a.id);
    return actionCard(`${actionRef(a.number)} ${a.title}`, a, today(ctx), {
      log: { updates: log, zone: ctx.partnership.timeZone },
      audience: "personal",
      tone: "info",
    });
  },
};

const update: CommandSpec = {
  ...refSpec(
    "update",
    "Add a progress note",
    "action update A-<n> <note>",
    ["action update A-12 Draft sent to partners"],
    2,
  ),
  async run(ctx, args) {
    const a = await noteAction(ctx, await resolveAction(ctx, args.words[0]), args.words.slice(1).join(" "));
    return actionCard(`${actionRef(a.number)} updated`, a, today(ctx));
  },
};

const done: CommandSpec = {
  ...refSpec("done", "Mark an action done", "action done A-<n> [note]", [
    "action done A-12",
    "action done A-12 Paper circulated",
  ]),
  async run(ctx, args) {
    const a = await completeAction(
      ctx,
      await resolveAction(ctx, args.words[0]),
      args.words.slice(1).join(" "),
    );
    return actionCard(`${actionRef(a.number)} done by ${ctx.actor.name}`, a, today(ctx));
  },
};

const drop: CommandSpec = {
  ...refSpec(
    "drop",
    "Drop an action, with the reason",
    "action drop A-<n> <reason>",
    ["action drop A-12 Superseded by A-15"],
    2,
  ),
  async run(ctx, args) {
    const a = await dropAction(ctx, await resolveAction(ctx, args.words[0]), args.words.slice(1).join(" "));
    return actionCard(`${actionRef(a.number)} dropped`, a, today(ctx), { tone: "warning" });
  },
};

const assign: CommandSpec = {
  ...refSpec(
    "assign",
    "Give an action to someone else",
    "action assign A-<n> @person [org:CODE]",
    ["action assign A-12 @priya"],
    2,
  ),
  options: { org: { value: "CODE" } },
  async run(ctx, args) {
    const a = await resolveAction(ctx, args.words[0]);
    const owner = await resolvePerson(ctx, args.words.slice(1).join(" "));
    const org = args.options.org ? await resolveOrganisation(ctx, args.options.org) : null;
    const previous = await ctx.repos.people.byId(a.ownerId);
    const updated = await reassignAction(ctx, a, owner, org);
    const notice = await announceOwnerChange(ctx, updated, previous);
    return withNotice(
      actionCard(`${actionRef(a.number)} now with ${owner.name}`, updated, today(ctx)),
      notice,
    );
  },
};

const due: CommandSpec = {
  ...refSpec(
    "due",
    "Change the due date (or none)",
    "action due A-<n> <date|none>",
    ["action due A-12 friday", "action due A-12 31/12"],
    2,
  ),
  async run(ctx, args) {
    const a = await resolveAction(ctx, args.words[0]);
    const updated = await redateAction(ctx, a, dueOf(ctx, args.words.slice(1).join(" ")));
    return actionCard(`${actionRef(a.number)} re-dated`, updated, today(ctx));
  },
};

const snooze: CommandSpec = {
  ...refSpec("snooze", "Push the due date back (default 7 days)", "action snooze A-<n> [days]", [
    "action snooze A-12",
    "action snooze A-12 14",
  ]),
  async run(ctx, args) {
    const a = await resolveAction(ctx, args.words[0]);
    const days = args.words[1] ? Number(args.words[1]) : 7;
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      throw new QuorumError("bad_argument", `"${args.words[1]}" is not a number of days from 1 to 365.`);
    }
    const updated = await redateAction(ctx, a, snoozedDate(a, today(ctx), days));
    return actionCard(`${actionRef(a.number)} snoozed ${days} days`, updated, today(ctx));
  },
};

const reopen: CommandSpec = {
  ...refSpec("reopen", "Reopen a done or dropped action", "action reopen A-<n>", ["action reopen A-12"]),
  async run(ctx, args) {
    const a = await reopenAction(ctx, await resolveAction(ctx, args.words[0]));
    return actionCard(`${actionRef(a.number)} reopened`, a, today(ctx));
  },
};

export const actionCommands: CommandSpec[] = [
  add,
  list,
  show,
  update,
  done,
  drop,
  assign,
  due,
  snooze,
  reopen,
];

// The action commands: add, list and search (action-list-commands.ts), show, update, done, drop, assign, due, snooze, reopen.
import { actionCard } from "../actions/cards.ts";
import { commandArg, confirmPastDue, type DueDate, readDueDate, withDueNotes } from "../actions/due-date.ts";
import { announceOwnerChange, type OwnerNotice } from "../actions/notify.ts";
import { MAX_TITLE } from "../actions/rules.ts";
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
import { inField, QuorumError } from "../errors.ts";
import { chooseOccurrence } from "../meetings/arising.ts";
import { localDate } from "../time/zone.ts";
import type { Meeting } from "../types.ts";
import { list, search } from "./action-list-commands.ts";
import { resolveMeetingRef } from "./meeting-commands.ts";
import type { Args, Choice, CommandSpec, Form } from "./spec.ts";

const today = (ctx: Context) => localDate(ctx.now, ctx.partnership.timeZone);
const PAST_FLAG = { past: "accept a due date in the past" };
const isPast = (ctx: Context, due: DueDate | null, args: Args) =>
  due?.date != null && due.date < today(ctx) && !args.flags?.past;

/** Says so when the new owner could not be told, rather than letting the actor assume they were. */
function withNotice(reply: Card, notice: OwnerNotice): Card {
  const who = notice.unreachable;
  if (!who) return reply;
  const line = `${who.name} has not used Quorum on chat yet, so they have not been told: let them know.`;
  return { ...reply, blocks: [...reply.blocks, text(line)] };
}

/** What action add takes, from a typed line's options or a form's fields alike. */
interface NewAction {
  title: string;
  owner?: string | undefined;
  org?: string | undefined;
  group?: string | undefined;
  due?: string | undefined;
  meeting?: string | undefined;
}

/**
 * Each look-up's error names its input, so a form can show it beside the right field. A typed line (`args`)
 * with a due date in the past asks for confirmation; a form has already refused one on its due field.
 */
async function addFrom(ctx: Context, input: NewAction, args?: Args): Promise<Card> {
  const { owner: who, org, meeting, due: dueText } = input;
  const owner = who ? await inField("owner", () => resolvePerson(ctx, who)) : ctx.actor;
  const group = input.group ? await inField("group", () => resolveGroup(ctx, input.group ?? "")) : null;
  const due = dueText ? await inField("due", () => readDueDate(ctx, dueText, group)) : null;
  if (due?.date && due.date < today(ctx) && !args?.flags?.past) {
    if (args) return confirmPastDue(ctx, due.date, addAgain(args, due.date));
    throw new QuorumError("bad_date", "That due date is in the past. Choose today or later.").inField("due");
  }
  const action = await addAction(ctx, {
    title: input.title,
    owner,
    organisation: org ? await inField("org", () => resolveOrganisation(ctx, org)) : null,
    group,
    ...(meeting ? await inField("meeting", () => meetingOption(ctx, meeting)) : {}),
    dueOn: due?.date ?? null,
  });
  const notice = await announceOwnerChange(ctx, action, null);
  const ref = actionRef(action.number);
  const reply = actionCard(`${ref} added for ${owner.name}`, action, today(ctx));
  return { ...withNotice(withDueNotes(reply, due), notice), ref };
}

const groupChoices = async (ctx: Context): Promise<Choice[]> =>
  (await ctx.repos.groups.list(ctx.partnership.id))
    .filter((g) => !g.archivedAt)
    .map((g) => ({ value: g.slug, label: `${g.name} (${g.slug})` }));

const addForm: Form = {
  title: "New action",
  submitLabel: "Add action",
  opens: ["new action", "action new", "action form"],
  fields: [
    {
      name: "title",
      label: "Title",
      type: "text",
      required: true,
      requiredMessage: "Give the action a title.",
      maxLength: MAX_TITLE,
      placeholder: "e.g. Circulate the draft strategy",
    },
    {
      name: "owner",
      label: "Owner",
      type: "person",
      defaultsToActor: true,
      placeholder: "@handle or name; leave blank for yourself",
    },
    { name: "group", label: "Group", type: "choice", choicesFrom: groupChoices },
    { name: "due", label: "Due date", type: "date", notPast: true },
  ],
};

const add: CommandSpec = {
  path: ["action", "add"],
  summary: "Record a new action",
  usage:
    'action add "<title>" [owner:@person] [org:CODE] [group:slug] [due:<date>] [meeting:M-<n>[@<date>]] [--past]',
  examples: [
    'action add "Circulate the draft strategy" owner:@sam group:hwb due:friday',
    'action add "Draft the prevention paper" group:hwb due:"before the next board"',
    'action add "Map winter capacity" owner:@helen meeting:M-1@22/1/2027 due:31/1/2027',
  ],
  flags: PAST_FLAG,
  options: {
    owner: { value: "@person" },
    org: { value: "CODE" },
    group: { value: "slug" },
    due: { value: "date", multiword: true },
    meeting: { value: "M-<n>[@<date>]" },
  },
  minArgs: 1,
  form: addForm,
  run: (ctx, args) => addFrom(ctx, { ...args.options, title: args.rest }, args),
  submit: (ctx, values) => addFrom(ctx, { ...values, title: values.title ?? "" }),
};

/** The same action add with the due date written out, so a later click means the same day. */
function addAgain(args: Args, date: string): string {
  const options = Object.entries(args.options).map(([k, v]) => `${k}:${commandArg(k === "due" ? date : v)}`);
  return ["action add", commandArg(args.rest), ...options].join(" ");
}

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
    "action due A-<n> <date|none> [--past]",
    ["action due A-12 friday", "action due A-12 31/12", "action due A-12 before the next board"],
    2,
  ),
  flags: PAST_FLAG,
  async run(ctx, args) {
    const a = await resolveAction(ctx, args.words[0]);
    const group = a.groupId ? await ctx.repos.groups.byId(a.groupId) : null;
    const due = await readDueDate(ctx, args.words.slice(1).join(" "), group);
    if (due.date && isPast(ctx, due, args)) {
      return confirmPastDue(ctx, due.date, `action due ${actionRef(a.number)} ${due.date}`);
    }
    const updated = await redateAction(ctx, a, due.date);
    return withDueNotes(actionCard(`${actionRef(a.number)} re-dated`, updated, today(ctx)), due);
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
  search,
  show,
  update,
  done,
  drop,
  assign,
  due,
  snooze,
  reopen,
];

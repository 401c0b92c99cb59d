// agenda add/list/remove and apologies (send, withdraw, list for the chair) for one meeting occurrence.
import { card, fields, items, text } from "../card.ts";
import { resolvePerson } from "../directory/resolve.ts";
import { QuorumError } from "../errors.ts";
import {
  addAgendaItem,
  apologiesForChair,
  keyOf,
  occurrenceName,
  removeAgendaItem,
  sendApologies,
  withdrawApologies,
} from "../meetings/business.ts";
import { agendaBlock, apologyItems } from "../meetings/business-cards.ts";
import { loadPeople } from "../meetings/occurrence-view.ts";
import { checkPaperUrl } from "../meetings/paper-url.ts";
import { formatDate, localDate } from "../time/zone.ts";
import { dateAndNumber, dateAndText, meetingOccurrence } from "./occurrence-args.ts";
import type { CommandSpec } from "./spec.ts";

const add: CommandSpec = {
  path: ["agenda", "add"],
  summary: "Propose an agenda item for a meeting (anyone, until its papers deadline; then the chair)",
  usage: 'agenda add M-<n> [date] "<item>" [paper:<https link>] [by:@person]',
  examples: [
    'agenda add M-3 "Winter pressures update" by:@priya paper:https://essex.example/papers/winter.pdf',
    'agenda add M-3 13/1/2027 "Better Care Fund plan"',
  ],
  options: { paper: { value: "https link" }, by: { value: "@person", multiword: true } },
  minArgs: 2,
  async run(ctx, args) {
    const { dateText, text: title } = dateAndText(args);
    if (!title.trim())
      throw new QuorumError(
        "missing_argument",
        'What is the item? e.g. agenda add M-3 "Winter pressures update"',
      );
    const paperUrl = args.options.paper === undefined ? null : checkPaperUrl(args.options.paper);
    const presenter = args.options.by ? await resolvePerson(ctx, args.options.by) : null;
    const { group, occurrence: o } = await meetingOccurrence(ctx, args, dateText, "next");
    const item = await addAgendaItem(ctx, group, o, { title, paperUrl, presenter });
    const count = (await ctx.repos.boards.agenda(keyOf(o))).length;
    const deadline = item.late
      ? "Added after the papers deadline, as the chair may."
      : `Items can be added until the papers deadline, ${formatDate(o.papersDue)}.`;
    return card(
      `Item ${count} on the agenda for ${occurrenceName(ctx, o)}: ${item.title}`,
      [
        fields(
          ...(presenter ? [{ label: "By", value: presenter.name }] : []),
          ...(paperUrl ? [{ label: "Paper", value: paperUrl }] : []),
        ),
        text(
          `${deadline} See it with: agenda list M-${o.meeting.id} ${localDate(o.startsAt, ctx.partnership.timeZone)}`,
        ),
      ].filter((b) => b.kind !== "fields" || b.fields.length),
      { audience: "channel", tone: "success" },
    );
  },
};

const list: CommandSpec = {
  path: ["agenda", "list"],
  openTo: "observer",
  aliases: [["agenda"]],
  summary: "A meeting's agenda (the next meeting, or the one on a date)",
  usage: "agenda list M-<n> [date]",
  examples: ["agenda list M-3", "agenda M-3 13/1/2027"],
  minArgs: 1,
  async run(ctx, args) {
    const dateText = args.words.slice(1).join(" ") || null;
    const { occurrence: o } = await meetingOccurrence(ctx, args, dateText, "next", "read");
    const agenda = await ctx.repos.boards.agenda(keyOf(o));
    const link = await ctx.repos.boards.papersLink(keyOf(o));
    const people = await loadPeople(ctx, [
      ...new Set(agenda.flatMap((a) => [a.proposedBy, ...(a.presenterId === null ? [] : [a.presenterId])])),
    ]);
    const today = localDate(ctx.now, ctx.partnership.timeZone);
    return card(`Agenda: ${occurrenceName(ctx, o)}`, [
      fields(
        {
          label: "Papers deadline",
          value: `${formatDate(o.papersDue)}${o.papersDue < today ? " (passed: the chair decides what is added)" : ""}`,
        },
        ...(link ? [{ label: "Papers", value: link }] : []),
      ),
      agendaBlock(agenda, people),
    ]);
  },
};

const remove: CommandSpec = {
  path: ["agenda", "remove"],
  summary: "Take an item off a meeting's agenda (whoever proposed it, the chair or an admin)",
  usage: "agenda remove M-<n> [date] <item number>",
  examples: ["agenda remove M-3 2", "agenda remove M-3 13/1/2027 1"],
  minArgs: 2,
  async run(ctx, args) {
    const { dateText, number } = dateAndNumber(
      args,
      "item",
      "agenda list shows it, e.g. agenda remove M-3 2",
    );
    const { group, occurrence: o } = await meetingOccurrence(ctx, args, dateText, "next");
    const item = await removeAgendaItem(ctx, group, o, number);
    return card(`Removed from the agenda for ${occurrenceName(ctx, o)}: ${item.title}`, [], {
      audience: "channel",
      tone: "success",
    });
  },
};

const apologies: CommandSpec = {
  path: ["apologies"],
  aliases: [["apologies", "send"], ["apology"]],
  summary: "Send your apologies for a meeting, with an optional note for the chair",
  usage: "apologies M-<n> [date] [note]",
  examples: ["apologies M-3", 'apologies M-3 13/1/2027 "On leave; Sam will attend for ECC"'],
  minArgs: 1,
  async run(ctx, args) {
    const { dateText, text: note } = dateAndText(args);
    const { occurrence: o } = await meetingOccurrence(ctx, args, dateText, "next");
    const fresh = await sendApologies(ctx, o, note);
    const date = localDate(o.startsAt, ctx.partnership.timeZone);
    return card(
      `${fresh ? "Apologies sent" : "Apologies updated"} for ${occurrenceName(ctx, o)}`,
      [
        text(
          `The chair will see them${note.trim() ? " with your note" : ""}. To withdraw: apologies withdraw M-${o.meeting.id} ${date}`,
        ),
      ],
      { tone: "success" },
    );
  },
};

const withdraw: CommandSpec = {
  path: ["apologies", "withdraw"],
  summary: "Withdraw your apologies: you will be at the meeting after all",
  usage: "apologies withdraw M-<n> [date]",
  examples: ["apologies withdraw M-3", "apologies withdraw M-3 13/1/2027"],
  minArgs: 1,
  async run(ctx, args) {
    const dateText = args.words.slice(1).join(" ") || null;
    const { occurrence: o } = await meetingOccurrence(ctx, args, dateText, "next");
    await withdrawApologies(ctx, o);
    return card(`Apologies withdrawn for ${occurrenceName(ctx, o)}`, [], { tone: "success" });
  },
};

const apologyList: CommandSpec = {
  path: ["apologies", "list"],
  openTo: "observer",
  summary: "Who has sent apologies for a meeting, with their notes (the group's chair or an admin)",
  usage: "apologies list M-<n> [date]",
  examples: ["apologies list M-3", "apologies list M-3 13/1/2027"],
  minArgs: 1,
  async run(ctx, args) {
    const dateText = args.words.slice(1).join(" ") || null;
    const { group, occurrence: o } = await meetingOccurrence(ctx, args, dateText, "next", "read");
    const list = await apologiesForChair(ctx, group, o);
    const people = await loadPeople(
      ctx,
      list.map((a) => a.personId),
    );
    // Only the chair or an admin gets here, and the reply goes to them alone.
    return card(`Apologies for ${occurrenceName(ctx, o)}: ${list.length}`, [
      items(apologyItems(list, people), undefined, "No apologies so far."),
    ]);
  },
};

export const agendaCommands: CommandSpec[] = [add, list, remove, apologies, withdraw, apologyList];

// Question commands: ask, answer, questions, question show, question reassign.
import { type Block, type Card, card, items, text } from "../card.ts";
import type { Context } from "../context.ts";
import { resolvePerson } from "../directory/resolve.ts";
import { QuorumError } from "../errors.ts";
import { askQuestion } from "../questions/ask.ts";
import { forAsker } from "../questions/asker-buttons.ts";
import { chatName, type EnquiryNames, enquiryCard, enquiryItem, fRef, qRef } from "../questions/cards.ts";
import { answerEnquiry, canSee, reassignEnquiry, resolveEnquiry } from "../questions/enquiries.ts";
import { resolveFaq } from "../questions/faq-service.ts";
import { isEnquiryOverdue, replyDueOn } from "../questions/overdue.ts";
import { learnPhrasing } from "../questions/phrasings.ts";
import type { Enquiry, EnquiryFilter } from "../questions/ports.ts";
import { answerFromRecords } from "../questions/records.ts";
import { checkQuestion } from "../questions/search-text.ts";
import { personById } from "../questions/topics.ts";
import { hiddenLine, readableFilter, splitVisible, viewerOf } from "../questions/visibility.ts";
import { actionCommands } from "./action-commands.ts";
import { directoryCommands } from "./directory-commands.ts";
import { meetingCommands } from "./meeting-commands.ts";
import { moreLine, PAGE_OPTION, type Page, pageCount, readPage } from "./paging.ts";
import { freeText } from "./parse.ts";
import type { CommandSpec } from "./spec.ts";
import { topicCommands } from "./topic-commands.ts";

async function enquiryNames(ctx: Context, e: Enquiry): Promise<EnquiryNames> {
  const topic = e.topicId === null ? null : await ctx.repos.topics.byId(e.topicId);
  return {
    asker: (await personById(ctx, e.askerId))?.name ?? "someone",
    assignee: (await personById(ctx, e.assigneeId))?.name ?? null,
    topic: topic?.name ?? null,
  };
}

/** For lists: the people named and the topics loaded once, not three lookups per row, nor everyone. */
async function enquiryNamer(ctx: Context, list: Enquiry[]): Promise<(e: Enquiry) => EnquiryNames> {
  const named = list.flatMap((e) => (e.assigneeId === null ? [e.askerId] : [e.askerId, e.assigneeId]));
  const [people, topics] = await Promise.all([
    named.length ? ctx.repos.people.byIds(named) : [],
    list.length ? ctx.repos.topics.list(ctx.partnership.id) : [],
  ]);
  const person = new Map(people.map((p) => [p.id, p.name]));
  const topic = new Map(topics.map((t) => [t.id, t.name]));
  return (e) => ({
    asker: person.get(e.askerId) ?? "someone",
    assignee: (e.assigneeId !== null && person.get(e.assigneeId)) || null,
    topic: (e.topicId !== null && topic.get(e.topicId)) || null,
  });
}

const overdue = (ctx: Context, e: Enquiry) =>
  isEnquiryOverdue(e, ctx.now, ctx.partnership.timeZone, ctx.partnership.replyTargetDays);

/** For home: the open questions waiting on the actor, overdue first; in a channel only their count. */
export async function enquiryHomeBlock(ctx: Context): Promise<Block[]> {
  const viewer = viewerOf(ctx);
  const mine = await ctx.repos.enquiries.list(ctx.partnership.id, {
    statuses: ["open"],
    assigneeId: ctx.actor.id,
    limit: 20,
  });
  const { shown, hidden } = splitVisible(viewer, mine);
  const rows = shown.map((e) => ({ e, late: overdue(ctx, e) }));
  rows.sort((a, b) => Number(b.late) - Number(a.late) || a.e.number - b.e.number);
  const names = await enquiryNamer(ctx, shown);
  const list = rows.map(({ e, late }) => ({
    ...enquiryItem(e, names(e), late, ctx.partnership.timeZone),
    buttons: [{ label: "Show", command: `question show ${qRef(e.number)}` }],
  }));
  const line = hiddenLine(hidden, { what: "assigned to you", more: false, viewer });
  return [
    items(list, "Questions assigned to you", line ? undefined : "No questions waiting for you."),
    ...(line ? [text(line)] : []),
  ];
}

const ask: CommandSpec = {
  path: ["ask"],
  openTo: "pending",
  summary: "Ask a question: the FAQ answers at once, or the right contact is asked for you",
  usage: "ask <question>",
  examples: ["ask where are the other pilot areas?", "ask who do I talk to about community budgets?"],
  async run(ctx, args) {
    // The records first, as for a plain message: "who do I talk to about X?" has an answer on file.
    const records = [...actionCommands, ...meetingCommands, ...topicCommands, ...directoryCommands];
    const found = await answerFromRecords(ctx, records, checkQuestion(args.rest));
    return found ?? forAsker(ctx, await askQuestion(ctx, args.rest));
  },
};

/** answer Q-<n> F-<m>: the entry's answer goes to the asker, and the question becomes its phrasing. */
async function answerWithEntry(ctx: Context, ref: string | undefined, entryRef: string | undefined) {
  const enquiry = await resolveEnquiry(ctx, ref);
  const entry = await resolveFaq(ctx, entryRef);
  const done = await answerEnquiry(ctx, enquiry, entry.answer, { faq: false });
  await learnPhrasing(ctx, entry, enquiry.text, "contact");
  const who = done.asker?.name ?? "the asker";
  const sent = done.notified
    ? `${who} will get ${fRef(entry.id)}'s answer on ${chatName(done.notified.platform)}.`
    : `${who} has no chat identity, so the answer is stored but could not be sent.`;
  return card(
    `${qRef(done.enquiry.number)} answered with ${fRef(entry.id)}`,
    [
      text(sent),
      text(
        `"${enquiry.text}" is now a phrasing of ${fRef(entry.id)}: the next person who asks it gets the answer at once.`,
      ),
    ],
    { tone: "success" },
  );
}

const answer: CommandSpec = {
  path: ["answer"],
  summary: "Answer a question routed to you; --faq keeps it as an FAQ entry, F-<n> answers with that entry",
  usage: "answer Q-<n> <answer> [--faq] | answer Q-<n> F-<m>",
  examples: [
    "answer Q-12 The pilot runs until October 2012.",
    "answer Q-12 Twelve officials. --faq",
    "answer Q-12 F-3",
  ],
  minArgs: 1,
  async run(ctx, args) {
    const [ref, ...rest] = args.words;
    if (rest.length === 1 && /^f-\d{1,9}$/i.test(rest[0] ?? "")) return answerWithEntry(ctx, ref, rest[0]);
    const faq = rest.some((w) => w.toLowerCase() === "--faq");
    // From the exact text, so an answer typed over several lines reaches the asker as written.
    const text = freeText(args.text, [/^\S+/, /(?<=^|\s)--faq(?=\s|$)/gi]);
    const done = await answerEnquiry(ctx, await resolveEnquiry(ctx, ref), text, { faq });
    const who = done.asker?.name ?? "the asker";
    const lines = [
      done.notified
        ? `${who} will get your answer on ${chatName(done.notified.platform)}.`
        : `${who} has no chat identity, so the answer is stored but could not be sent.`,
      ...(done.faq ? [`Kept as FAQ entry F-${done.faq.id}: the next person who asks gets it at once.`] : []),
    ];
    return card(`${qRef(done.enquiry.number)} answered`, [{ kind: "text", text: lines.join("\n") }], {
      tone: "success",
    });
  },
};

const FILTERS = ["open", "mine", "assigned", "all"] as const;
type QuestionFilter = (typeof FILTERS)[number];
const LIST_LIMIT = 50;

/**
 * The enquiries a list may show its viewer (everyone sees what they asked or hold; admins the whole
 * desk; a channel none), and how many more match that the viewer may not read.
 */
async function readableList(ctx: Context, wanted: EnquiryFilter, page: Page) {
  const viewer = viewerOf(ctx);
  const pid = ctx.partnership.id;
  const readable = readableFilter(viewer, wanted);
  const found = readable
    ? await ctx.repos.enquiries.list(pid, { ...readable, limit: page.size, offset: page.offset })
    : [];
  const cut = page.number > 1 || found.length === page.size;
  const readableTotal = readable && cut ? await ctx.repos.enquiries.count(pid, readable) : found.length;
  // The rule again over the rows, so a filter that drifted from it could only ever hide, never show.
  const { shown, hidden } = splitVisible(viewer, found);
  const total = await ctx.repos.enquiries.count(pid, wanted);
  return {
    shown,
    readableTotal,
    hidden: total - readableTotal + hidden,
  };
}

const list: CommandSpec = {
  path: ["questions"],
  openTo: "observer",
  aliases: [["question", "list"]],
  summary: "Questions: open, mine (you asked), assigned (to you) or all",
  usage: "questions [open|mine|assigned|all] [page:n]",
  examples: ["questions", "questions assigned", "questions mine", "questions all page:2"],
  options: PAGE_OPTION,
  async run(ctx, args) {
    const page = readPage(args, LIST_LIMIT);
    const word = (args.words[0] ?? "open").toLowerCase() as QuestionFilter;
    if (!FILTERS.includes(word) || args.words.length > 1) {
      throw new QuorumError("bad_argument", `Which questions? Use one of: ${FILTERS.join(", ")}.`);
    }
    const wanted: EnquiryFilter = {
      statuses: word === "all" || word === "mine" ? ["open", "answered", "closed"] : ["open"],
    };
    if (word === "mine") wanted.askerId = ctx.actor.id;
    if (word === "assigned") wanted.assigneeId = ctx.actor.id;
    const { shown, hidden, readableTotal } = await readableList(ctx, wanted, page);
    const names = await enquiryNamer(ctx, shown);
    const rows = shown.map((e) => enquiryItem(e, names(e), overdue(ctx, e), ctx.partnership.timeZone));
    const line = hiddenLine(hidden, {
      what: word === "open" ? "open" : "",
      more: shown.length > 0,
      viewer: viewerOf(ctx),
    });
    const label = {
      open: "Open questions",
      mine: "Questions you asked",
      assigned: "Questions with you",
      all: "All questions",
    }[word];
    const count = pageCount(page, shown.length, readableTotal);
    const next = moreLine(
      list,
      args,
      page,
      readableTotal,
      word === "all" || word === "open" ? "questions assigned or mine" : "",
    );
    return card(`${label}: ${count}`, [
      items(rows, undefined, line ? undefined : "None."),
      ...(line ? [text(line)] : []),
      ...(next ? [text(next)] : []),
    ]);
  },
};

const show: CommandSpec = {
  path: ["question", "show"],
  openTo: "observer",
  summary: "Show a question, who has it and its answer",
  usage: "question show Q-<n>",
  examples: ["question show Q-12"],
  minArgs: 1,
  async run(ctx, args): Promise<Card> {
    const e = await resolveEnquiry(ctx, args.words[0]);
    if (!canSee(ctx, e)) {
      throw new QuorumError(
        "forbidden",
        ctx.conversation.kind === "channel"
          ? `${qRef(e.number)} is not shown in a channel: its asker, its contact and admins can see it in a direct message with Quorum.`
          : `${qRef(e.number)} is visible to its asker, its contact and admins.`,
      );
    }
    const names = await enquiryNames(ctx, e);
    const answeredBy = (await personById(ctx, e.answeredBy))?.name ?? null;
    const due = replyDueOn(e, ctx.partnership.timeZone, ctx.partnership.replyTargetDays);
    return enquiryCard(e, { ...names, answeredBy }, due, overdue(ctx, e), ctx.partnership.timeZone);
  },
};

const reassign: CommandSpec = {
  path: ["question", "reassign"],
  summary: "Pass a question to another contact (a person or a topic's contact)",
  usage: "question reassign Q-<n> <@person|topic>",
  examples: ["question reassign Q-12 @priya", "question reassign Q-12 community-budgets"],
  minArgs: 2,
  async run(ctx, args) {
    const e = await resolveEnquiry(ctx, args.words[0]);
    const target = args.words.slice(1).join(" ");
    const topic = target.startsWith("@")
      ? null
      : await ctx.repos.topics.bySlug(ctx.partnership.id, target.toLowerCase());
    const contact = topic ? await personById(ctx, topic.contactId) : await resolvePerson(ctx, target);
    if (!contact)
      throw new QuorumError("not_found", `Topic ${topic?.slug} has no contact yet; name a person instead.`);
    const { notified } = await reassignEnquiry(ctx, e, { topic, contact, via: topic ? "topic" : "none" });
    const told = notified
      ? `They have been told on ${chatName(notified.platform)}.`
      : "They have not used Quorum chat yet, so nobody was notified.";
    return card(`${qRef(e.number)} is now with ${contact.name}`, [{ kind: "text", text: told }], {
      tone: "success",
    });
  },
};

export const questionCommands: CommandSpec[] = [ask, answer, list, show, reassign];

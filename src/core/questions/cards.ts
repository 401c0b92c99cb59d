// Cards for questions: a confident answer, a routed enquiry, notices to contact and asker, lists.
import { type Block, type Card, card, fields, type Item, items, text } from "../card.ts";
import type { OutboundPayload } from "../outbound.ts";
import { cardToText } from "../render-text.ts";
import { formatDate, localDate } from "../time/zone.ts";
import type { Person } from "../types.ts";
import type { ScoredEntry } from "./confidence.ts";
import type { Enquiry, FaqEntry, Topic } from "./ports.ts";

export const qRef = (n: number) => `Q-${n}`;
export const fRef = (id: number) => `F-${id}`;
const CHAT_NAMES = { slack: "Slack", teams: "Teams", shell: "the Quorum shell", email: "email" } as const;

/** "Sam Okafor (Essex County Council)": how the asker is told who has their question. */
export const personLabel = (p: Person, orgName: string | null) =>
  orgName ? `${p.name} (${orgName})` : p.name;

export function contactLine(p: Person, orgName: string | null): string {
  return [personLabel(p, orgName), p.email, p.phone].filter(Boolean).join(" · ");
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function relatedItems(related: ScoredEntry[]): Item[] {
  return related.map((r) => ({
    title: `${fRef(r.entry.id)} ${r.entry.question}`,
    detail: clip(r.entry.answer.replace(/\s+/g, " "), 160),
    buttons: [{ label: "Show", command: `faq show ${fRef(r.entry.id)}` }],
  }));
}

/** Buttons under an answer: the asker says it fitted (nobody is bothered) or sends it to a person. */
const feedbackButtons = (e: FaqEntry): Block => ({
  kind: "buttons",
  buttons: [
    { label: "This answered it", command: `faq helped ${fRef(e.id)}`, style: "primary" },
    { label: "Ask a person", command: "send" },
  ],
});

export function answerCard(
  hit: ScoredEntry,
  contact: { person: Person; org: string | null } | null,
  opts: { feedback?: boolean } = {},
): Card {
  const e = hit.entry;
  return card(e.question, [
    text(e.answer),
    fields(
      { label: "Source", value: e.source ?? "FAQ" },
      { label: "Entry", value: fRef(e.id) },
      ...(contact ? [{ label: "Contact", value: contactLine(contact.person, contact.org) }] : []),
    ),
    ...(opts.feedback
      ? [feedbackButtons(e)]
      : [text("Not what you needed? Ask again with more detail, and a person will answer.")]),
  ]);
}

/** Who a confirmed message would go to: the routed contact and why them. */
export interface RouteView {
  topic: Topic | null;
  contact: Person | null;
  via: "topic" | "default" | "none";
  org: string | null;
}

function recipient(r: RouteView): string {
  if (!r.contact) return "the partnership's admins";
  const why = r.topic && r.via === "topic" ? `contact for ${r.topic.name}` : "the partnership's contact";
  return `${r.contact.name} (${why})`;
}

const sendButtons = (label: string): Block => ({
  kind: "buttons",
  buttons: [
    { label, command: "send", style: "primary" },
    { label: "Cancel", command: "cancel" },
  ],
});

const shellHint = text('In the shell, type "send" or "cancel".');

function choiceItems(related: ScoredEntry[]): Item[] {
  return related.map((r) => ({
    title: `${fRef(r.entry.id)} ${r.entry.question}`,
    detail: clip(r.entry.answer.replace(/\s+/g, " "), 240),
    buttons: [{ label: "This answers it", command: `faq helped ${fRef(r.entry.id)}` }],
  }));
}

/** Unsure: the best entries to choose from, and the person who would answer otherwise. */
export function choicesCard(asked: string, related: ScoredEntry[], route: RouteView): Card {
  const who = route.contact ? route.contact.name : "a person";
  return card(`Is it one of these? "${clip(asked, 60)}"`, [
    items(choiceItems(related), "Closest FAQ entries"),
    text(`If none of these answers it, I can send your question to ${recipient(route)}.`),
    sendButtons(`Ask ${who}`),
    shellHint,
  ]);
}

/** Nothing in the records or the FAQ: ask before anyone is bothered with it. */
export function confirmCard(asked: string, related: ScoredEntry[], route: RouteView): Card {
  return card(`Send this to ${recipient(route)}?`, [
    text(`"${clip(asked, 300)}"`),
    ...(related.length ? [items(choiceItems(related), "These FAQ entries came close")] : []),
    sendButtons("Send"),
    shellHint,
  ]);
}

export function openedCard(
  e: Enquiry,
  contact: { person: Person; org: string | null } | null,
  told: string | null,
  related: ScoredEntry[],
  existing: boolean,
): Card {
  const ref = qRef(e.number);
  const title = contact
    ? `${ref} is with ${personLabel(contact.person, contact.org)}`
    : `${ref} is open, waiting for an admin to route it`;
  const blocks: Block[] = [
    text(
      existing
        ? `You asked this already; ${ref} is still open.`
        : "I couldn't find a confident answer in the FAQ, so a person will answer.",
    ),
  ];
  if (contact && !existing) {
    blocks.push(
      text(
        told
          ? `They have been told on ${told}; the answer will come to you here.`
          : `They have not used Quorum chat yet, so nobody was notified: contact them directly${contact.person.email ? ` at ${contact.person.email}` : ""}.`,
      ),
    );
  }
  if (related.length) blocks.push(items(relatedItems(related), "These FAQ entries may help meanwhile"));
  const reply = card(title, blocks, { tone: contact ? "success" : "warning" });
  // A new enquiry's reference goes with the reply as data, so no adapter reads it out of the title.
  return existing ? reply : { ...reply, ref };
}

export function searchOnlyCard(asked: string, related: ScoredEntry[]): Card {
  return card(`No sure answer for "${clip(asked, 60)}"`, [
    ...(related.length ? [items(relatedItems(related), "Closest FAQ entries")] : []),
    text("To have a person answer, ask the whole question, e.g. ask what support will the pilot get?"),
  ]);
}

export function assignedNotice(
  e: Enquiry,
  opts: { askerName: string; topic: Topic | null; related: ScoredEntry[]; passedOnBy?: string },
): OutboundPayload {
  const ref = qRef(e.number);
  const why = opts.passedOnBy
    ? `${opts.passedOnBy} passed this to you.`
    : opts.topic
      ? `You are the contact for ${opts.topic.name}.`
      : "You are the partnership's default contact.";
  const c = card(`${ref} from ${opts.askerName}`, [
    text(e.text),
    text(`${why} Reply with: answer ${ref} <your answer> (add --faq to keep it as an FAQ entry).`),
    ...(opts.related.length ? [items(relatedItems(opts.related), "FAQ entries that came close")] : []),
    { kind: "buttons", buttons: [{ label: "Show", command: `question show ${ref}` }] },
  ]);
  return { card: c, text: cardToText(c) };
}

export function answeredNotice(e: Enquiry, answerer: Person): OutboundPayload {
  const c = card(
    `${answerer.name} answered your question ${qRef(e.number)}`,
    [text(`You asked: ${clip(e.text, 300)}`), text(e.answer ?? "")],
    { tone: "success" },
  );
  return { card: c, text: cardToText(c) };
}

export interface EnquiryNames {
  asker: string;
  assignee: string | null;
  topic: string | null;
}

export function enquiryItem(e: Enquiry, names: EnquiryNames, overdue: boolean, zone: string): Item {
  const when = formatDate(localDate(e.createdAt, zone));
  const flag = e.status !== "open" ? e.status : overdue ? "overdue" : undefined;
  return {
    title: `${qRef(e.number)} ${clip(e.text, 100)}`,
    detail: [
      `asked by ${names.asker} ${when}`,
      names.assignee ? `with ${names.assignee}` : "unassigned",
      names.topic,
    ]
      .filter(Boolean)
      .join(" · "),
    ...(flag ? { flag } : {}),
  };
}

export function enquiryCard(
  e: Enquiry,
  names: EnquiryNames & { answeredBy: string | null },
  dueOn: string,
  overdue: boolean,
  zone: string,
): Card {
  const blocks: Block[] = [
    text(e.text),
    fields(
      { label: "Status", value: overdue ? "open, overdue" : e.status },
      { label: "Asked by", value: `${names.asker} on ${CHAT_NAMES[e.askedOn]}` },
      { label: "With", value: names.assignee ?? "nobody yet" },
      { label: "Topic", value: names.topic ?? "none" },
      {
        label: e.status === "open" ? "Reply due" : "Asked",
        value: e.status === "open" ? formatDate(dueOn) : formatDate(localDate(e.createdAt, zone)),
      },
    ),
  ];
  if (e.answer)
    blocks.push(text(`Answer${names.answeredBy ? ` from ${names.answeredBy}` : ""}: ${e.answer}`));
  return card(`${qRef(e.number)}`, blocks);
}

export function faqCard(e: FaqEntry, topic: Topic | null): Card {
  return card(`${fRef(e.id)} ${e.question}`, [
    text(e.answer),
    fields(
      { label: "Source", value: e.source ?? "—" },
      { label: "Topic", value: topic ? topic.slug : "none" },
    ),
  ]);
}

export const chatName = (platform: keyof typeof CHAT_NAMES) => CHAT_NAMES[platform];

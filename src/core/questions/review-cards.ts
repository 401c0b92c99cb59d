// Cards for keeping the FAQ true: the review list, the owner's reminder, the contact's weekly note.
import { type Block, type Card, card, fields, type Item, items, text } from "../card.ts";
import { formatDate } from "../time/zone.ts";
import { fRef } from "./cards.ts";
import type { Tended } from "./faq-review.ts";
import type { Enquiry } from "./ports.ts";
import type { DueEntry, UnhelpfulMark } from "./review-ports.ts";
import { hiddenLine, type Viewer } from "./visibility.ts";

/** The note goes to one person in a direct message; only the wording of the hidden line depends on it. */
const CONTACT: Viewer = { kind: "person", id: 0, admin: false };
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const year = (today: string) => Number(today.slice(0, 4));

/** The stewardship lines under an entry in `faq show`. */
export function stewardshipBlock(t: Tended, today: string): Block {
  const s = t.stewardship;
  const byContact = s.ownerId === null && t.owner !== null;
  const owner = t.owner ? `${t.owner.name}${byContact ? " (topic contact)" : ""}` : "nobody yet";
  const due = s.reviewDueOn <= today;
  return fields(
    { label: "Owner", value: owner },
    {
      label: "Review by",
      value: `${formatDate(s.reviewDueOn, year(today))}${due ? " (due now)" : ""}`,
    },
    {
      label: "Unhelpful",
      value:
        s.unhelpful === 0
          ? "nobody has asked a person after this answer"
          : `${s.unhelpful} time${s.unhelpful === 1 ? "" : "s"} someone asked a person after this answer`,
    },
  );
}

/** `ownerName` undefined: the list is the owner's own, so no owner is named. */
export function dueItem(e: DueEntry, today: string, ownerName?: string | null): Item {
  const owner = ownerName === undefined ? [] : [ownerName ? `owner ${ownerName}` : "no owner"];
  return {
    title: `${fRef(e.id)} ${clip(e.question, 100)}`,
    detail: [`due ${formatDate(e.reviewDueOn, year(today))}`, ...owner].join(" · "),
    buttons: [{ label: "Reviewed", command: `faq reviewed ${fRef(e.id)}` }],
  };
}

export function reviewListCard(list: Item[], mine: boolean): Card {
  const whose = mine ? "Your FAQ entries" : "FAQ entries";
  return card(`${whose} due for review: ${list.length}`, [
    items(list, undefined, mine ? "Nothing of yours is due for review." : "Nothing is due for review."),
    text(
      "Check each answer is still right (faq show F-<n>), change it with faq add if not, then say faq reviewed F-<n>.",
    ),
  ]);
}

/** The scheduled reminder to one owner, listing every entry of theirs now due. */
export function ownerReminderCard(due: DueEntry[], today: string): Card {
  return card(`${due.length} FAQ ${due.length === 1 ? "entry is" : "entries are"} due for review`, [
    text("You look after these answers. Check each is still right, then mark it reviewed for six months."),
    items(due.map((e) => dueItem(e, today))),
    text(
      "Type faq review to see them again; an admin or the topic's contact can hand one on with faq owner.",
    ),
  ]);
}

export interface TopicNote {
  name: string;
  /** Open questions the contact may read (they asked or hold them). */
  open: Enquiry[];
  /** Open questions passed on to someone else: counted, never shown (see visibility.ts). */
  hidden: number;
  unhelpful: UnhelpfulMark[];
}

/** The weekly note to a topic's contact: questions still waiting, and answers that did not do. */
export function weeklyNoteCard(topics: TopicNote[], since: string, today: string): Card {
  const blocks: Block[] = [];
  for (const t of topics) {
    blocks.push(text(t.name));
    blocks.push(
      items(
        t.open.map((e) => ({
          title: `Q-${e.number} ${clip(e.text, 100)}`,
          buttons: [{ label: "Show", command: `question show Q-${e.number}` }],
        })),
        "Unanswered questions",
        t.hidden ? undefined : "None waiting.",
      ),
    );
    const others = hiddenLine(t.hidden, { what: "waiting", more: t.open.length > 0, viewer: CONTACT });
    if (others) blocks.push(text(others));
    if (t.unhelpful.length)
      blocks.push(
        items(
          t.unhelpful.map((m) => ({
            title: `${fRef(m.entryId)} ${clip(m.question, 100)}`,
            detail: `${m.count} time${m.count === 1 ? "" : "s"} someone asked a person after this answer`,
            buttons: [{ label: "Show", command: `faq show ${fRef(m.entryId)}` }],
          })),
          `Answers marked unhelpful since ${formatDate(since, year(today))}`,
        ),
      );
  }
  return card("Your topics this week", blocks);
}

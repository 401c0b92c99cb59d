// The minutes preview card (each action read, the lines that were not, Create all / Edit / Skip / Cancel) and
// the card after Create all. Plain text throughout: each platform's renderer escapes it.
import { commandArg } from "../actions/due-date.ts";
import { type Block, type Card, card, type Item, items, text } from "../card.ts";
import { meetingRef } from "../meetings/service.ts";
import { formatDate } from "../time/zone.ts";
import type { MinutesPreview, PreviewItem } from "./ports.ts";

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export const occurrenceLabel = (p: Pick<MinutesPreview, "meetingId" | "meetingDate">) =>
  `${meetingRef(p.meetingId)}, ${formatDate(p.meetingDate, 0)}`;

export function itemDetail(i: PreviewItem): string {
  const who = i.ownerName ?? (i.ownerText ? `"${i.ownerText}"` : "no owner");
  const parts = [
    who,
    i.orgCode ?? "no organisation",
    i.dueOn ? `due ${formatDate(i.dueOn, 0)}` : "no due date",
  ];
  return `${parts.join(" · ")} · line ${i.line}`;
}

function previewItem(i: PreviewItem): Item {
  return {
    title: `#${i.n} ${i.title}`,
    detail: itemDetail(i),
    ...(i.flag ? { flag: `not created as it stands: ${i.flag}` } : {}),
    ...(i.notes.length ? { note: i.notes.join("; ") } : {}),
  };
}

/**
 * Each action with its own Edit and Skip in a buttons block under it, not on the item: a click answers
 * with the whole preview again, which replaces the card (a button on an item would replace only that item).
 */
function actionBlocks(p: MinutesPreview): Block[] {
  if (!p.items.length) return [items([], "Actions read", "No actions left in this preview.")];
  return p.items.flatMap((i, k) => [
    items([previewItem(i)], k === 0 ? "Actions read" : undefined),
    {
      kind: "buttons" as const,
      buttons: [
        { label: `Edit #${i.n}`, command: `minutes edit ${p.id} ${i.n}` },
        { label: `Skip #${i.n}`, command: `minutes skip ${p.id} ${i.n}` },
      ],
    },
  ]);
}

export const ready = (p: MinutesPreview) => p.items.filter((i) => !i.flag);

/** The preview: what Create all would make, what it would leave, and the lines that were not read. */
export function previewCard(p: MinutesPreview, meetingTitle: string, extra: Block[] = []): Card {
  const n = ready(p).length;
  const flagged = p.items.length - n;
  const blocks: Block[] = [
    ...extra,
    text(
      `Nothing is saved until you press Create all. Each action will be recorded as arising at ${occurrenceLabel(p)} (${meetingTitle}).`,
    ),
    ...actionBlocks(p),
  ];
  if (p.unread.length)
    blocks.push(
      items(
        p.unread.map((u) => ({ title: clip(u.text, 160), detail: `line ${u.line}: ${u.why}` })),
        "Lines I could not read (not created)",
      ),
    );
  if (flagged)
    blocks.push(
      text(
        `${flagged} flagged action${flagged === 1 ? " is" : "s are"} not created by Create all: Edit or Skip ${flagged === 1 ? "it" : "them"}.`,
      ),
    );
  blocks.push(
    {
      kind: "buttons",
      buttons: [
        ...(n
          ? [{ label: `Create all ${n}`, command: `minutes create ${p.id}`, style: "primary" as const }]
          : []),
        { label: "Cancel", command: `minutes cancel ${p.id}`, style: "danger" },
      ],
    },
    text(
      `In the shell, type "minutes create ${p.id}", "minutes edit ${p.id} <#>", "minutes skip ${p.id} <#>" or "minutes cancel ${p.id}".`,
    ),
  );
  const title = `${n} action${n === 1 ? "" : "s"} from the minutes of ${meetingTitle}, ${formatDate(p.meetingDate, 0)}: check, then Create all`;
  return {
    ...card(title, blocks, { tone: flagged || p.unread.length ? "warning" : "info" }),
    ref: String(p.id),
  };
}

/** The action add line for an item, with the meeting written out, to correct and send (or paste in a form). */
export function addCommand(p: MinutesPreview, i: PreviewItem, handle: string | null): string {
  const owner = handle ? `owner:@${handle}` : i.ownerText ? `owner:${commandArg(i.ownerText)}` : "";
  return [
    "action add",
    commandArg(i.title),
    owner,
    i.orgCode ? `org:${i.orgCode}` : "",
    i.dueOn ? `due:${i.dueOn}` : i.dueText ? `due:${commandArg(i.dueText)}` : "",
    `meeting:${meetingRef(p.meetingId)}@${p.meetingDate}`,
  ]
    .filter(Boolean)
    .join(" ");
}

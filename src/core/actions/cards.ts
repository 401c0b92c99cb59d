// Cards for actions: one action in full, or a list with Done / Snooze buttons on each open item.
import { type Button, type Card, card, fields, type Item, items, text } from "../card.ts";
import { aroseAt } from "../meetings/arising.ts";
import { formatDate, localDate } from "../time/zone.ts";
import type { ActionUpdate, ActionView } from "../types.ts";
import { actionRef } from "./service.ts";

export function actionButtons(a: ActionView): Button[] {
  if (a.status !== "open") return [];
  const ref = actionRef(a.number);
  return [
    { label: "Done", command: `action done ${ref}`, style: "primary" },
    { label: "Snooze a week", command: `action snooze ${ref}` },
  ];
}

export function dueText(a: ActionView, today: string): string {
  if (!a.dueOn) return "no due date";
  const year = Number(today.slice(0, 4));
  if (a.status === "open" && a.dueOn < today) return `was due ${formatDate(a.dueOn, year)}`;
  if (a.dueOn === today) return "due today";
  return `due ${formatDate(a.dueOn, year)}`;
}

export function actionItem(a: ActionView, today: string): Item {
  const owner = a.orgCode ? `${a.ownerName} (${a.orgCode})` : a.ownerName;
  const where = a.groupSlug ? ` · ${a.groupSlug}` : "";
  const arose = aroseAt(a);
  const flag = a.status !== "open" ? a.status : a.dueOn && a.dueOn < today ? "overdue" : undefined;
  return {
    title: `${actionRef(a.number)} ${a.title}`,
    detail: `${owner} · ${dueText(a, today)}${where}${arose ? ` · from ${arose}` : ""}`,
    ...(flag ? { flag } : {}),
    buttons: actionButtons(a),
  };
}

/** A list stays scannable: longer notes are cut here, and `action show` has them in full. */
export const LIST_NOTE_LIMIT = 280;

/** "Note: …" under a done action, "Reason: …" under a dropped one, from its closing log entry. */
export function closingLine(a: ActionView, note: string | undefined): string | undefined {
  if (!note || a.status === "open") return undefined;
  const flat = note.replace(/\s+/g, " ").trim();
  const shown = flat.length > LIST_NOTE_LIMIT ? `${flat.slice(0, LIST_NOTE_LIMIT - 1)}…` : flat;
  return `${a.status === "dropped" ? "Reason" : "Note"}: ${shown}`;
}

export function actionListCard(
  title: string,
  list: ActionView[],
  today: string,
  empty: string,
  notes: ReadonlyMap<number, string> = new Map(),
): Card {
  const item = (a: ActionView): Item => {
    const line = closingLine(a, notes.get(a.id));
    // Per row: Object.assign, not a spread then a new property, which Node 20 builds slowly.
    return line ? Object.assign(actionItem(a, today), { note: line }) : actionItem(a, today);
  };
  return card(title, [items(list.map(item), undefined, empty)]);
}

export function actionCard(
  headline: string,
  a: ActionView,
  today: string,
  opts: {
    log?: { updates: ActionUpdate[]; zone: string };
    audience?: Card["audience"];
    tone?: Card["tone"];
  } = {},
): Card {
  const blocks = [
    items([actionItem(a, today)]),
    fields(
      { label: "Owner", value: a.orgCode ? `${a.ownerName} (${a.orgCode})` : a.ownerName },
      { label: "Status", value: a.status },
      { label: "Due", value: a.dueOn ? formatDate(a.dueOn) : "none" },
      ...(a.groupSlug ? [{ label: "Group", value: a.groupSlug }] : []),
      ...(a.meetingId ? [{ label: "Arose at", value: aroseAt(a) ?? "" }] : []),
    ),
  ];
  const log = opts.log;
  if (log?.updates.length) blocks.push(text(log.updates.map((u) => logLine(u, log.zone)).join("\n")));
  return card(headline, blocks, { audience: opts.audience ?? "channel", tone: opts.tone ?? "success" });
}

/** Dated in the partnership's zone: a note added at 00:30 BST belongs to that day, not the UTC one. */
function logLine(u: ActionUpdate, zone: string): string {
  const when = localDate(u.at, zone);
  const who = u.authorName ?? "someone";
  return `${when} ${who}: ${u.kind}${u.text ? ` — ${u.text}` : ""}`;
}

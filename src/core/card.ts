// Platform-neutral replies: adapters render a Card as Block Kit, an Adaptive Card or plain text.
// All strings here are plain text, never markup: each renderer escapes them for its platform.
import type { ErrorCode } from "./errors.ts";

import type { Attachment } from "./papers/documents.ts";

export type Tone = "info" | "success" | "warning" | "error";

/** A button carries a command in the shared grammar, so a click runs the same code as typing it. */
export interface Button {
  label: string;
  command: string;
  style?: "primary" | "danger";
}

/**
 * A link button opens an address instead of running a command: a download, a group's shared page. A url
 * starting with "/" is a path on Quorum's own public address, which the app fills in (src/core/public-links.ts).
 */
export interface LinkButton {
  label: string;
  url: string;
}

export interface Field {
  label: string;
  value: string;
}

export interface Item {
  title: string;
  /** Secondary line, e.g. owner, organisation and due date. */
  detail?: string;
  /** Highlights an item a reader should look at first (overdue, cancelled). */
  flag?: string;
  /** A line under the detail, e.g. a done action's closing note or a dropped one's reason. */
  note?: string;
  buttons?: Button[];
}

export type Block =
  | { kind: "text"; text: string }
  | { kind: "fields"; fields: Field[] }
  | { kind: "items"; heading?: string; items: Item[]; empty?: string }
  | { kind: "buttons"; buttons: Button[] }
  | { kind: "links"; links: LinkButton[] }
  | { kind: "usage"; usage: string; examples?: string[] }
  | { kind: "divider" };

export interface Card {
  title: string;
  tone: Tone;
  blocks: Block[];
  /** "personal" replies go only to the person who asked (ephemeral on Slack); "channel" ones to everyone. */
  audience: "personal" | "channel";
  /** The reference of what the command created, so adapters never read it out of the title. */
  ref?: string;
  /** On an error card: the stable code and, when the error belongs to one input, that input's name. */
  error?: { code: ErrorCode; field?: string };
  /** A file that goes with the reply (a meeting paper, an export); see src/core/papers/documents.ts. */
  attachment?: Attachment;
}

export function card(
  title: string,
  blocks: Block[],
  opts: Partial<Pick<Card, "tone" | "audience">> = {},
): Card {
  return { title, blocks, tone: opts.tone ?? "info", audience: opts.audience ?? "personal" };
}

export const text = (value: string): Block => ({ kind: "text", text: value });
export const links = (...list: LinkButton[]): Block => ({ kind: "links", links: list });
export const fields = (...list: Field[]): Block => ({ kind: "fields", fields: list });
export const items = (list: Item[], heading?: string, empty?: string): Block => ({
  kind: "items",
  items: list,
  ...(heading ? { heading } : {}),
  ...(empty ? { empty } : {}),
});

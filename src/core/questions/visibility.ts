// Who may read an enquiry's text, written once: its asker, its contact and admins. A card is composed for
// its audience, so a channel (anyone in it may read a reply there) sees no enquiry's text, only counts.
import type { Context } from "../context.ts";
import type { Person } from "../types.ts";
import type { Enquiry, EnquiryFilter } from "./ports.ts";

/** Who will read a card: one person, or everyone in a channel (whoever they are). */
export type Viewer = { kind: "person"; id: number; admin: boolean } | { kind: "channel" };

export const personViewer = (p: Pick<Person, "id" | "role">): Viewer => ({
  kind: "person",
  id: p.id,
  admin: p.role === "admin",
});

export const CHANNEL_AUDIENCE: Viewer = { kind: "channel" };

/**
 * Who reads a reply in this conversation. In a channel that is the channel: Teams shows every reply to
 * all its members, and the core cannot know whether an adapter can answer privately there.
 */
export const viewerOf = (ctx: Context): Viewer =>
  ctx.conversation.kind === "channel" ? CHANNEL_AUDIENCE : personViewer(ctx.actor);

/** The rule: a question can carry names and circumstances, so only its asker, contact and admins read it. */
export function mayRead(viewer: Viewer, e: Pick<Enquiry, "askerId" | "assigneeId">): boolean {
  if (viewer.kind === "channel") return false;
  return viewer.admin || e.askerId === viewer.id || e.assigneeId === viewer.id;
}

/** The same rule as a database filter, so lists fetch only what they may show; null: nothing may show. */
export function readableFilter(viewer: Viewer, filter: EnquiryFilter): EnquiryFilter | null {
  if (viewer.kind === "channel") return null;
  return viewer.admin ? filter : { ...filter, involving: viewer.id };
}

export interface Visible<T> {
  shown: T[];
  /** How many the viewer may not read: shown as a count, never their text or asker. */
  hidden: number;
}

export function splitVisible<T extends Pick<Enquiry, "askerId" | "assigneeId">>(
  viewer: Viewer,
  list: T[],
): Visible<T> {
  const shown = list.filter((e) => mayRead(viewer, e));
  return { shown, hidden: list.length - shown.length };
}

/**
 * The line that stands in for enquiries a viewer may not read, e.g. "2 more questions past the reply
 * target that only their askers, their contacts and admins can see." Null when none are hidden.
 */
export function hiddenLine(
  hidden: number,
  opts: { what?: string; more: boolean; viewer: Viewer },
): string | null {
  if (hidden === 0) return null;
  const more = opts.more ? "more " : "";
  const noun = hidden === 1 ? `1 ${more}question` : `${hidden} ${more}questions`;
  const who = hidden === 1 ? "its asker, its contact and admins" : "their askers, their contacts and admins";
  const where = opts.viewer.kind === "channel" ? " They are shown only in a direct message with Quorum." : "";
  return `${noun}${opts.what ? ` ${opts.what}` : ""} that only ${who} can see.${where}`;
}

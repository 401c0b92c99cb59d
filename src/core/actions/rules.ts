// Who may change an action, and what a valid action looks like.
import type { Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import type { ActionView } from "../types.ts";

export const MAX_TITLE = 500;
export const MAX_NOTE = 2000;

export function checkTitle(title: string): string {
  const t = title.trim().replace(/\s+/g, " ");
  if (!t) throw new QuorumError("missing_argument", "An action needs a title.", undefined, "title");
  if (t.length > MAX_TITLE) {
    throw new QuorumError(
      "too_long",
      `The title is ${t.length} characters; the limit is ${MAX_TITLE}. Put detail in a note.`,
      undefined,
      "title",
    );
  }
  return t;
}

export function checkNote(note: string, what = "The note"): string {
  const t = note.trim();
  if (!t) throw new QuorumError("missing_argument", `${what} is empty.`);
  if (t.length > MAX_NOTE)
    throw new QuorumError("too_long", `${what} is ${t.length} characters; the limit is ${MAX_NOTE}.`);
  return t;
}

/** The owner, the creator, the group's chair and partnership admins may change an action. */
export async function assertCanChange(ctx: Context, action: ActionView): Promise<void> {
  const me = ctx.actor;
  if (me.role === "admin" || action.ownerId === me.id || action.createdBy === me.id) return;
  if (action.groupId) {
    const group = await ctx.repos.groups.byId(action.groupId);
    if (group?.chairId === me.id) return;
  }
  throw new QuorumError(
    "forbidden",
    `Only A-${action.number}'s owner (${action.ownerName}), its creator, the group's chair or an admin can change it.`,
  );
}

export function assertOpen(action: ActionView, doing: string): void {
  if (action.status !== "open") {
    throw new QuorumError(
      "conflict",
      `A-${action.number} is already ${action.status}, so it can't be ${doing}.`,
    );
  }
}

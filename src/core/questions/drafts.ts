// A person's last plain message, kept until they send it to a contact, cancel it, or say an answer fitted.
import type { Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import type { EnquiryDraft } from "./ports.ts";

/** A draft older than this is forgotten: a Send button clicked days later should not surprise anyone. */
const DRAFT_HOURS = 24;

/** `answeredEntryId`: the FAQ entry shown as the answer, so "Ask a person" can count against it. */
export async function saveDraft(ctx: Context, text: string, answeredEntryId: number | null = null) {
  await ctx.repos.drafts.save({
    personId: ctx.actor.id,
    partnershipId: ctx.partnership.id,
    text,
    createdAt: ctx.now,
    answeredEntryId,
  });
}

/** The actor's waiting draft, or null if there is none (or it is stale, in which case it is dropped). */
export async function currentDraft(ctx: Context): Promise<EnquiryDraft | null> {
  const draft = await ctx.repos.drafts.byPerson(ctx.actor.id);
  if (!draft || draft.partnershipId !== ctx.partnership.id) return null;
  if (ctx.now.getTime() - draft.createdAt.getTime() > DRAFT_HOURS * 3600_000) {
    await ctx.repos.drafts.remove(ctx.actor.id);
    return null;
  }
  return draft;
}

export async function takeDraft(ctx: Context): Promise<EnquiryDraft> {
  const draft = await currentDraft(ctx);
  if (!draft) {
    throw new QuorumError(
      "not_found",
      "Nothing is waiting to be sent. Type your question again, or ask <question> to send it to a person at once.",
    );
  }
  await ctx.repos.drafts.remove(ctx.actor.id);
  return draft;
}

/** Cancel: the draft is dropped and nobody hears of it. Returns whether there was one. */
export async function dropDraft(ctx: Context): Promise<boolean> {
  const draft = await currentDraft(ctx);
  if (draft) await ctx.repos.drafts.remove(ctx.actor.id);
  return draft !== null;
}

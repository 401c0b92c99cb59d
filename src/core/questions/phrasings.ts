// Learning from answered questions: an asker's or contact's choice of entry keeps the wording as a phrasing.
import { audit, type Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { questionKey } from "./faq-document.ts";
import { faqRef } from "./faq-service.ts";
import type { FaqEntry } from "./ports.ts";
import { MAX_QUESTION } from "./search-text.ts";

export type Learnt = "added" | "provisional" | "known";

async function isEntryContact(ctx: Context, entry: FaqEntry): Promise<boolean> {
  const topic = entry.topicId === null ? null : await ctx.repos.topics.byId(entry.topicId);
  return topic?.contactId === ctx.actor.id;
}

/**
 * Keeps `text` as a phrasing of the entry. A contact's word (or the entry topic's contact clicking) is
 * final; one asker's click is provisional, and becomes a phrasing when a second person picks the same
 * entry for the same wording. The entry's own wording is never added again.
 */
export async function learnPhrasing(
  ctx: Context,
  entry: FaqEntry,
  raw: string,
  by: "asker" | "contact",
): Promise<Learnt> {
  // Someone still awaiting approval can be answered, but not teach the FAQ what others will be told.
  if (ctx.actor.status !== "active") return "known";
  const text = raw.replace(/\s+/g, " ").trim().slice(0, MAX_QUESTION);
  const key = questionKey(text);
  if (!key || key === questionKey(entry.question)) return "known";
  const final = by === "contact" || (await isEntryContact(ctx, entry));
  if (!final) {
    const { phrasing, created } = await ctx.repos.faq.addProvisional({
      entryId: entry.id,
      text,
      key,
      personId: ctx.actor.id,
    });
    if (created || phrasing.personId === ctx.actor.id) return "provisional";
    await ctx.repos.faq.removeProvisional(phrasing.id);
  } else {
    const waiting = (await ctx.repos.faq.provisional(entry.id)).find((p) => p.key === key);
    if (waiting) await ctx.repos.faq.removeProvisional(waiting.id);
  }
  if (!(await ctx.repos.faq.addPhrasing(entry, text, key))) return "known";
  await audit(ctx, "faq.phrasing.add", faqRef(entry.id), { phrasing: text, by });
  return "added";
}

export interface PhrasingLine {
  /** Position in `faq show`, the number `faq phrasing remove` takes. */
  n: number;
  text: string;
  provisional: boolean;
  remove: () => Promise<void>;
}

/** Confirmed phrasings first, then provisional ones, numbered as `faq show` lists them. */
export async function phrasingLines(ctx: Context, entry: FaqEntry): Promise<PhrasingLine[]> {
  const confirmed = await ctx.repos.faq.phrasings(entry.id);
  const waiting = await ctx.repos.faq.provisional(entry.id);
  return [
    ...confirmed.map((p) => ({
      text: p.question,
      provisional: false,
      remove: () => ctx.repos.faq.removePhrasing(p.id),
    })),
    ...waiting.map((p) => ({
      text: p.text,
      provisional: true,
      remove: () => ctx.repos.faq.removeProvisional(p.id),
    })),
  ].map((p, i) => ({ ...p, n: i + 1 }));
}

export async function removePhrasing(ctx: Context, entry: FaqEntry, n: number): Promise<PhrasingLine> {
  const lines = await phrasingLines(ctx, entry);
  const line = lines.find((l) => l.n === n);
  if (!line) {
    throw new QuorumError(
      "not_found",
      `${faqRef(entry.id)} has ${lines.length} phrasing${lines.length === 1 ? "" : "s"}; type faq show ${faqRef(entry.id)} to see their numbers.`,
    );
  }
  await line.remove();
  await audit(ctx, "faq.phrasing.remove", faqRef(entry.id), { phrasing: line.text });
  return line;
}

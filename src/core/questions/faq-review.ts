// Keeping the FAQ true: who owns an entry, when it is due for review, who may tend it, and unhelpful marks.
import { DateTime } from "luxon";
import { audit, type Context, isAdmin } from "../context.ts";
import { forbidden } from "../errors.ts";
import type { Repos } from "../ports.ts";
import { localDate } from "../time/zone.ts";
import type { Person } from "../types.ts";
import { fRef } from "./cards.ts";
import type { EnquiryDraft, FaqEntry, Topic } from "./ports.ts";
import type { DueEntry, FaqStewardship } from "./review-ports.ts";

/** An entry is looked at again this long after it was written or last reviewed. */
export const REVIEW_MONTHS = 6;

/** The date six months on from today in the partnership's zone (31 Aug + 6 months is 28/29 Feb). */
export function nextReviewOn(now: Date, zone: string): string {
  const today = localDate(now, zone);
  return DateTime.fromISO(today, { zone: "UTC" }).plus({ months: REVIEW_MONTHS }).toISODate() ?? today;
}

/** Who answers for an entry: its own owner, else its topic's contact, else the partnership's default contact. */
export interface OwnerRule {
  topics: Map<number, Topic>;
  defaultContactId: number | null;
}

export async function ownerRule(repos: Repos, partnershipId: number): Promise<OwnerRule> {
  const [topics, defaultContactId] = await Promise.all([
    repos.topics.list(partnershipId),
    repos.topics.defaultContactId(partnershipId),
  ]);
  return { topics: new Map(topics.map((t) => [t.id, t])), defaultContactId };
}

export function ownerIdOf(rule: OwnerRule, e: Pick<DueEntry, "ownerId" | "topicId">): number | null {
  if (e.ownerId !== null) return e.ownerId;
  const topic = e.topicId === null ? undefined : rule.topics.get(e.topicId);
  return topic?.contactId ?? rule.defaultContactId;
}

/** An entry with its stewardship and the people that decide who may tend it. */
export interface Tended {
  entry: FaqEntry;
  topic: Topic | null;
  stewardship: FaqStewardship;
  owner: Person | null;
}

export async function tendedEntry(ctx: Context, entry: FaqEntry): Promise<Tended> {
  const stewardship = await ctx.repos.faqReview.of(entry.id);
  if (!stewardship) throw new Error(`FAQ entry ${entry.id} has no stewardship row`);
  const rule = await ownerRule(ctx.repos, ctx.partnership.id);
  const topic = entry.topicId === null ? null : (rule.topics.get(entry.topicId) ?? null);
  const ownerId = ownerIdOf(rule, { ownerId: stewardship.ownerId, topicId: entry.topicId });
  const owner = ownerId === null ? null : await ctx.repos.people.byId(ownerId);
  return { entry, topic, stewardship, owner };
}

/** Reviewing: admins, the entry's owner, or its topic's contact. */
export function checkMayReview(ctx: Context, t: Tended): void {
  if (isAdmin(ctx) || t.owner?.id === ctx.actor.id || t.topic?.contactId === ctx.actor.id) return;
  throw forbidden(
    `Only ${fRef(t.entry.id)}'s owner${t.owner ? ` (${t.owner.name})` : ""}, its topic's contact or an admin can review it.`,
  );
}

/** Handing an entry to a new owner: admins or the topic's contact (an owner cannot hand it off alone). */
export function checkMayReassign(ctx: Context, t: Tended): void {
  if (isAdmin(ctx) || t.topic?.contactId === ctx.actor.id) return;
  throw forbidden(
    t.topic?.contactId
      ? `Only an admin or the contact for ${t.topic.name} can change who owns ${fRef(t.entry.id)}.`
      : `Only an admin can change who owns ${fRef(t.entry.id)}: it has no topic contact.`,
  );
}

export async function markReviewed(ctx: Context, t: Tended): Promise<string> {
  const next = nextReviewOn(ctx.now, ctx.partnership.timeZone);
  await ctx.repos.faqReview.setReviewDue(t.entry.id, next, ctx.now);
  await audit(ctx, "faq.reviewed", fRef(t.entry.id), { next });
  return next;
}

/** Null hands it back to the topic's contact. */
export async function changeOwner(ctx: Context, t: Tended, to: Person | null): Promise<void> {
  await ctx.repos.faqReview.setOwner(t.entry.id, to?.id ?? null);
  await audit(ctx, "faq.owner", fRef(t.entry.id), { from: t.owner?.id ?? null, to: to?.id ?? null });
}

/** A new or rewritten entry starts a fresh six months: its words were just checked by whoever wrote them. */
export async function startReview(ctx: Context, entryId: number): Promise<void> {
  await ctx.repos.faqReview.setReviewDue(entryId, nextReviewOn(ctx.now, ctx.partnership.timeZone));
}

/** Due entries this person looks after (admins: all of them), soonest first. */
export async function dueFor(ctx: Context, today: string): Promise<{ due: DueEntry[]; mine: boolean }> {
  const all = await ctx.repos.faqReview.due(ctx.partnership.id, today);
  if (isAdmin(ctx)) return { due: all, mine: false };
  const rule = await ownerRule(ctx.repos, ctx.partnership.id);
  const contactOf = (e: DueEntry) => (e.topicId === null ? null : rule.topics.get(e.topicId)?.contactId);
  const due = all.filter((e) => ownerIdOf(rule, e) === ctx.actor.id || contactOf(e) === ctx.actor.id);
  if (due.length) return { due, mine: true };
  const tends =
    [...rule.topics.values()].some((t) => t.contactId === ctx.actor.id) ||
    rule.defaultContactId === ctx.actor.id ||
    (await ctx.repos.faqReview.owns(ctx.partnership.id, ctx.actor.id));
  if (!tends)
    throw forbidden(
      "Only an entry's owner, a topic's contact or an admin reviews FAQ entries, and you own none. Type faq list to read the FAQ.",
    );
  return { due, mine: true };
}

/** "Ask a person" after an answer: the answered entry gets an unhelpful mark for its owner to see. */
export async function countUnhelpful(ctx: Context, draft: EnquiryDraft, enquiryId: number | null) {
  if (draft.answeredEntryId == null) return;
  const entry = await ctx.repos.faq.byId(ctx.partnership.id, draft.answeredEntryId);
  if (!entry) return; // removed since it was shown
  await ctx.repos.faqReview.recordUnhelpful({
    partnershipId: ctx.partnership.id,
    entryId: entry.id,
    personId: ctx.actor.id,
    enquiryId,
    at: ctx.now,
  });
  await audit(ctx, "faq.unhelpful", fRef(entry.id), { question: draft.text });
}

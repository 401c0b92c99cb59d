// Drizzle side of FAQ stewardship: owners and review dates on faq_entries, and the faq_unhelpful marks.
import { and, asc, count, desc, eq, gt, isNull, lte } from "drizzle-orm";
import type { FaqReviewRepo } from "../../core/questions/review-ports.ts";
import type { Db } from "../open-database.ts";
import { faqEntries, faqUnhelpful } from "../schema.ts";

/** Entries proper: a phrasing answers with its entry and is reviewed with it. */
const entriesOnly = isNull(faqEntries.phrasingOf);

export function faqReviewRepo(db: Db): FaqReviewRepo {
  return {
    async of(entryId) {
      const [row] = await db
        .select({
          entryId: faqEntries.id,
          ownerId: faqEntries.ownerId,
          reviewDueOn: faqEntries.reviewDueOn,
          reviewedAt: faqEntries.reviewedAt,
        })
        .from(faqEntries)
        .where(and(eq(faqEntries.id, entryId), entriesOnly));
      if (!row) return null;
      const [marks] = await db
        .select({ n: count() })
        .from(faqUnhelpful)
        .where(eq(faqUnhelpful.entryId, entryId));
      return { ...row, unhelpful: marks?.n ?? 0 };
    },
    async due(pid, onOrBefore) {
      return db
        .select({
          id: faqEntries.id,
          topicId: faqEntries.topicId,
          question: faqEntries.question,
          ownerId: faqEntries.ownerId,
          reviewDueOn: faqEntries.reviewDueOn,
        })
        .from(faqEntries)
        .where(and(eq(faqEntries.partnershipId, pid), lte(faqEntries.reviewDueOn, onOrBefore), entriesOnly))
        .orderBy(asc(faqEntries.reviewDueOn), asc(faqEntries.id));
    },
    async owns(pid, personId) {
      const [row] = await db
        .select({ id: faqEntries.id })
        .from(faqEntries)
        .where(and(eq(faqEntries.partnershipId, pid), eq(faqEntries.ownerId, personId), entriesOnly))
        .limit(1);
      return row !== undefined;
    },
    async setOwner(entryId, ownerId) {
      await db.update(faqEntries).set({ ownerId }).where(eq(faqEntries.id, entryId));
    },
    async clearOwner(pid, personId) {
      const rows = await db
        .update(faqEntries)
        .set({ ownerId: null })
        .where(and(eq(faqEntries.partnershipId, pid), eq(faqEntries.ownerId, personId)))
        .returning({ id: faqEntries.id, phrasingOf: faqEntries.phrasingOf });
      return rows
        .filter((r) => r.phrasingOf === null)
        .map((r) => r.id)
        .sort((a, b) => a - b);
    },
    async setReviewDue(entryId, due, reviewedAt) {
      await db
        .update(faqEntries)
        .set({ reviewDueOn: due, ...(reviewedAt ? { reviewedAt } : {}) })
        .where(eq(faqEntries.id, entryId));
    },
    async recordUnhelpful(m) {
      await db.insert(faqUnhelpful).values({
        partnershipId: m.partnershipId,
        entryId: m.entryId,
        personId: m.personId,
        enquiryId: m.enquiryId,
        createdAt: m.at,
      });
    },
    async unhelpfulSince(pid, since) {
      const n = count();
      return db
        .select({
          entryId: faqEntries.id,
          topicId: faqEntries.topicId,
          question: faqEntries.question,
          count: n,
        })
        .from(faqUnhelpful)
        .innerJoin(faqEntries, eq(faqEntries.id, faqUnhelpful.entryId))
        .where(and(eq(faqUnhelpful.partnershipId, pid), gt(faqUnhelpful.createdAt, since)))
        .groupBy(faqEntries.id, faqEntries.topicId, faqEntries.question)
        .orderBy(desc(n), asc(faqEntries.id));
    },
  };
}

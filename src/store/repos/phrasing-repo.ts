// Drizzle side of FAQ phrasings: confirmed ones are child rows of faq_entries, provisional ones wait apart.
import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { FaqEntry, FaqRepo, ProvisionalPhrasing } from "../../core/questions/ports.ts";
import type { Db } from "../open-database.ts";
import { faqEntries, faqProvisionalPhrasings } from "../schema.ts";

type PhrasingMethods = Pick<
  FaqRepo,
  "phrasings" | "addPhrasing" | "removePhrasing" | "provisional" | "addProvisional" | "removeProvisional"
>;

const toProvisional = (r: typeof faqProvisionalPhrasings.$inferSelect): ProvisionalPhrasing => ({
  id: r.id,
  entryId: r.entryId,
  text: r.text,
  key: r.key,
  personId: r.personId,
});

export function phrasingMethods(db: Db): PhrasingMethods {
  return {
    async phrasings(entryId) {
      const rows = await db
        .select()
        .from(faqEntries)
        .where(eq(faqEntries.phrasingOf, entryId))
        .orderBy(asc(faqEntries.id));
      return rows.map(
        (r): FaqEntry => ({
          id: r.id,
          partnershipId: r.partnershipId,
          topicId: r.topicId,
          question: r.question,
          answer: r.answer,
          source: r.source,
          sourceKey: r.sourceKey,
          phrasingOf: r.phrasingOf,
          updatedAt: r.updatedAt,
        }),
      );
    },
    async addPhrasing(entry, text, key) {
      const rows = await db
        .insert(faqEntries)
        .values({
          partnershipId: entry.partnershipId,
          topicId: entry.topicId,
          question: text,
          answer: entry.answer,
          source: `phrasing of F-${entry.id}`,
          sourceKey: `phrasing:${entry.id}:${key}`,
          phrasingOf: entry.id,
        })
        .onConflictDoNothing()
        .returning({ id: faqEntries.id });
      return rows.length > 0;
    },
    async removePhrasing(id) {
      await db.delete(faqEntries).where(and(eq(faqEntries.id, id), isNotNull(faqEntries.phrasingOf)));
    },
    async provisional(entryId) {
      const rows = await db
        .select()
        .from(faqProvisionalPhrasings)
        .where(eq(faqProvisionalPhrasings.entryId, entryId))
        .orderBy(asc(faqProvisionalPhrasings.id));
      return rows.map(toProvisional);
    },
    async addProvisional(p) {
      const [created] = await db.insert(faqProvisionalPhrasings).values(p).onConflictDoNothing().returning();
      if (created) return { phrasing: toProvisional(created), created: true };
      const [old] = await db
        .select()
        .from(faqProvisionalPhrasings)
        .where(and(eq(faqProvisionalPhrasings.entryId, p.entryId), eq(faqProvisionalPhrasings.key, p.key)));
      if (!old) throw new Error("provisional phrasing vanished");
      return { phrasing: toProvisional(old), created: false };
    },
    async removeProvisional(id) {
      await db.delete(faqProvisionalPhrasings).where(eq(faqProvisionalPhrasings.id, id));
    },
  };
}

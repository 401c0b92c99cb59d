// Drizzle side of the partnership's FAQ synonym list.
import { and, asc, eq, sql } from "drizzle-orm";
import type { FaqRepo } from "../../core/questions/ports.ts";
import type { Db } from "../open-database.ts";
import { faqSynonyms } from "../schema.ts";

export function synonymMethods(db: Db): Pick<FaqRepo, "synonyms" | "addSynonym" | "removeSynonym"> {
  return {
    async synonyms(pid) {
      // Read by every FAQ search that was unsure: named, so PostgreSQL keeps it prepared on each connection.
      return db
        .select({ term: faqSynonyms.term, alternative: faqSynonyms.alternative })
        .from(faqSynonyms)
        .where(eq(faqSynonyms.partnershipId, sql.placeholder("pid")))
        .orderBy(asc(faqSynonyms.term), asc(faqSynonyms.alternative))
        .prepare("faq_synonyms")
        .execute({ pid });
    },
    async addSynonym(pid, s) {
      const rows = await db
        .insert(faqSynonyms)
        .values({ partnershipId: pid, ...s })
        .onConflictDoNothing()
        .returning({ term: faqSynonyms.term });
      return rows.length > 0;
    },
    async removeSynonym(pid, s) {
      const rows = await db
        .delete(faqSynonyms)
        .where(
          and(
            eq(faqSynonyms.partnershipId, pid),
            eq(faqSynonyms.term, s.term),
            eq(faqSynonyms.alternative, s.alternative),
          ),
        )
        .returning({ term: faqSynonyms.term });
      return rows.length > 0;
    },
  };
}

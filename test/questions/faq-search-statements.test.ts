// FAQ search sends statements whose text is the same for every query, prepared once on PostgreSQL.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { questionKey } from "../../src/core/questions/faq-document.ts";
import { searchFaq } from "../../src/core/questions/faq-service.ts";
import { reposFor } from "../../src/store/drizzle-store.ts";
import type { Db } from "../../src/store/open-database.ts";
import { useHarness } from "../helpers/harness.ts";
import { loggedDb } from "../helpers/logged-db.ts";
import { asPerson } from "./helpers.ts";

const h = useHarness();

const ENTRIES = [
  ["Who leads the road safety plan in Harlow?", "The county road safety team leads it with Harlow council."],
  ["When will the housing retrofit start?", "Retrofit surveys begin in the spring, street by street."],
  ["How do partners join the volunteer passport?", "Each partner signs the passport agreement with the CVS."],
];

describe("FAQ search statements", () => {
  it("sends one text per step whatever the query's length, and ranks as before", async () => {
    const pid = await asPerson(h, "jo", async (ctx) => {
      for (const [question = "", answer = ""] of ENTRIES)
        await ctx.repos.faq.upsert({
          partnershipId: ctx.partnership.id,
          topicId: null,
          source: "statements test",
          sourceKey: questionKey(question),
          question,
          answer,
        });
      return ctx.partnership.id;
    });
    const sent: string[] = [];
    const db = loggedDb(h.database, sent);
    const { short, long, prepared } = await db.transaction(async (tx) => {
      const repos = reposFor(tx as unknown as Db);
      const short = await searchFaq(repos, pid, "housing retrofit", 3);
      const long = await searchFaq(repos, pid, "who leads the road safety plan in harlow this year", 3);
      // PostgreSQL lists the statements prepared on this connection (the transaction's own).
      const prepared =
        h.database.kind === "postgres"
          ? ((await tx.execute(sql`select statement from pg_prepared_statements`)) as unknown as {
              statement: string;
            }[])
          : [];
      return { short, long, prepared };
    });
    expect(short[0]?.entry.question).toBe("When will the housing retrofit start?");
    expect(long[0]?.entry.question).toBe("Who leads the road safety plan in Harlow?");
    const ranking = sent.filter((s) => s.includes("by_pairs"));
    const classifying = sent.filter((s) => s.includes("faq_entry_counts"));
    // Two searches at least (a search retries with the partnership's synonyms when unsure).
    expect(ranking.length).toBeGreaterThanOrEqual(2);
    expect(classifying.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ranking).size).toBe(1);
    expect(new Set(classifying).size).toBe(1);
    if (h.database.kind === "postgres") {
      expect(prepared.filter((p) => p.statement.includes("by_pairs"))).toHaveLength(1);
      expect(prepared.filter((p) => p.statement.includes("faq_entry_counts"))).toHaveLength(1);
    }
  });
});

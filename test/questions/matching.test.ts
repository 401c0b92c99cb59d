// FAQ matching beyond the asker's exact words: WordNet synonyms, run-together words, near-duplicate entries.
import { describe, expect, it } from "vitest";
import { questionKey } from "../../src/core/questions/faq-document.ts";
import { searchFaq } from "../../src/core/questions/faq-service.ts";
import { wordnetSynonyms } from "../../src/store/repos/wordnet.ts";
import { useHarness } from "../helpers/harness.ts";
import { asPerson } from "./helpers.ts";

const h = useHarness();

const addEntries = (entries: { question: string; answer: string }[]) =>
  asPerson(h, "jo", async (ctx) => {
    for (const e of entries) {
      await ctx.repos.faq.upsert({
        partnershipId: ctx.partnership.id,
        topicId: null,
        source: "matching test",
        sourceKey: questionKey(e.question),
        ...e,
      });
    }
  });

describe("FAQ matching", () => {
  it("reads WordNet's own synonyms for a word's commonest senses, from its base form", () => {
    expect(wordnetSynonyms("officials")).toContain("functionary");
    expect(wordnetSynonyms("spending")).toContain("expenditure");
    expect(wordnetSynonyms("officials")).not.toContain("officials");
    expect(wordnetSynonyms("xqzv")).toEqual([]);
  });

  it("splits a run-together word into two words of the FAQ", async () => {
    await addEntries([
      {
        question: "Where is the town hall for the Harlow forum?",
        answer: "The forum meets in the council chamber on the first floor, Harlow Civic Centre.",
      },
    ]);
    const [top] = await asPerson(h, "jo", (ctx) => searchFaq(ctx.repos, ctx.partnership.id, "townhall", 3));
    expect(top?.entry.question).toBe("Where is the town hall for the Harlow forum?");
  });

  it("finds an entry through a synonym of the asker's word when its own word is absent", async () => {
    await addEntries([
      {
        question: "What is the expenditure limit for the Tendring grants scheme?",
        answer: "Each grant is capped at five thousand pounds a year.",
      },
    ]);
    const found = await asPerson(h, "jo", (ctx) => searchFaq(ctx.repos, ctx.partnership.id, "outlay", 3));
    expect(found[0]?.entry.question).toBe("What is the expenditure limit for the Tendring grants scheme?");
  });
});

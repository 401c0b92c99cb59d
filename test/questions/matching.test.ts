// FAQ matching beyond the asker's exact words: WordNet synonyms, short forms, run-together words, near-duplicates.
import { describe, expect, it } from "vitest";
import { questionKey } from "../../src/core/questions/faq-document.ts";
import { searchFaq } from "../../src/core/questions/faq-service.ts";
import { longFormOf, shortFormReadings } from "../../src/store/repos/faq-abbreviations.ts";
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

  it("knows short forms and their plurals, but not everyday words that are also short forms", () => {
    expect(longFormOf("icb")).toBe("integrated care board");
    expect(longFormOf("gps")).toBe("general practitioner");
    expect(longFormOf("send")).toBeUndefined();
    const [health, wellbeing, board] = shortFormReadings(["health", "wellbeing", "board", "meetings"]);
    expect([health?.shortForms, wellbeing?.expands, board?.shortForms]).toEqual([["hwb"], "", ["hwb"]]);
    expect(shortFormReadings(["health", "board"])[0]?.shortForms).toEqual([]);
  });

  it("reads a public-sector short form as its words, and its words as the short form", async () => {
    await addEntries([
      {
        question: "How do I submit a paper to the Health and Wellbeing Board?",
        answer: "Send it to the board secretary ten working days before the meeting.",
      },
      {
        question: "What does the ICB pay for?",
        answer: "Hospital, community and mental health services across the county.",
      },
      {
        question: "Who chairs the partnership board?",
        answer: "The council leader, with the chief constable as vice-chair.",
      },
    ]);
    const ask = (text: string) =>
      asPerson(h, "jo", (ctx) => searchFaq(ctx.repos, ctx.partnership.id, text, 3));
    // Neither the short form nor "integrated" or "care" is in any entry: only the other spelling finds it.
    const [short] = await ask("HWB");
    expect(short?.entry.question).toBe("How do I submit a paper to the Health and Wellbeing Board?");
    const [spelt] = await ask("integrated care board");
    expect(spelt?.entry.question).toBe("What does the ICB pay for?");
  });

  it("lets the partnership's own synonym list, not the built-in short forms, say what its term means", async () => {
    await addEntries([
      {
        question: "Who sits on the community safety partnership?",
        answer: "Police, fire, councils and probation.",
      },
    ]);
    const ask = () => asPerson(h, "jo", (ctx) => searchFaq(ctx.repos, ctx.partnership.id, "csp", 3));
    expect((await ask())[0]?.entry.question).toBe("Who sits on the community safety partnership?");
    await asPerson(h, "jo", (ctx) =>
      ctx.repos.faq.addSynonym(ctx.partnership.id, { term: "csp", alternative: "physiotherapy" }),
    );
    expect(await ask()).toEqual([]);
  });
});

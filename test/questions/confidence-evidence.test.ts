// Confidence on evidence: a paraphrase sharing few but telling words is answered; one shared word is not.
import { beforeAll, describe, expect, it } from "vitest";
import { questionKey } from "../../src/core/questions/faq-document.ts";
import { searchFaq } from "../../src/core/questions/faq-service.ts";
import { useHarness } from "../helpers/harness.ts";
import { asPerson } from "./helpers.ts";

// Six entries of the bench's quality set (bench/data/faq-quality.txt), answers verbatim.
const ENTRIES = [
  [
    "What is a whole place community budget?",
    "A single pot of money for all the public services in an area, agreed between local partners and central government, so that services are designed around residents rather than around each organisation's own budget.",
  ],
  [
    "Which other areas are piloting community budgets?",
    "Four areas were chosen nationally: Essex, Greater Manchester, Cheshire West and Chester, and the London boroughs of Hammersmith and Fulham, Kensington and Chelsea, and Westminster.",
  ],
  [
    "How many Whitehall officials are working with the Essex pilot?",
    "Twelve senior civil servants from eight government departments are seconded to Essex for up to nine months each, working in one team with local partners.",
  ],
  [
    "How is the community budget pilot governed?",
    "Through existing bodies rather than new ones: the Health and Wellbeing Board, the Local Enterprise Partnership and the leaders' and chief executives' groups, reporting to Essex Partners.",
  ],
  [
    "Can observers attend partnership meetings?",
    "Yes: observers may attend board meetings with the chair's agreement and sit in the public gallery; they cannot vote or speak unless invited by the chair.",
  ],
  [
    "How are decisions made if partners disagree?",
    "The board aims for consensus; if none is reached the chair may defer the item to the next meeting or refer it to the leaders' and chief executives' group, and there is no formal vote.",
  ],
] as const;

const h = useHarness({ scope: "describe" });
beforeAll(() =>
  asPerson(h, "jo", async (ctx) => {
    for (const [question, answer] of ENTRIES) {
      await ctx.repos.faq.upsert({
        partnershipId: ctx.partnership.id,
        topicId: null,
        source: "evidence test",
        sourceKey: questionKey(question),
        question,
        answer,
      });
    }
  }),
);

const ask = (text: string) => asPerson(h, "jo", (ctx) => searchFaq(ctx.repos, ctx.partnership.id, text, 3));

describe("FAQ confidence on evidence", () => {
  it("answers a tuning-set paraphrase that shares none of the question's own words", async () => {
    const [top] = await ask("how many civil servants are seconded here");
    expect(top).toMatchObject({
      confident: true,
      entry: { question: "How many Whitehall officials are working with the Essex pilot?" },
    });
  });

  it("does not answer an off-topic question whose one content word is in an answer", async () => {
    const found = await ask("where do I vote");
    // The word is found: the entries are offered as choices, but none is given as the answer.
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((f) => f.confident)).toBe(false);
  });

  it("does not answer a question about something the FAQ never mentions", async () => {
    const found = await ask("can you recommend a plumber in Braintree");
    expect(found.some((f) => f.confident)).toBe(false);
  });
});

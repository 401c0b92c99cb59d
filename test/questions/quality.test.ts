// FAQ search quality on a fixed set of paraphrases and off-topic questions; prints the figures.
import { beforeAll, describe, expect, it } from "vitest";
import { searchFaq } from "../../src/core/questions/faq-service.ts";
import { useHarness } from "../helpers/harness.ts";
import { asPerson, importFixture } from "./helpers.ts";
import { OFF_TOPIC, PARAPHRASES } from "./quality-set.ts";

// One harness for the file: its tests only search the imported FAQ, so none can change what another sees.
const h = useHarness({ scope: "describe" });
beforeAll(() => importFixture(h));

describe("FAQ search quality", () => {
  it("puts the right entry first for paraphrases, and answers no off-topic question confidently", async () => {
    const { para, off } = await asPerson(h, "jo", async (ctx) => {
      const para = [];
      for (const p of PARAPHRASES) {
        const [top] = await searchFaq(ctx.repos, ctx.partnership.id, p.ask, 3);
        para.push({ ...p, top: top?.entry.question, confident: top?.confident === true });
      }
      const off = [];
      for (const ask of OFF_TOPIC) {
        const [top] = await searchFaq(ctx.repos, ctx.partnership.id, ask, 3);
        off.push({ ask, confident: top?.confident === true });
      }
      return { para, off };
    });
    const top1 = para.filter((p) => p.top === p.expect).length / para.length;
    const answered = para.filter((p) => p.confident && p.top === p.expect).length / para.length;
    const wrongConfident = para.filter((p) => p.confident && p.top !== p.expect);
    const abstention = off.filter((o) => !o.confident).length / off.length;
    console.log(
      `FAQ quality: top-1 accuracy ${(top1 * 100).toFixed(1)}% (${para.length} paraphrases), answered confidently and right ${(answered * 100).toFixed(1)}%, wrong confident ${wrongConfident.length}, off-topic abstention ${(abstention * 100).toFixed(1)}% (${off.length} questions)`,
    );
    expect(top1).toBeGreaterThanOrEqual(0.9);
    expect(answered).toBeGreaterThanOrEqual(0.75);
    expect(wrongConfident.map((p) => p.ask)).toEqual([]);
    expect(off.filter((o) => o.confident).map((o) => o.ask)).toEqual([]);
  });

  it("finds the imported entry for the issue's own example, confidently", async () => {
    const [top] = await asPerson(h, "jo", (ctx) =>
      searchFaq(ctx.repos, ctx.partnership.id, "other pilot areas", 3),
    );
    expect(top).toMatchObject({
      confident: true,
      entry: { question: "Which other areas are piloting community budgets?" },
    });
  });
});

// The partnership's synonym list: admins teach search that two terms mean the same; own words still count more.
import { describe, expect, it } from "vitest";
import { expandWithSynonyms } from "../../src/core/questions/synonyms.ts";
import { useHarness } from "../helpers/harness.ts";

describe("expanding a question with synonyms", () => {
  const list = [{ term: "civil servant", alternative: "official" }];
  it("swaps whole terms both ways, plurals included, and says when nothing matched", () => {
    expect(expandWithSynonyms("How many civil servants are here?", list)).toBe("how many are here official");
    expect(expandWithSynonyms("which official leads it", list)).toBe("which leads it civil servant");
    expect(expandWithSynonyms("officially, who leads it", list)).toBeNull();
  });
});

describe("faq synonym commands", () => {
  const h = useHarness();
  const ASK = "are any mandarins seconded here";

  it("let an admin add a pair that turns an unsure question into a confident answer, and remove it", async () => {
    expect(await h.text("jo", `faq search ${ASK}`)).not.toMatch(/confident/);
    expect((await h.say("tom", 'faq synonym add mandarin "whitehall official"')).tone).toBe("error");
    expect(await h.text("jo", 'faq synonym add Mandarin "Whitehall official"')).toContain(
      '"mandarin" = "whitehall official"',
    );
    expect(await h.text("tom", "faq synonyms")).toContain("mandarin = whitehall official");
    expect(await h.text("jo", `faq search ${ASK}`)).toMatch(/Whitehall officials[\s\S]*confident/);
    expect(await h.text("jo", 'faq synonym remove "whitehall official" mandarin')).toContain("Removed");
    expect(await h.text("jo", `faq search ${ASK}`)).not.toMatch(/confident/);
    expect(await h.text("jo", "faq synonym add budget budget")).toContain("already its own synonym");
  });
});

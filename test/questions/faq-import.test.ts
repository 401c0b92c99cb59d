// FAQ imports that keep the FAQ clean: a preview, slide junk skipped with reasons, duplicates reported or merged.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  applyFaqImport,
  importLines,
  planFaqImport,
  stripArtefacts,
} from "../../src/core/questions/faq-import.ts";
import { searchFaq } from "../../src/core/questions/faq-service.ts";
import { useHarness } from "../helpers/harness.ts";
import { asPerson } from "./helpers.ts";

const h = useHarness();
const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), "utf8");

describe("faq import plan", () => {
  it("skips slide headings and unanswered questions with a reason, and strips markdown from what it keeps", async () => {
    const plan = await asPerson(h, "jo", (ctx) => planFaqImport(ctx, fixture("review-slides.md")));
    const byQuestion = new Map(plan.map((i) => [i.question, i]));
    expect(byQuestion.get("What does this mean?")).toMatchObject({
      action: "skip",
      reason: expect.stringContaining("not a real question"),
    });
    expect(byQuestion.get("Any questions?")).toMatchObject({ action: "skip" });
    expect(byQuestion.get("How do we set and agree our ambition for Essex in future?")).toMatchObject({
      action: "skip",
      reason: "no answer",
    });
    const kept = byQuestion.get("Who sponsors the partnership review?");
    expect(kept).toMatchObject({ action: "add" });
    expect(kept?.answer).not.toMatch(/\*|_/);
    expect(kept?.answer).toContain("The Essex Management Board sponsors the review");
    expect(plan.filter((i) => i.action === "add")).toHaveLength(1);
  });

  it("writes nothing for a preview, and reports a likely duplicate that --merge folds in as a phrasing", async () => {
    const text = fixture("faq-duplicates.txt");
    const { plan, before, after } = await asPerson(h, "jo", async (ctx) => {
      const before = (await ctx.repos.faq.list(ctx.partnership.id)).length;
      const plan = await planFaqImport(ctx, text);
      const after = (await ctx.repos.faq.list(ctx.partnership.id)).length;
      return { plan, before, after };
    });
    expect(after).toBe(before);
    const dup = plan.find((i) => i.question === "Who is the chair of Essex Partners?");
    expect(dup).toMatchObject({ action: "skip", entry: { question: "Who chairs Essex Partners?" } });
    expect(dup?.reason).toMatch(/^likely duplicate of F-\d+ "Who chairs Essex Partners\?"$/);
    expect(importLines(plan, true).join("\n")).toContain(
      "Would skip: Who is the chair of Essex Partners? (likely duplicate of F-",
    );

    const merged = await asPerson(h, "jo", async (ctx) => {
      const plan = await planFaqImport(ctx, text, { merge: true });
      const report = await applyFaqImport(ctx, plan, "faq-duplicates.txt", null);
      const target = plan.find((i) => i.action === "merge")?.entry;
      const phrasings = target ? await ctx.repos.faq.phrasings(target.id) : [];
      const entries = await ctx.repos.faq.list(ctx.partnership.id);
      return { report, phrasings, entries };
    });
    expect(merged.report).toMatchObject({ added: 1, merged: 1, skipped: 0 });
    expect(merged.phrasings.map((p) => p.question)).toEqual(["Who is the chair of Essex Partners?"]);
    expect(merged.entries.some((e) => e.question === "Who is the chair of Essex Partners?")).toBe(false);
    const [top] = await asPerson(h, "jo", (ctx) =>
      searchFaq(ctx.repos, ctx.partnership.id, "is the chair of essex partners", 3),
    );
    expect(top?.entry.question).toBe("Who chairs Essex Partners?");
  });

  it("removes bold and italic marks split across slide lines", () => {
    expect(stripArtefacts("**“Need to go where\nthe energy is”**\n•\n_Shift_ to doing")).toBe(
      "“Need to go where\nthe energy is”\nShift to doing",
    );
  });
});

// Learning from answers: chosen entries and contacts' F-<n> answers keep the asker's wording as a phrasing.
import { beforeEach, describe, expect, it } from "vitest";
import { useHarness } from "../helpers/harness.ts";
import { auditVerbs, count, importFixture } from "./helpers.ts";

const h = useHarness();
beforeEach(() => importFixture(h));

const ASKED = "is there money for the pilot from central government?";
const entryOf = (text: string) => /F-(\d+)/.exec(text)?.[0] ?? "";

describe("phrasings", () => {
  it("one asker's choice is provisional; a second person's makes it a phrasing everyone is answered by", async () => {
    const offered = await h.text("nadia", ASKED);
    expect(offered).toMatch(/^Is it one of these\?/);
    const governed = entryOf(offered);
    expect(await h.text("nadia", `faq helped ${governed}`)).toContain(
      "once someone else or the contact agrees",
    );
    expect(await h.text("jo", `faq show ${governed}`)).toMatch(
      new RegExp(`1\\. ${ASKED.replace("?", "\\?")}.*provisional`, "s"),
    );
    // Still provisional: a third person is not yet answered by it.
    expect(await h.text("tom", ASKED)).toMatch(/^Is it one of these\?/);
    await h.text("claire", ASKED);
    expect(await h.text("claire", `faq helped ${governed}`)).toContain(`finds ${governed} straight away`);
    const answered = await h.say("tom", ASKED);
    expect(answered.title).toBe("How is the community budget pilot governed?");
    expect(await h.text("jo", `faq show ${governed}`)).not.toContain("provisional");
    expect(await auditVerbs(h)).toContainEqual({ verb: "faq.phrasing.add", subject: governed });
  });

  it("a contact answering with F-<n> sends that answer and keeps the wording at once; admins can remove it", async () => {
    const question = "could the budget pay for extra youth workers in Basildon?";
    const opened = await h.say("priya", `ask ${question}`);
    const q = /Q-\d+/.exec(opened.title)?.[0] ?? "";
    expect(opened.title).toContain("Sam Okafor");
    const faqBefore = await count(h, "faq_entries");
    const reply = await h.text("sam", `answer ${q} F-4`);
    expect(reply).toContain(`${q} answered with F-4`);
    expect(await h.text("priya", `question show ${q}`)).toContain("Answer from Sam Okafor");
    expect(await count(h, "faq_entries")).toBe(faqBefore + 1);
    expect(await h.text("jo", "faq list")).not.toContain(question);
    expect((await h.say("lucy", question)).title).toBe(
      "Which policy areas will the community budget focus on?",
    );
    expect(await h.text("jo", "faq show F-4")).toContain(`1. ${question}`);
    expect((await h.say("tom", "faq phrasing remove F-4 1")).tone).toBe("error");
    expect(await h.text("jo", "faq phrasing remove F-4 1")).toContain("Removed from F-4");
    expect(await h.text("jo", "faq show F-4")).not.toContain(question);
    expect(await h.text("jo", "faq phrasing remove F-4 1")).toContain("F-4 has 0 phrasings");
  });

  it("removing an entry removes its phrasings with it", async () => {
    const opened = await h.say("priya", "ask could the budget pay for extra youth workers in Basildon?");
    await h.text("sam", `answer ${/Q-\d+/.exec(opened.title)?.[0]} F-4`);
    const before = await count(h, "faq_entries");
    await h.text("jo", "faq remove F-4");
    expect(await count(h, "faq_entries")).toBe(before - 2);
  });
});

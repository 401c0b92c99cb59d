// ask and answer end to end through the core: FAQ answers, enquiries, notifications, --faq, bad input.
import { beforeEach, describe, expect, it } from "vitest";
import { useHarness } from "../helpers/harness.ts";
import { auditVerbs, count, importFixture, outboxRows } from "./helpers.ts";

const h = useHarness();
beforeEach(() => importFixture(h));

const qNumber = (title: string) => Number(/Q-(\d+)/.exec(title)?.[1]);

describe("ask", () => {
  it("answers from the FAQ when confident, with source and the topic contact, and opens nothing", async () => {
    const before = await count(h, "enquiries");
    const reply = await h.text("priya", "ask where are the other pilot areas?");
    expect(reply).toMatch(/^Which other areas are piloting community budgets\?/);
    expect(reply).toContain("Greater Manchester");
    expect(reply).toContain("Source: Demo FAQ");
    expect(reply).toContain("Contact: Sam Okafor (Essex County Council)");
    expect(await count(h, "enquiries")).toBe(before);
  });

  it("treats a direct message that is not a command as a question", async () => {
    expect(await h.text("dave", "where are the other pilot areas")).toMatch(
      /^Which other areas are piloting community budgets\?/,
    );
    expect(await h.text("dave", "stratgic coordinaton group?")).toMatch(
      /^What does the Strategic Coordination Group do\?/,
    );
  });

  it("keeps a near-miss command a command in DMs, with a hint", async () => {
    const reply = await h.say("dave", "acton list");
    expect(reply.tone).toBe("warning");
    expect(reply.title).toBe("Did you mean `action list`?");
    expect(reply.blocks).toContainEqual({
      kind: "buttons",
      buttons: [expect.objectContaining({ command: "action list" })],
    });
  });

  it("opens Q-<n> with the topic's contact when unsure, notifies them, and says who has it", async () => {
    const reply = await h.say(
      "priya",
      "ask Will the community budget pilot pay for a new fire engine in Harlow?",
    );
    expect(reply.title).toMatch(/^Q-\d+ is with Sam Okafor \(Essex County Council\)$/);
    // The new reference also comes as data, for adapters (issue 15: never read out of a title).
    expect(reply.ref).toBe(reply.title.split(" ")[0]);
    const text = await h.text("priya", "questions mine");
    expect(text).toContain("fire engine");
    const n = qNumber(reply.title);
    const rows = await outboxRows(h);
    const note = rows.find(
      (r) => r.kind === "enquiry.assigned" && r.dedupe_key.startsWith(`enquiry.assigned:Q-${n}:`),
    );
    expect(note?.payload.text).toContain(`Q-${n} from Dr Priya Nair`);
    expect(note?.target).toMatchObject({ platform: "shell", kind: "person", id: "sam" });
    expect(note?.payload.text).toContain(`answer Q-${n}`);
    expect(await auditVerbs(h)).toContainEqual({ verb: "enquiry.open", subject: `Q-${n}` });
  });

  it("routes by the question's words: a safety question goes to the community safety contact", async () => {
    const reply = await h.say("tom", "ask who funds the violence and exploitation work with young people?");
    expect(reply.title).toMatch(/is with Amira Hassan \(Office of the Police, Fire and Crime Commissioner\)/);
  });

  it("falls back to the partnership default contact when no topic claims the question", async () => {
    const reply = await h.say("tom", "ask can my charity borrow the projector next Tuesday?");
    expect(reply.title).toMatch(/is with Jo Whitfield/);
  });

  it("does not open a second ticket when the same person sends the same question again", async () => {
    const first = await h.say("claire", "ask how are universities represented on the strategy panel?");
    const again = await h.say("claire", "ask how are universities represented on the strategy panel?");
    expect(qNumber(again.title)).toBe(qNumber(first.title));
    expect(await h.text("claire", "ask how are universities represented on the strategy panel?")).toContain(
      "You asked this already",
    );
  });

  it("gives one or two words a search result, not a ticket", async () => {
    const before = await count(h, "enquiries");
    const reply = await h.text("nadia", "budgets");
    expect(reply).toContain('No sure answer for "budgets"');
    expect(await count(h, "enquiries")).toBe(before);
  });
});

describe("bad questions change nothing", () => {
  const cases: [string, RegExp][] = [
    ["ask", /What would you like to ask/],
    ["ask    ", /What would you like to ask/],
    [`ask ${"budget ".repeat(3000)}`, /characters/],
    ["ask ' & | ! :* <-> \"\" ''", /couldn't find any words/],
    ["ask 🙂🙂🎉", /couldn't find any words/],
    [`ask ${"x".repeat(1500)}?`, /keep it under 1000/],
  ];
  for (const [line, message] of cases) {
    it(`"${line.slice(0, 30)}…" gets a clear reply`, async () => {
      const [enquiries, outbox] = [await count(h, "enquiries"), await count(h, "outbox")];
      const reply = await h.say("lucy", line);
      expect(reply.tone).toBe("error");
      expect(reply.title).toMatch(message);
      expect([await count(h, "enquiries"), await count(h, "outbox")]).toEqual([enquiries, outbox]);
      expect(h.unexpected).toEqual([]);
    });
  }

  it("survives operators mixed into a real question, and routes a non-Latin question to a person", async () => {
    const ops = await h.text("lucy", "ask other & pilot | areas! :* <-> 'quoted'");
    expect(ops).toMatch(/^Which other areas are piloting community budgets\?/);
    const cyrillic = await h.say("lucy", "ask Где находятся другие пилотные районы?");
    expect(cyrillic.title).toMatch(/^Q-\d+ is with Jo Whitfield/);
    const chinese = await h.say("lucy", "ask 其他试点地区在哪里？");
    expect(chinese.tone).not.toBe("error");
    expect(h.unexpected).toEqual([]);
  });
});

describe("answer", () => {
  it("relays the contact's answer to the asker, closes the enquiry, and --faq answers the next asker at once", async () => {
    const asked = await h.say(
      "rob",
      "ask does the pilot budget cover fire prevention visits for older residents?",
    );
    const n = qNumber(asked.title);
    const reply = await h.text(
      "sam",
      `answer Q-${n} Yes, prevention visits are part of the community safety domain. --faq`,
    );
    expect(reply).toContain(`Q-${n} answered`);
    expect(reply).toContain("Rob Fenn will get your answer on the Quorum shell");
    expect(reply).toMatch(/Kept as FAQ entry F-\d+/);
    const relayed = (await outboxRows(h)).find(
      (r) => r.kind === "enquiry.answered" && r.dedupe_key.startsWith(`enquiry.answered:Q-${n}:`),
    );
    expect(relayed?.target).toMatchObject({ id: "rob", platform: "shell" });
    expect(relayed?.payload.text).toContain("prevention visits are part of the community safety domain");
    expect(await h.text("rob", `question show Q-${n}`)).toContain("Status: answered");
    const next = await h.text(
      "nadia",
      "ask does the pilot budget cover fire prevention visits for older residents?",
    );
    expect(next).toMatch(/^does the pilot budget cover fire prevention visits for older residents\?/);
    expect(next).toContain("Yes, prevention visits");
    expect(await auditVerbs(h)).toEqual(
      expect.arrayContaining([
        { verb: "enquiry.answer", subject: `Q-${n}` },
        expect.objectContaining({ verb: "faq.add" }),
      ]),
    );
  });

  it("refuses an answer from someone who is not the contact, and a second answer to a closed enquiry", async () => {
    const n = qNumber((await h.say("tom", "ask when will the evaluation of the pilot be published?")).title);
    const stranger = await h.say("dave", `answer Q-${n} Next spring.`);
    expect(stranger.tone).toBe("error");
    expect(stranger.title).toMatch(/Only Sam Okafor, the contact for Q-\d+, or an admin can answer/);
    expect(await h.text("tom", `question show Q-${n}`)).toContain("Status: open");
    expect((await h.say("jo", `answer Q-${n} Spring 2027, at the Assembly.`)).tone).toBe("success"); // an admin may
    const again = await h.say("sam", `answer Q-${n} Actually summer.`);
    expect(again.title).toMatch(/already answered by Jo Whitfield/);
    expect(await h.text("tom", `question show Q-${n}`)).toContain("Spring 2027");
  });

  it("explains a missing answer, a bad number and an unknown number", async () => {
    const n = qNumber((await h.say("tom", "ask is there a budget for partnership training days?")).title);
    expect((await h.say("jo", `answer Q-${n}`)).title).toMatch(/Write the answer after the number/);
    expect((await h.say("jo", "answer twelve Yes")).title).toMatch(/not a question number like Q-12/);
    expect((await h.say("jo", "answer Q-999 Yes")).title).toMatch(/There is no question Q-999/);
    expect(await h.text("tom", `question show Q-${n}`)).toContain("Status: open");
  });
});

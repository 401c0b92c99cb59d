// The report, reproduced: typos, records questions and statements never reach a person unasked.
import { beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../../src/core/card.ts";
import { useHarness } from "../helpers/harness.ts";
import { auditVerbs, count, importFixture, outboxRows } from "./helpers.ts";

const h = useHarness();
beforeEach(() => importFixture(h));

const buttons = (c: Card) =>
  c.blocks.flatMap((b) =>
    b.kind === "buttons" ? b.buttons : b.kind === "items" ? b.items.flatMap((i) => i.buttons ?? []) : [],
  );

describe("a typo of a command", () => {
  it("is offered back corrected with a button that runs it, and opens no enquiry", async () => {
    const reply = await h.say("tom", 'acton add "Map winter capacity" owner:@tom');
    expect(reply.title).toBe('Did you mean `action add "Map winter capacity" owner:@tom`?');
    expect(await count(h, "enquiries")).toBe(0);
    const [run] = buttons(reply);
    const done = await h.text("tom", run?.command ?? "");
    expect(done).toContain("Map winter capacity");
    expect(await h.text("tom", "actions mine")).toContain("Map winter capacity");
  });
});

describe("questions about Quorum's own records", () => {
  it("answers the next meeting of a named board with its papers deadline", async () => {
    const reply = await h.text("priya", "When is the next partners board meeting?");
    expect(reply).toContain("Essex Partners Board");
    expect(reply).toContain("Papers deadline");
    expect(reply).toContain("From Quorum's records: meeting next group:partners");
    expect(await h.text("priya", "when is the next essex assembly?")).toContain("Essex Assembly");
    expect(await count(h, "enquiries")).toBe(0);
  });

  it("answers help's own example with the topic's contact card, even through ask", async () => {
    for (const asked of [
      "who do I talk to about community budgets?",
      "ask who do I talk to about community budgets?",
    ]) {
      const reply = await h.text("tom", asked);
      expect(reply).toContain("Questions about Community budgets: Sam Okafor");
      expect(reply).toContain("sam.okafor@example.gov.uk");
    }
    expect(await count(h, "enquiries")).toBe(0);
  });

  it("lists my actions, an organisation's overdue ones, a chair and when a person's action is due", async () => {
    expect(await h.text("sam", "what are my actions?")).toContain(
      "Bring options for pooling prevention budgets",
    );
    expect(await h.text("sam", "show my actions")).toContain("Bring options for pooling prevention budgets");
    expect(await h.text("jo", "which PFCC actions are overdue?")).toContain(
      "Share violence and vulnerability data",
    );
    expect(await h.text("jo", "who chairs the hwb?")).toContain("Chair: Helen Marsh");
    expect(await h.text("jo", "when is Tom's action due?")).toContain("Map voluntary sector capacity");
    expect(await count(h, "enquiries")).toBe(0);
  });
});

describe("anything else reaches a person only when the asker says send", () => {
  it("asks before sending a statement, names who would get it, and sends on send", async () => {
    const reply = await h.say("tom", "the papers for hwb will be late this time");
    expect(reply.title).toBe("Send this to Helen Marsh (contact for Health and wellbeing)?");
    expect(buttons(reply).map((b) => b.command)).toEqual(["send", "cancel"]);
    expect(await count(h, "enquiries")).toBe(0);
    const sent = await h.say("tom", "send");
    expect(sent.title).toMatch(/^Q-\d+ is with Helen Marsh/);
    expect(await count(h, "enquiries")).toBe(1);
    expect((await outboxRows(h)).some((r) => r.kind === "enquiry.assigned")).toBe(true);
    expect(await h.text("tom", "send")).toContain("Nothing is waiting to be sent");
  });

  it("drops the message on cancel: nobody hears of it", async () => {
    await h.say("tom", "can my charity borrow the projector next Tuesday please?");
    expect(await h.text("tom", "cancel")).toContain("Cancelled: nothing was sent.");
    expect(await h.text("tom", "send")).toContain("Nothing is waiting to be sent");
    expect(await count(h, "enquiries")).toBe(0);
    expect(await count(h, "outbox")).toBe(0);
  });

  it("keeps explicit ask routing at once", async () => {
    const reply = await h.say("tom", "ask can my charity borrow the projector next Tuesday?");
    expect(reply.title).toMatch(/^Q-\d+ is with Jo Whitfield/);
  });
});

describe("answers with feedback", () => {
  it("a confident answer offers This answered it, which closes the matter without anyone asked", async () => {
    const reply = await h.say("priya", "where are the other pilot areas?");
    expect(reply.title).toBe("Which other areas are piloting community budgets?");
    const [yes, person] = buttons(reply);
    expect(yes).toMatchObject({ label: "This answered it" });
    expect(person).toMatchObject({ label: "Ask a person", command: "send" });
    expect(await h.text("priya", yes?.command ?? "")).toContain("Nothing was sent to anyone.");
    expect(await h.text("priya", "send")).toContain("Nothing is waiting to be sent");
    expect(await count(h, "enquiries")).toBe(0);
    expect(await auditVerbs(h)).toContainEqual(expect.objectContaining({ verb: "faq.helped" }));
  });

  it("Ask a person under an answer sends the question to the topic's contact", async () => {
    await h.say("priya", "where are the other pilot areas?");
    expect((await h.say("priya", "send")).title).toMatch(/^Q-\d+ is with Sam Okafor/);
  });

  it("an unsure answer shows the closest entries to choose from and Ask <contact>", async () => {
    const reply = await h.say("nadia", "is there money for the pilot from central government?");
    expect(reply.title).toMatch(/^Is it one of these\?/);
    const labels = buttons(reply).map((b) => b.label);
    // The closest one to three entries, each with its own button, then the contact and Cancel.
    const choices = labels.filter((l) => l === "This answers it").length;
    expect(choices).toBeGreaterThanOrEqual(1);
    expect(choices).toBeLessThanOrEqual(3);
    expect(labels.slice(choices)).toEqual(["Ask Sam Okafor", "Cancel"]);
    const [choose] = buttons(reply);
    expect(await h.text("nadia", choose?.command ?? "")).toContain("Nothing was sent to anyone.");
    expect(await h.text("nadia", "send")).toContain("Nothing is waiting to be sent");
    expect(await count(h, "enquiries")).toBe(0);
  });
});

// The FAQ's scheduled upkeep: owners reminded once when entries fall due, and the contacts' weekly note.
import { describe, expect, it } from "vitest";
import { fireDueSchedules } from "../../src/core/schedule/fire.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { useHarness } from "../helpers/harness.ts";
import { outboxRows } from "./helpers.ts";

const h = useHarness();

const fireAt = async (iso: string) => {
  h.clock.set(new Date(iso));
  return fireDueSchedules(createStore(h.database.db), h.clock);
};
const rowsOf = async (kind: string) => (await outboxRows(h)).filter((r) => r.kind === kind);

describe("the review reminder", () => {
  it("goes once to each owner listing their due entries, and again only when another falls due", async () => {
    await fireAt("2027-05-24T07:00:00Z"); // ensures the daily run for 09:00
    await fireAt("2027-05-24T09:00:30Z");
    const first = await rowsOf("faq-review");
    expect(first.map((r) => r.target.id).sort()).toEqual(["jo", "sam"]);
    const sams = first.find((r) => r.target.id === "sam")?.payload.text ?? "";
    expect(sams).toContain("5 FAQ entries are due for review");
    expect(sams).toContain("What is a whole place community budget?");
    expect(sams).not.toContain("Who chairs Essex Partners?");
    // The next days say nothing new, however many entries are reviewed meanwhile.
    await h.say("sam", "faq reviewed F-1");
    await fireAt("2027-05-25T09:00:30Z");
    await fireAt("2027-05-26T09:00:30Z");
    expect(await rowsOf("faq-review")).toHaveLength(2);
    // An entry handed to Tom and falling due later brings Tom his own reminder.
    const added = await h.say(
      "jo",
      'faq add "Is there a pilot newsletter?" Monthly, from Sam. topic:community-budgets',
    );
    const f = /F-\d+/.exec(added.title)?.[0];
    await h.say("jo", `faq owner ${f} @tom`);
    await fireAt("2027-11-25T09:00:30Z"); // added on 26 May: not due yet
    expect((await rowsOf("faq-review")).filter((r) => r.target.id === "tom")).toEqual([]);
    await fireAt("2027-11-26T09:00:30Z");
    const toms = (await rowsOf("faq-review")).filter((r) => r.target.id === "tom");
    expect(toms).toHaveLength(1);
    expect(toms[0]?.payload.text).toContain("1 FAQ entry is due for review");
    expect(toms[0]?.payload.text).toContain(`${f} Is there a pilot newsletter?`);
  });
});

describe("the weekly note to topic contacts", () => {
  it("lists a topic's unanswered questions and the answers marked unhelpful since the last note", async () => {
    await fireAt("2026-11-23T10:00:00Z"); // ensures Monday's note for 30 Nov
    expect((await h.say("tom", "What is a whole place community budget?")).title).toBe(
      "What is a whole place community budget?",
    );
    const opened = await h.say("tom", "send");
    const q = opened.ref ?? "";
    expect(q).toMatch(/^Q-\d+$/);
    await fireAt("2026-11-30T09:00:30Z");
    const notes = await rowsOf("faq-weekly");
    expect(notes.map((r) => r.target.id)).toEqual(["sam"]);
    const text = notes[0]?.payload.text ?? "";
    expect(text).toContain("Community budgets");
    expect(text).toContain(`${q} What is a whole place community budget?`);
    expect(text).toContain("Answers marked unhelpful since Mon 23 Nov");
    expect(text).toContain("1 time someone asked a person after this answer");
    // Answered during the week and no new marks: the next Monday brings no note.
    await h.say("sam", `answer ${q} A budget pooled across the partners for one place.`);
    await fireAt("2026-12-07T09:00:30Z");
    expect(await rowsOf("faq-weekly")).toHaveLength(1);
  });
});

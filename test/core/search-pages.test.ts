// Quotes as typed reach the store intact; actions are found by words in their titles and notes; and every
// list that is cut says how many more there are and the command that shows them.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { actions, enquiries, people } from "../../src/store/schema.ts";
import { countRows, type Harness, useHarness } from "../helpers/harness.ts";

const h = useHarness();

const titleOf = async (n: number) =>
  (await h.database.db.select().from(actions).where(eq(actions.number, n)))[0]?.title;

describe("quotes in what people type", () => {
  it('stores `Agree "Future of Essex" wording` from \\" and from curly quotes', async () => {
    await h.say("jo", 'action add "Agree \\"Future of Essex\\" wording" owner:@sam');
    await h.say("jo", "action add “Agree ‘Future of Essex’ wording” owner:@sam");
    expect(await titleOf(13)).toBe('Agree "Future of Essex" wording');
    expect(await titleOf(14)).toBe("Agree ‘Future of Essex’ wording");
  });

  it("refuses an unclosed quote instead of giving the action to the wrong person", async () => {
    const before = await countRows(h, actions);
    const line = 'action add "Agree wording owner:@sam due:friday';
    const reply = await h.text("jo", line);
    expect(reply).toContain('The quote " at column 12 is never closed.');
    expect(reply).toContain(`You typed: ${line}`);
    expect(reply).toContain('action add "<title>"'); // the usage line
    expect(await countRows(h, actions)).toBe(before);
  });
});

describe("searching actions", () => {
  it("actions open <words> finds open actions by title, any case", async () => {
    const reply = await h.text("jo", "actions open WINTER");
    expect(reply.split("\n")[0]).toBe('Open actions matching "WINTER": 1');
    expect(reply).toContain("A-7 Map voluntary sector capacity for winter pressures");
  });

  it("matches notes too, and every word must match", async () => {
    await h.say("jo", "action update A-5 Speakers from the fire service confirmed");
    expect(await h.text("jo", "actions open fire")).toContain("A-5 ");
    const both = await h.text("jo", "actions open fire speakers");
    expect(both).toContain("A-5 ");
    expect(both).not.toContain("A-6 "); // home fire safety: "fire" but not "speakers"
    expect(await h.text("jo", "actions open fire nothing-like-this")).toContain(
      "No actions match those words.",
    );
  });

  it("action search looks at closed actions and their closing notes as well", async () => {
    const reply = await h.text("jo", "action search residents");
    expect(reply).toContain("A-11 Commission a separate road safety survey"); // dropped, reason mentions it
    const scoped = await h.text("jo", 'action search "road safety" group:hwb');
    expect(scoped.split("\n")[0]).toBe('Actions matching "road safety" (group hwb): 0');
  });

  it("treats % and _ as text, not wildcards", async () => {
    await h.say("jo", "action add Cut costs by 50% this year");
    expect(await h.text("jo", "action search 50%")).toContain("Cut costs by 50%");
    expect(await h.text("jo", "action search %")).toContain("Cut costs by 50%");
    expect(await h.text("jo", "action search _")).toContain("No actions match");
  });

  it("still says which filters exist when the first word is not one", async () => {
    expect(await h.text("jo", "actions soon")).toMatch(/Use one of: mine, .*actions open winter/);
  });
});

/** Adds n open actions owned by jo, straight into the table (the grammar is tested elsewhere). */
async function addActions(
  harness: Harness,
  n: number,
  title: (i: number) => string,
  extra: { dueOn?: string; organisationId?: number } = {},
) {
  const [jo] = await harness.database.db.select().from(people).where(eq(people.handle, "jo"));
  if (!jo) throw new Error("no jo in the demo");
  const rows = Array.from({ length: n }, (_, i) => ({
    partnershipId: jo.partnershipId,
    number: 100 + i,
    title: title(i),
    ownerId: jo.id,
    createdBy: jo.id,
    ...extra,
  }));
  await harness.database.db.insert(actions).values(rows);
}

describe("lists that are cut", () => {
  it("actions: says how many more and gives the page:2 command, which shows the rest", async () => {
    await addActions(h, 130, (i) => `Bulk action ${i}`);
    const first = await h.say("jo", "actions mine");
    expect(first.title).toBe("Your open actions: 1–100 of 131");
    const more = first.blocks.at(-1);
    expect(more).toEqual({
      kind: "text",
      text: "31 more: action list mine page:2, or narrow it with group:, org:, owner: or more words.",
    });
    const second = await h.say("jo", "action list mine page:2");
    expect(second.title).toBe("Your open actions: 101–131 of 131");
    expect(second.blocks.some((b) => b.kind === "text" && /more:/.test(b.text))).toBe(false);
    const beyond = await h.say("jo", "action list mine page:9");
    expect(beyond.title).toBe("Your open actions: none on page 9 of 131");
  });

  it("keeps search words and filters in the next-page command", async () => {
    await addActions(h, 105, (i) => `Winter plan ${i}`);
    const reply = await h.text("jo", "actions open winter plan group:");
    expect(reply).toMatch(/group: needs a value/);
    const ok = await h.text("jo", "actions open winter plan");
    expect(ok).toContain("5 more: action list open winter plan page:2");
  });

  it("refuses a page that is not a number, quoting it", async () => {
    expect(await h.text("jo", "actions page:two")).toMatch(
      /page: takes a page number from 1, like page:2, not "two"/,
    );
  });

  it("meeting list: 50 to a page, and says how many more", async () => {
    await h.say(
      "dave",
      'meeting add group:safer at:"next tue 10:00" "Safer Essex huddle" repeat:"every 2 weeks"',
    );
    const first = await h.say("dave", "meeting list group:safer months:30");
    const m = /^Meetings in the next 30 months \(safer\): 1–50 of (\d+)$/.exec(first.title);
    const total = Number(m?.[1]);
    expect(total).toBeGreaterThan(50);
    expect(first.blocks.at(-1)).toEqual({
      kind: "text",
      text: `${total - 50} more: meeting list group:safer months:30 page:2, or narrow it with fewer months:.`,
    });
    const second = await h.say("dave", "meeting list group:safer months:30 page:2");
    expect(second.title).toBe(`Meetings in the next 30 months (safer): 51–${total} of ${total}`);
  });

  it("questions: 50 to a page, and says how many more", async () => {
    const [jo] = await h.database.db.select().from(people).where(eq(people.handle, "jo"));
    if (!jo) throw new Error("no jo in the demo");
    const open = await h.database.db.select().from(enquiries);
    const rows = Array.from({ length: 60 }, (_, i) => ({
      partnershipId: jo.partnershipId,
      number: 500 + i,
      askerId: jo.id,
      askedOn: "2026-11-20",
      text: `Bulk question ${i}?`,
    }));
    await h.database.db.insert(enquiries).values(rows);
    const total = open.filter((e) => e.status === "open").length + 60;
    const first = await h.say("jo", "questions");
    expect(first.title).toBe(`Open questions: 1–50 of ${total}`);
    expect(first.blocks.at(-1)).toEqual({
      kind: "text",
      text: `${total - 50} more: questions page:2, or narrow it with questions assigned or mine.`,
    });
    expect((await h.say("jo", "questions page:2")).title).toBe(`Open questions: 51–${total} of ${total}`);
  });

  it("person show and home say how many more open actions there are", async () => {
    await addActions(h, 25, (i) => `Bulk action ${i}`);
    expect(await h.text("sam", "person show @jo")).toContain("6 more: actions open owner:@jo");
    expect(await h.text("jo", "home")).toContain("6 more open actions: actions mine");
  });

  it("the digest says how many more overdue actions it left out, and the command for them", async () => {
    const [jo] = await h.database.db.select().from(people).where(eq(people.handle, "jo"));
    await addActions(h, 20, (i) => `Late ${i}`, {
      dueOn: "2026-11-01",
      organisationId: jo?.organisationId ?? undefined,
    });
    const text = await h.text("jo", "digest preview");
    expect(text).toContain("Overdue: ECC (22)"); // and the demo's two
    expect(text).toContain("\n7 more: actions overdue org:ECC\n"); // 15 shown
  });
});

// Keeping the FAQ true: owners and review dates by default, who may review or hand on, and Ask-a-person counts.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { useHarness } from "../helpers/harness.ts";
import { asPerson, auditVerbs } from "./helpers.ts";

const h = useHarness();

/** The demo entry with this question, as F-<n>. */
const ref = (question: string) =>
  asPerson(h, "jo", async (ctx) => {
    const found = (await ctx.repos.faq.list(ctx.partnership.id)).find((e) => e.question === question);
    if (!found) throw new Error(`no demo entry "${question}"`);
    return `F-${found.id}`;
  });

const WHOLE_PLACE = "What is a whole place community budget?";
const CHAIRS = "Who chairs Essex Partners?";

describe("owner and review date", () => {
  it("default to the topic's contact and six months after the entry was written", async () => {
    const added = await h.say(
      "jo",
      'faq add "Can partners borrow the pilot toolkit?" Yes, ask Sam. topic:community-budgets',
    );
    const show = await h.text("tom", `faq show ${/F-\d+/.exec(added.title)?.[0]}`);
    expect(show).toContain("Owner: Sam Okafor (topic contact)");
    // Written on Mon 23 Nov 2026 (the demo's today): due six months on.
    expect(show).toContain("Review by: Sun 23 May 2027");
    expect(show).toContain("Unhelpful: nobody has asked a person after this answer");
    // The demo's own entries were written the same day.
    expect(await h.text("tom", `faq show ${await ref(CHAIRS)}`)).toContain(
      "Owner: Jo Whitfield (topic contact)",
    );
  });

  it("backfills rows written without one six months from the day they are stored", async () => {
    const r = (await h.database.db.execute(sql`
      insert into faq_entries (partnership_id, question, answer, source_key)
      select id, 'Old entry?', 'Old answer.', 'old entry' from partnerships where slug = 'demo'
      returning owner_id, review_due_on = (current_date + interval '6 months')::date as six_months`)) as unknown as
      | { rows: { owner_id: number | null; six_months: boolean }[] }
      | { owner_id: number | null; six_months: boolean }[];
    const [row] = Array.isArray(r) ? r : r.rows;
    expect(row).toEqual({ owner_id: null, six_months: true });
  });
});

describe("faq reviewed and faq owner", () => {
  it("refuse a member who neither owns the entry nor contacts its topic, saying who may", async () => {
    const f = await ref(WHOLE_PLACE);
    expect((await h.say("tom", `faq reviewed ${f}`)).title).toBe(
      `Only ${f}'s owner (Sam Okafor), its topic's contact or an admin can review it.`,
    );
    expect((await h.say("tom", `faq owner ${f} @tom`)).title).toBe(
      `Only an admin or the contact for Community budgets can change who owns ${f}.`,
    );
    expect((await h.say("dave", "faq review")).title).toMatch(
      /^Only an entry's owner, a topic's contact or an admin reviews FAQ entries/,
    );
  });

  it("let the topic's contact hand an entry on, and the new owner review it for six more months", async () => {
    const f = await ref(WHOLE_PLACE);
    expect((await h.say("sam", `faq owner ${f} @tom`)).title).toBe(`${f} is now looked after by Tom Ellery`);
    expect(await h.text("jo", `faq show ${f}`)).toContain("Owner: Tom Ellery");
    // Seven months on, the entry is due: Tom sees it among his, and reviews it.
    h.clock.set(new Date("2027-06-23T10:00:00Z"));
    const mine = await h.text("tom", "faq review");
    expect(mine).toContain("Your FAQ entries due for review: 1");
    expect(mine).toContain(`${f} ${WHOLE_PLACE}`);
    const done = await h.text("tom", `faq reviewed ${f}`);
    expect(done).toContain(`${f} reviewed`);
    expect(done).toContain("Next due for review Thu 23 Dec."); // this year: no year shown
    expect(await h.text("tom", "faq review")).toContain("Nothing of yours is due for review.");
    // Handed back, the topic's contact owns it again; an entry's owner alone cannot hand it on.
    expect((await h.say("tom", `faq owner ${f} @dave`)).title).toMatch(/^Only an admin or the contact/);
    expect((await h.say("jo", `faq owner ${f} contact`)).title).toBe(
      `${f} is now looked after by Sam Okafor (topic contact)`,
    );
    expect(await auditVerbs(h)).toEqual(
      expect.arrayContaining([
        { verb: "faq.owner", subject: f },
        { verb: "faq.reviewed", subject: f },
      ]),
    );
  });

  it("hand a removed owner's entries back to the topic's contact, so faq show never names them", async () => {
    const f = await ref(WHOLE_PLACE);
    await h.say("sam", `faq owner ${f} @tom`);
    const removed = await h.text("jo", "person remove @tom");
    expect(removed).toContain(`Their FAQ entries (${f}) are now kept by each topic's contact`);
    const show = await h.text("jo", `faq show ${f}`);
    expect(show).toContain("Owner: Sam Okafor (topic contact)");
    expect(show).not.toContain("Tom Ellery");
    // The topic's contact now reviews it, as for any entry without an owner of its own.
    h.clock.set(new Date("2027-06-23T10:00:00Z"));
    expect(await h.text("sam", "faq review")).toContain(`${f} ${WHOLE_PLACE}`);
  });

  it("say what is wrong with bad input", async () => {
    expect((await h.say("jo", "faq reviewed F-999")).title).toMatch(/There is no FAQ entry F-999/);
    expect((await h.say("jo", "faq owner F-1 @nobody")).title).toMatch(/No one called "nobody"/);
    expect((await h.say("jo", "faq reviewed")).error?.code).toBe("missing_argument");
  });
});

describe("faq review", () => {
  it("lists every due entry to an admin and a contact's own to the contact, soonest first", async () => {
    h.clock.set(new Date("2027-05-24T10:00:00Z"));
    const all = await h.text("jo", "faq review");
    expect(all).toContain("FAQ entries due for review: 8");
    expect(all).toContain("owner Sam Okafor");
    const sams = await h.text("sam", "faq review");
    expect(sams).toContain("Your FAQ entries due for review: 5");
    expect(sams).not.toContain(CHAIRS);
    await h.say("sam", `faq reviewed ${await ref(WHOLE_PLACE)}`);
    expect(await h.text("sam", "faq review")).toContain("Your FAQ entries due for review: 4");
    // A day before they fall due, nothing is listed.
    h.clock.set(new Date("2027-05-22T10:00:00Z"));
    expect(await h.text("jo", "faq review")).toContain("Nothing is due for review.");
  });
});

describe("Ask a person after an FAQ answer", () => {
  it("counts against the entry that answered, and only then", async () => {
    const f = await ref(WHOLE_PLACE);
    const answered = await h.say("tom", "What is a whole place community budget?");
    expect(answered.title).toBe(WHOLE_PLACE);
    expect(JSON.stringify(answered.blocks)).toContain("Ask a person");
    expect((await h.say("tom", "send")).title).toMatch(/^Q-\d+ is with Sam Okafor/);
    expect(await h.text("sam", `faq show ${f}`)).toContain(
      "Unhelpful: 1 time someone asked a person after this answer",
    );
    // Said it answered: nothing counted.
    await h.say("dave", "What is a whole place community budget?");
    await h.say("dave", `faq helped ${f}`);
    // Sent on from a confirmation with no answer given: nothing counted either.
    await h.say("lucy", "the papers for the pilot board will be late this time");
    await h.say("lucy", "send");
    expect(await h.text("sam", `faq show ${f}`)).toContain("Unhelpful: 1 time");
    expect(await auditVerbs(h)).toContainEqual({ verb: "faq.unhelpful", subject: f });
  });
});

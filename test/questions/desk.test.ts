// Topics, contacts, FAQ admin commands, the question lists, reassigning, home and overdue enquiries.
import { beforeEach, describe, expect, it } from "vitest";
import { overdueEnquiries } from "../../src/core/questions/overdue.ts";
import { NOW, useHarness } from "../helpers/harness.ts";
import { asPerson, auditVerbs, count, importFixture, outboxRows } from "./helpers.ts";

const h = useHarness();

const qNumber = (title: string) => Number(/Q-(\d+)/.exec(title)?.[1]);

describe("topics and contacts", () => {
  it("lists topics with their contacts and the default contact", async () => {
    const text = await h.text("lucy", "topics");
    expect(text).toContain("Community budgets (community-budgets)");
    expect(text).toContain("Sam Okafor (Essex County Council) · sam.okafor@example.gov.uk · 01245 430017");
    expect(text).toContain("Anything else goes to Jo Whitfield.");
  });

  it("lets an admin add and update a topic, and nobody else", async () => {
    const denied = await h.say("tom", 'topic add volunteering "Volunteering" contact:@tom');
    expect(denied.title).toMatch(/Only an admin/);
    expect(
      await h.text(
        "jo",
        'topic add volunteering "Volunteering" contact:@tom keywords:volunteers, charities, vcs',
      ),
    ).toContain("Topic volunteering added");
    expect(await h.text("jo", 'topic add volunteering "Volunteering and charities"')).toContain(
      "Keywords: volunteers, charities, vcs",
    );
    const show = await h.text("lucy", "topic show volunteering");
    expect(show).toContain("Contact: Tom Ellery");
    expect(show).toContain("Organisation: Essex Voluntary and Community Sector Alliance");
    expect(show).toContain("Phone: 01376 500400");
    expect(show).toContain("Chat: the Quorum shell (@tom)");
    expect((await h.say("jo", 'topic add "Bad Slug!" "x"')).title).toMatch(/not a topic slug/);
    expect(await auditVerbs(h)).toEqual(
      expect.arrayContaining([
        { verb: "topic.add", subject: "topic:volunteering" },
        { verb: "topic.update", subject: "topic:volunteering" },
      ]),
    );
  });

  it("answers contact by slug or by words, falling back to the default contact", async () => {
    await h.say("jo", 'topic add volunteering "Volunteering and charities" contact:@tom keywords:volunteers');
    expect(await h.text("dave", "contact community-budgets")).toContain(
      "Questions about Community budgets: Sam Okafor",
    );
    expect(await h.text("dave", "contact who do I ask about volunteers?")).toContain(
      "Volunteering and charities: Tom Ellery",
    );
    expect(await h.text("dave", "contact parking permits")).toContain("the default contact is Jo Whitfield");
    expect((await h.say("dave", "topic show nope")).title).toMatch(/There is no topic "nope"/);
  });

  it("lets an admin change the default contact", async () => {
    expect((await h.say("sam", "topic default @sam")).title).toMatch(/Only an admin/);
    expect((await h.say("jo", "topic default @lucy")).title).toBe(
      "Lucy Barnes now answers questions no topic claims",
    );
    expect(await h.text("tom", "topic default")).toContain("Contact: Lucy Barnes");
    await h.say("jo", "topic default @jo");
  });
});

describe("FAQ commands", () => {
  it("lets only admins add and remove entries; everyone can list, show and search", async () => {
    expect((await h.say("tom", 'faq add "Is parking free?" Yes.')).title).toMatch(/Only an admin/);
    const added = await h.say(
      "jo",
      'faq add "Where do partners park at County Hall?" In the Market Road car park. topic:partnership',
    );
    expect(added.title).toMatch(/^F-\d+ added$/);
    const id = /F-(\d+)/.exec(added.title)?.[1];
    expect(await h.text("tom", `faq show F-${id}`)).toContain("In the Market Road car park.");
    expect(await h.text("tom", "faq list topic:partnership")).toContain(
      `F-${id} Where do partners park at County Hall?`,
    );
    expect(await h.text("tom", "faq search parking at county hall")).toContain(`F-${id}`);
    expect(
      (
        await h.say(
          "jo",
          'faq add "Where do partners park at County Hall?" In the Market Road car park. topic:partnership',
        )
      ).title,
    ).toMatch(/already says that/);
    expect((await h.say("tom", `faq remove F-${id}`)).title).toMatch(/Only an admin/);
    expect((await h.say("jo", `faq remove F-${id}`)).title).toBe(`F-${id} removed`);
    expect((await h.say("tom", `faq show F-${id}`)).title).toMatch(/There is no FAQ entry/);
    expect((await h.say("jo", "faq remove banana")).title).toMatch(/not an FAQ entry number/);
    expect((await h.say("jo", 'faq add "   " answer')).title).toMatch(/needs a question in words/);
    expect(await auditVerbs(h)).toEqual(
      expect.arrayContaining([
        { verb: "faq.add", subject: `F-${id}` },
        { verb: "faq.remove", subject: `F-${id}` },
      ]),
    );
  });

  it("re-imports a document without duplicating entries, and updates a changed answer", async () => {
    const first = await importFixture(h);
    expect(first).toMatchObject({ added: 9, updated: 0, unchanged: 0 });
    const entries = await count(h, "faq_entries");
    expect(await importFixture(h)).toMatchObject({ added: 0, updated: 0, unchanged: 9 });
    // Without a topic each entry keeps its own; naming another topic moves them all there.
    expect(await importFixture(h, null)).toMatchObject({ added: 0, updated: 0, unchanged: 9 });
    expect(await importFixture(h, "partnership")).toMatchObject({ added: 0, updated: 9 });
    expect(await count(h, "faq_entries")).toBe(entries);
  });
});

describe("the question desk", () => {
  let n = 0;
  beforeEach(async () => {
    n = qNumber(
      (await h.say("priya", "ask can the community budget pilot fund a joint NHS and council data team?"))
        .title,
    );
  });

  it("lists open, mine, assigned and all, and shows a question to those involved only", async () => {
    expect(await h.text("sam", "questions assigned")).toContain(`Q-${n} can the community budget pilot fund`);
    expect(await h.text("priya", "questions mine")).toContain(`Q-${n}`);
    expect(await h.text("jo", "questions open")).toContain(`Q-${n}`);
    expect(await h.text("dave", "questions open")).not.toContain(`Q-${n}`);
    expect(await h.text("dave", "questions all")).toContain("All questions: 0");
    expect((await h.say("dave", "questions later")).title).toMatch(/Which questions\?/);
    expect((await h.say("dave", `question show Q-${n}`)).title).toMatch(
      /visible to its asker, its contact and admins/,
    );
    const show = await h.text("priya", `question show Q-${n}`);
    expect(show).toContain("With: Sam Okafor");
    expect(show).toContain("Reply due: Thu 26 Nov");
  });

  it("shows questions waiting on you in home", async () => {
    expect(await h.text("sam", "home")).toMatch(
      /Questions assigned to you\n {2}• Q-\d+ can the community budget pilot/,
    );
    expect(await h.text("tom", "home")).toContain("No questions waiting for you.");
  });

  it("passes a question to another contact, who is told; strangers cannot", async () => {
    expect((await h.say("dave", `question reassign Q-${n} @priya`)).title).toMatch(
      /Only the contact for Q-\d+ or an admin/,
    );
    expect((await h.say("sam", `question reassign Q-${n} @sam`)).title).toMatch(/already with Sam Okafor/);
    const moved = await h.text("sam", `question reassign Q-${n} health-wellbeing`);
    expect(moved).toContain(`Q-${n} is now with Helen Marsh`);
    expect(moved).toContain("They have been told on the Quorum shell.");
    const note = (await outboxRows(h)).filter(
      (r) => r.kind === "enquiry.assigned" && r.target.id === "helen",
    );
    expect(note.at(-1)?.payload.text).toContain("Sam Okafor passed this to you.");
    expect(await h.text("helen", "questions assigned")).toContain(`Q-${n}`);
    expect(await auditVerbs(h)).toContainEqual({ verb: "enquiry.reassign", subject: `Q-${n}` });
  });

  it("marks enquiries overdue after the reply target in working days, for the digests", async () => {
    const thursday = new Date("2026-11-26T12:00:00Z");
    const friday = new Date("2026-11-27T08:00:00Z");
    const at = (now: Date) =>
      asPerson(h, "jo", async (ctx) =>
        (await overdueEnquiries(ctx.repos, ctx.partnership, now)).map((e) => e.number),
      );
    expect(await at(NOW)).not.toContain(n);
    expect(await at(thursday)).not.toContain(n);
    expect(await at(friday)).toContain(n);
    h.clock.set(friday);
    expect(await h.text("sam", "questions assigned")).toContain("[overdue]"); // Sam is the topic's contact
    expect(await h.text("sam", "home")).toContain("[overdue]");
    h.clock.set(NOW);
  });
});

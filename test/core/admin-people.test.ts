// person add | show | role | move | rename | remove through the shell: admin-only, audited, validated,
// the last admin protected, removed people kept for history, observers read-only, topic contacts.
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { InboundEvent } from "../../src/core/inbound.ts";
import { auditEvents, people } from "../../src/store/schema.ts";
import { countRows, useHarness } from "../helpers/harness.ts";

const h = useHarness();

const lastAudit = async () =>
  (await h.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1))[0];
const personRow = async (handle: string) =>
  (await h.database.db.select().from(people).where(eq(people.handle, handle)))[0];
const slack = (userId: string, email: string, text = "whoami"): InboundEvent => ({
  platform: "slack",
  tenant: "T0ADMIN",
  userId,
  text,
  conversation: { id: `D${userId}`, kind: "direct" },
  profile: { name: userId, email },
});

describe("person add", () => {
  it("adds a person who can then act, and audits it", async () => {
    const reply = await h.text("jo", 'person add @dan "Dan Price" email:dan.price@essex.gov.uk org:ECC');
    expect(reply).toMatch(/^✓ Dan Price \(@dan\) added/);
    expect(reply).toContain("Organisation: ECC (Essex County Council)");
    expect(await personRow("dan")).toMatchObject({ name: "Dan Price", role: "member", status: "active" });
    expect(await lastAudit()).toMatchObject({ verb: "person.add", subject: "person:dan", platform: "shell" });
    expect(await h.text("dan", "whoami")).toContain("You are Dan Price (@dan)");
    expect(await h.text("jo", 'action add "Draft the carers\' plan" owner:@dan')).toMatch(/^✓ A-\d+ added/);
  });

  it("makes the new person a topic contact with topic contact and with topic add", async () => {
    await h.say("jo", 'person add @erin "Erin Cole" email:erin.cole@essex.gov.uk org:ECC');
    const set = await h.text("jo", "topic contact community-budgets @erin");
    expect(set).toMatch(/^✓ Erin Cole now answers questions about Community budgets/);
    expect(await h.text("jo", "contact community-budgets")).toContain("Erin Cole");
    const added = await h.text("jo", 'topic add carers "Carers support" contact:@erin');
    expect(added).toContain("Contact: Erin Cole");
  });

  it.each([
    ['person add @zoe "Zoe Hart" email:not-an-email org:ECC', /"not-an-email" is not an email address/],
    ['person add @zoe "Zoe Hart" org:ECC', /Add email:<address>/],
    ['person add @zoe "Zoe Hart" email:zoe@essex.gov.uk', /Add org:<CODE>/],
    ['person add @zoe "Zoe Hart" email:zoe@essex.gov.uk org:NOPE', /no organisation "NOPE"/],
    ['person add @jo "Jo Again" email:jo2@essex.gov.uk org:ECC', /@jo is already taken by Jo Whitfield/],
    ['person add @zoe "Zoe Hart" email:Jo.Whitfield@example.gov.uk org:ECC', /already belongs to @jo/],
    ['person add @zoe "Zoe Hart" email:zoe@essex.gov.uk org:ECC role:boss', /"boss" is not a role/],
    ['person add "Zoe Hart" x email:zoe@essex.gov.uk org:ECC', /"Zoe Hart" is not a handle/],
    ['person add @me "Me" email:me@essex.gov.uk org:ECC', /"@me" is not a handle/],
  ])("refuses %j with the reason and the usage, adding no one", async (line, why) => {
    const before = await countRows(h, people);
    const reply = await h.say("jo", line);
    expect(reply.tone).toBe("error");
    expect(reply.title).toMatch(why);
    expect(reply.blocks).toContainEqual(expect.objectContaining({ kind: "usage" }));
    expect(await countRows(h, people)).toBe(before);
  });

  it("is for admins only", async () => {
    const reply = await h.say("sam", 'person add @zed "Zed" email:zed@essex.gov.uk org:ECC');
    expect(reply.title).toBe("Only a partnership admin can run person add.");
    expect(await personRow("zed")).toBeUndefined();
  });

  it("shows up in help with its usage and examples", async () => {
    expect(await h.text("jo", "help")).toContain("person add @handle");
    const help = await h.text("jo", "help person remove");
    expect(help).toContain("person remove @handle");
    expect(help).toContain("person remove @rob");
  });
});

describe("person show, rename, move", () => {
  it("shows a person, renames and moves them with their open actions", async () => {
    await h.say("jo", 'person add @fay "Fay Lund" email:fay.lund@essex.gov.uk org:ECC');
    await h.say("jo", 'action add "Book the venue" owner:@fay');
    expect(await h.text("jo", 'person rename @fay "Dr Fay Lund"')).toMatch(/^✓ @fay is now Dr Fay Lund/);
    expect(await h.text("jo", "person move @fay NHS-MSE")).toContain("1 open action moved with them");
    const shown = await h.text("sam", "person show @fay");
    expect(shown).toContain("Dr Fay Lund (@fay)");
    expect(shown).toContain("Organisation: NHS-MSE");
    expect(shown).toMatch(/Book the venue\n.*Dr Fay Lund \(NHS-MSE\)/);
    expect(await lastAudit()).toMatchObject({ verb: "person.move", subject: "person:fay" });
  });
});

describe("person role", () => {
  it("promotes and demotes, but never the last admin", async () => {
    const refused = await h.say("jo", "person role @jo member");
    expect(refused.title).toMatch(/Jo Whitfield is the last admin of .*Make someone else an admin first/);
    expect((await personRow("jo"))?.role).toBe("admin");
    expect(await h.text("jo", "person role @sam admin")).toMatch(/^✓ Sam Okafor \(@sam\) is now an admin/);
    expect(await h.text("sam", "person role @jo member")).toMatch(/is now a member/);
    expect((await h.say("sam", "person role @sam observer")).title).toMatch(/last admin/);
    // And back: the new admin can restore the old one.
    expect(await h.text("sam", "person role @jo admin")).toMatch(/is now an admin/);
    await h.say("jo", "person role @sam member");
  });

  it("lets an observer read and ask but change nothing", async () => {
    await h.say("jo", 'person add @obi "Obi Ade" email:obi.ade@essex.gov.uk org:ECC role:observer');
    expect(await h.text("obi", "actions open")).toMatch(/Open actions/);
    expect(await h.text("obi", "person show @jo")).toContain("Jo Whitfield");
    expect(await h.text("obi", "ask when is the next board meeting?")).not.toMatch(/Observers/);
    const before = await countRows(h, people);
    const change = await h.say("obi", 'action add "Sneaky change"');
    expect(change.tone).toBe("error");
    expect(change.title).toMatch(/Observers can read and ask questions but not change anything/);
    expect((await h.say("obi", "action done A-1")).title).toMatch(/Observers can read/);
    expect(await countRows(h, people)).toBe(before);
  });
});

describe("person remove", () => {
  it("keeps the record, lists open actions, and stops them acting on any platform", async () => {
    await h.say("jo", 'person add @gus "Gus Moor" email:gus.moor@essex.gov.uk org:ECC');
    await h.say("jo", "group member add hwb @gus");
    const added = await h.say("jo", 'action add "Chase the pharmacy data" owner:@gus');
    const ref = /A-\d+/.exec(added.title)?.[0];
    const reply = await h.text("jo", "person remove @gus");
    expect(reply).toMatch(/^✓ Gus Moor \(@gus\) is removed/);
    expect(reply).toContain("Left hwb.");
    expect(reply).toMatch(/Open actions to reassign: 1[^\n]*\n.*Chase the pharmacy data/);
    expect(await personRow("gus")).toMatchObject({ status: "inactive", name: "Gus Moor" });
    expect(await lastAudit()).toMatchObject({ verb: "person.remove", subject: "person:gus" });
    expect((await h.say("gus", "whoami")).title).toMatch(/access to Quorum .* has ended/);
    const onSlack = await h.quorum.handle(slack("UGUS", "gus.moor@essex.gov.uk"));
    expect(onSlack.title).toMatch(/has ended/);
    expect((await h.say("jo", 'action add "More for Gus" owner:@gus')).title).toMatch(
      /@gus .* has been removed/,
    );
    expect(await h.text("jo", "people")).not.toContain("Gus Moor");
    // History still names them.
    expect(await h.text("jo", `action show ${ref}`)).toContain("Gus Moor (ECC)");
    expect(await h.text("jo", "person show @gus")).toContain("Status: removed");
  });

  it("refuses to remove the last admin", async () => {
    const reply = await h.say("jo", "person remove @jo");
    expect(reply.title).toMatch(/last admin/);
    expect((await personRow("jo"))?.status).toBe("active");
  });

  it("a removed person's email cannot create a fresh member on chat", async () => {
    await h.say("jo", 'person add @hal "Hal Ivy" email:hal.ivy@essex.gov.uk org:ECC');
    await h.say("jo", "person remove @hal");
    const before = await countRows(h, people);
    expect((await h.quorum.handle(slack("UHAL", "Hal.Ivy@essex.gov.uk"))).tone).toBe("error");
    expect(await countRows(h, people)).toBe(before);
    const rows = await h.database.db
      .select()
      .from(people)
      .where(and(eq(people.email, "hal.ivy@essex.gov.uk"), eq(people.status, "active")));
    expect(rows).toHaveLength(0);
  });
});

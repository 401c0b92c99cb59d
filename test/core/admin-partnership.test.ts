// partnership show | rename | zone | access and org add | rename | domains | remove through the shell:
// admin-only, audited, validated, and org remove refusing or reassigning in one go.
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  actions,
  auditEvents,
  organisations,
  partnerships,
  people,
  schedules,
} from "../../src/store/schema.ts";
import { useHarness } from "../helpers/harness.ts";

const h = useHarness();

const lastAudit = async () =>
  (await h.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1))[0];
const org = async (code: string) =>
  (await h.database.db.select().from(organisations).where(eq(organisations.code, code)))[0];

describe("partnership", () => {
  it("shows its settings to anyone", async () => {
    const reply = await h.text("sam", "partnership show");
    expect(reply).toContain("Time zone: Europe/London");
    expect(reply).toContain("Access: domains");
    expect(reply).toContain("Admins: Jo Whitfield (@jo)");
  });

  it("renames, for admins only", async () => {
    expect((await h.say("sam", 'partnership rename "Sam\'s partnership"')).title).toMatch(
      /Only a partnership admin/,
    );
    expect(await h.text("jo", 'partnership rename "Essex Partners"')).toMatch(
      /^✓ The partnership is now called Essex Partners/,
    );
    expect((await h.database.db.select().from(partnerships))[0]?.name).toBe("Essex Partners");
    expect(await lastAudit()).toMatchObject({ verb: "partnership.rename", detail: { to: "Essex Partners" } });
    expect((await h.say("jo", "partnership rename")).title).toMatch(/needs more/);
  });

  it("changes the time zone, moving schedules to the new clocks, and refuses a bad zone", async () => {
    const bad = await h.say("jo", "partnership zone Mars/Olympus");
    expect(bad.title).toMatch(/"Mars\/Olympus" is not a time zone/);
    expect(bad.blocks).toContainEqual(expect.objectContaining({ kind: "usage" }));
    await h.database.db.insert(schedules).values({
      partnershipId: 1,
      kind: "reminders",
      subject: "partnership:1",
      spec: "daily 07:00",
      nextFireAt: new Date("2026-11-24T07:00:00Z"),
    });
    expect(await h.text("jo", "partnership zone america/new_york")).toMatch(
      /^✓ .*time zone is now America\/New_York/,
    );
    const [s] = await h.database.db.select().from(schedules).where(eq(schedules.subject, "partnership:1"));
    // It is 04:30 in New York (09:30 London): the next 07:00 there is today, 12:00 UTC.
    expect(s?.nextFireAt.toISOString()).toBe("2026-11-23T12:00:00.000Z");
    expect(await lastAudit()).toMatchObject({ verb: "partnership.zone" });
    await h.say("jo", "partnership zone Europe/London");
  });

  it("sets who may use Quorum", async () => {
    expect(await h.text("sam", "partnership access")).toMatch(/Access: domains/);
    expect((await h.say("sam", "partnership access open")).title).toMatch(/Only a partnership admin/);
    expect((await h.say("jo", "partnership access anyone")).title).toMatch(/not an access rule/);
    expect(await h.text("jo", "partnership access approval")).toMatch(/^✓ Access is now approval/);
    await h.say("jo", "partnership access domains");
  });
});

describe("org add, rename, domains", () => {
  it("adds an organisation with its domains, listed by org list", async () => {
    const reply = await h.text(
      "jo",
      'org add ESX-HT "Essex Housing Trust" domains:essexhousing.org.uk,eht.org.uk',
    );
    expect(reply).toMatch(/^✓ ESX-HT added: Essex Housing Trust/);
    expect(reply).toContain("Email domains: essexhousing.org.uk, eht.org.uk");
    expect(await org("ESX-HT")).toMatchObject({ domains: ["essexhousing.org.uk", "eht.org.uk"] });
    expect(await h.text("sam", "org list")).toContain("Essex Housing Trust");
    expect(await lastAudit()).toMatchObject({ verb: "org.add", subject: "org:ESX-HT" });
  });

  it.each([
    ['org add ECC "Another council"', /ECC already exists/],
    ['org add "bad code!" "X"', /is not an organisation code/],
    ['org add NEWCO "New Co" domains:not_a_domain', /Not an email domain: not_a_domain/],
    ["org add NEWCO", /needs more/],
  ])("refuses %j", async (line, why) => {
    const reply = await h.say("jo", line);
    expect(reply.tone).toBe("error");
    expect(reply.title).toMatch(why);
    expect(await org("NEWCO")).toBeUndefined();
  });

  it("renames and sets domains, refusing a domain another organisation has", async () => {
    expect(await h.text("jo", 'org rename UNI "University of Essex (Colchester)"')).toMatch(
      /^✓ UNI is now University of Essex \(Colchester\)/,
    );
    expect(await h.text("jo", "org domains UNI essex.ac.uk")).toMatch(/^✓ UNI's email domains: essex.ac.uk/);
    const taken = await h.say("jo", "org domains VCS essex.ac.uk");
    expect(taken.title).toMatch(/essex.ac.uk already belongs to UNI/);
    expect((await org("VCS"))?.domains).toEqual(["example.org.uk"]);
    expect((await h.say("tom", "org domains VCS vcs.org.uk")).title).toMatch(/Only a partnership admin/);
  });
});

describe("org remove", () => {
  it("refuses while the organisation has people or open actions, and says how many", async () => {
    await h.say("jo", 'org add BDC "Braintree District Council"');
    await h.say("jo", 'person add @bea "Bea Long" email:bea.long@braintree.gov.uk org:BDC');
    await h.say("jo", 'action add "District input to the plan" owner:@bea');
    const reply = await h.say("jo", "org remove BDC");
    expect(reply.tone).toBe("error");
    expect(reply.title).toBe(
      "BDC still has 1 person and 1 open action. Move them with org remove BDC --reassign-to <CODE>.",
    );
    expect((await org("BDC"))?.removedAt).toBeNull();
  });

  it("moves people and open actions with --reassign-to, then hides the organisation", async () => {
    // The demo's CDC has Nadia; give her one more open action to move.
    await h.say("jo", 'action add "District view on the plan" owner:@nadia');
    const cdcBefore = await h.database.db
      .select()
      .from(actions)
      .where(eq(actions.organisationId, (await org("CDC"))?.id ?? 0));
    const open = cdcBefore.filter((a) => a.status === "open").length;
    expect(open).toBeGreaterThanOrEqual(1);
    const reply = await h.text("jo", "org remove CDC --reassign-to ECC");
    expect(reply).toMatch(/^✓ CDC \(Chelmsford District Council\) is removed/);
    expect(reply).toContain(`1 person and ${open} open action${open === 1 ? "" : "s"} moved to ECC`);
    const ecc = await org("ECC");
    const [nadia] = await h.database.db.select().from(people).where(eq(people.handle, "nadia"));
    expect(nadia?.organisationId).toBe(ecc?.id);
    const [moved] = await h.database.db
      .select()
      .from(actions)
      .where(eq(actions.title, "District view on the plan"));
    expect(moved?.organisationId).toBe(ecc?.id);
    expect(await h.text("jo", "org list")).not.toContain("CDC");
    expect((await h.say("jo", "people org:CDC")).title).toMatch(/no organisation "CDC"/);
    expect(await lastAudit()).toMatchObject({
      verb: "org.remove",
      detail: { reassignedTo: "ECC", people: 1, actions: open },
    });
  });

  it("removes an empty organisation at once, and adding the code again brings it back", async () => {
    await h.say("jo", 'org add TMP "Temporary body"');
    expect(await h.text("jo", "org remove TMP")).toMatch(/^✓ TMP \(Temporary body\) is removed/);
    expect(await h.text("jo", 'org add TMP "Temporary body II"')).toMatch(
      /^✓ TMP is back: Temporary body II/,
    );
    expect((await org("TMP"))?.removedAt).toBeNull();
  });

  it("refuses a bad --reassign-to", async () => {
    expect((await h.say("jo", "org remove POLICE --reassign-to POLICE")).title).toMatch(
      /different organisation/,
    );
    expect((await h.say("jo", "org remove POLICE --move ECC")).title).toMatch(/only --reassign-to <CODE>/);
    // Slack and Teams turn "--" into a dash as people type.
    await h.say("jo", 'org add TMP2 "Second temporary body"');
    expect(await h.text("jo", "org remove TMP2 —reassign-to ECC")).toMatch(/^✓ TMP2 .* is removed/);
    expect((await h.say("jo", "org remove POLICE --reassign-to NOPE")).title).toMatch(
      /no organisation "NOPE"/,
    );
    expect((await org("POLICE"))?.removedAt).toBeNull();
  });
});

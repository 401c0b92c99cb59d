// group add | rename | chair | archive | member add | member remove through the shell: admins run them,
// a chair manages their own group's members, archived groups leave lists and calendars.
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, groupMembers, groups } from "../../src/store/schema.ts";
import { useHarness } from "../helpers/harness.ts";

const h = useHarness();

const lastAudit = async () =>
  (await h.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1))[0];
const group = async (slug: string) =>
  (await h.database.db.select().from(groups).where(eq(groups.slug, slug)))[0];
const memberCount = async (slug: string) =>
  (
    await h.database.db
      .select()
      .from(groupMembers)
      .where(eq(groupMembers.groupId, (await group(slug))?.id ?? 0))
  ).length;

describe("group add, rename, chair", () => {
  it("adds a group with its chair as a member, shown by group list and group show", async () => {
    const reply = await h.text("jo", 'group add csp "Community Safety Partnership" chair:@amira');
    expect(reply).toMatch(/^✓ Community Safety Partnership \(csp\) added/);
    expect(reply).toContain("Chair: Amira Hassan (@amira)");
    expect(await h.text("sam", "groups")).toContain("Community Safety Partnership (csp)");
    expect(await h.text("sam", "group show csp")).toContain("Chair: Amira Hassan (@amira)");
    expect(await memberCount("csp")).toBe(1);
    expect(await lastAudit()).toMatchObject({ verb: "group.add", subject: "group:csp" });
  });

  it.each([
    ['group add hwb "Another board"', /already a group "hwb"/],
    ['group add "Bad Slug" "X"', /is not a group slug/],
    ['group add newg "New group" chair:@nobody', /No one called "nobody"/],
    ["group add newg", /needs more/],
  ])("refuses %j", async (line, why) => {
    const reply = await h.say("jo", line);
    expect(reply.tone).toBe("error");
    expect(reply.title).toMatch(why);
    expect(await group("newg")).toBeUndefined();
  });

  it("renames and changes the chair, for admins only", async () => {
    await h.say("jo", 'group add yp "Young people"');
    expect((await h.say("helen", 'group rename yp "Youth board"')).title).toMatch(/Only a partnership admin/);
    expect(await h.text("jo", 'group rename yp "Youth board"')).toMatch(/^✓ yp is now Youth board/);
    expect(await h.text("jo", "group chair yp @claire")).toMatch(
      /^✓ Prof Claire Dunmore \(@claire\) now chairs Youth board/,
    );
    expect((await group("yp"))?.chairId).not.toBeNull();
    expect(await h.text("jo", "group show yp")).toContain("Prof Claire Dunmore");
  });
});

describe("group member add and remove", () => {
  it("lets the group's chair manage its members", async () => {
    await h.say("jo", 'group add ldn "Learning disabilities network" chair:@helen');
    const added = await h.text("helen", "group member add ldn @priya @lucy");
    expect(added).toMatch(/^✓ Added to Learning disabilities network: Dr Priya Nair, Lucy Barnes/);
    expect(await memberCount("ldn")).toBe(3);
    expect(await lastAudit()).toMatchObject({
      verb: "group.member.add",
      detail: { people: ["priya", "lucy"] },
    });
    const again = await h.text("helen", "group member add ldn @priya");
    expect(again).toMatch(/No change to .*\n.*Already members: Dr Priya Nair/);
    expect(await h.text("helen", "group member remove ldn @lucy")).toMatch(/^✓ Taken off .*: Lucy Barnes/);
    expect(await memberCount("ldn")).toBe(2);
  });

  it("refuses members who do not chair it, and keeps the chair on", async () => {
    await h.say("jo", 'group add ops "Operations" chair:@dave');
    await h.say("jo", "group member add ops @rob");
    const refused = await h.say("rob", "group member add ops @amira");
    expect(refused.title).toBe("Only Operations's chair or an admin can change its members.");
    expect(await memberCount("ops")).toBe(2);
    expect((await h.say("jo", "group member remove ops @dave")).title).toMatch(/chair stays a member/);
    expect((await h.say("jo", "group member add ops @nobody")).title).toMatch(/No one called "nobody"/);
    expect(await memberCount("ops")).toBe(2);
  });
});

describe("group archive", () => {
  it("refuses while the group has open actions", async () => {
    const reply = await h.say("jo", "group archive hwb");
    expect(reply.title).toMatch(
      /Health and Wellbeing Board still has \d+ open actions?\. Close or drop them first/,
    );
    expect((await group("hwb"))?.archivedAt).toBeNull();
  });

  it("hides an archived group from lists, calendars and new meetings", async () => {
    await h.say("jo", 'group add tmp "Task and finish group" chair:@sam');
    await h.say("sam", 'meeting add group:tmp at:"next wed 10:00" "Task and finish"');
    expect(await h.text("sam", "meetings")).toContain("Task and finish");
    expect((await h.say("sam", "group archive tmp")).title).toMatch(/Only a partnership admin/);
    expect(await h.text("jo", "group archive tmp")).toMatch(/^✓ Task and finish group is archived/);
    expect(await h.text("sam", "groups")).not.toContain("Task and finish group");
    expect(await h.text("sam", "meetings")).not.toContain("Task and finish");
    expect(await h.text("sam", "whoami")).not.toMatch(/Groups: .*tmp/);
    const add = await h.say("sam", 'meeting add group:tmp at:"next thu 10:00"');
    expect(add.title).toMatch(/"tmp" \(Task and finish group\) is archived/);
    expect(await lastAudit()).toMatchObject({ verb: "group.archive", subject: "group:tmp" });
  });
});

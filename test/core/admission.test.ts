// Who may use Quorum: new chat users join by their email domain or wait for an admin, who is asked once
// with Approve / Decline buttons; pending people may only ask, help and whoami.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { InboundEvent } from "../../src/core/inbound.ts";
import { outbox, people } from "../../src/store/schema.ts";
import { countRows, useHarness } from "../helpers/harness.ts";

const h = useHarness();

const dm = (userId: string, email: string, text: string, tenant = "T0ESSEX"): InboundEvent => ({
  platform: "slack",
  tenant,
  userId,
  text,
  conversation: { id: `D${userId}`, kind: "direct" },
  profile: { name: userId.replace(/^U0/, ""), email },
});
const personRow = async (email: string) =>
  (await h.database.db.select().from(people).where(eq(people.email, email)))[0];
const outboxOf = (kind: string) => h.database.db.select().from(outbox).where(eq(outbox.kind, kind));

describe("access domains (the default)", () => {
  it("lets someone whose email domain belongs to an organisation join it as a member", async () => {
    await h.say("jo", "org domains VCS essexvcs.org.uk");
    const reply = await h.quorum.handle(dm("U0KIM", "kim.dale@essexvcs.org.uk", "whoami"));
    expect(reply.title).toBe("You are KIM (@kim.dale)");
    expect(JSON.stringify(reply.blocks)).toContain("Essex Voluntary and Community Sector Alliance");
    expect(await personRow("kim.dale@essexvcs.org.uk")).toMatchObject({ status: "active", role: "member" });
    const mine = await h.quorum.handle(dm("U0KIM", "kim.dale@essexvcs.org.uk", "actions mine"));
    expect(mine.tone).not.toBe("error");
  });

  it("keeps anyone else pending: ask, help and whoami only; admins are asked once", async () => {
    const email = "lou.baker@gmail.com";
    const first = await h.quorum.handle(dm("U0LOU", email, "actions open"));
    expect(first.tone).toBe("error");
    expect(first.title).toMatch(/An admin has not approved you yet, so you can't run action list/);
    // The refusal did not roll the request back.
    expect(await personRow(email)).toMatchObject({ status: "pending", handle: "lou.baker" });
    const asked = await outboxOf("access-request");
    expect(asked).toHaveLength(1);
    expect(asked[0]?.target).toMatchObject({ kind: "person", id: "jo" });
    const payload = asked[0]?.payload as {
      card: { blocks: { kind: string; buttons?: { command: string }[] }[] };
    };
    const buttons = payload.card.blocks.find((b) => b.kind === "buttons")?.buttons?.map((b) => b.command);
    expect(buttons).toEqual(["person approve @lou.baker", "person decline @lou.baker"]);

    expect((await h.quorum.handle(dm("U0LOU", email, "whoami"))).blocks).toContainEqual(
      expect.objectContaining({ kind: "fields" }),
    );
    expect((await h.quorum.handle(dm("U0LOU", email, "help"))).tone).not.toBe("error");
    const question = await h.quorum.handle(dm("U0LOU", email, "when is the next board meeting?"));
    expect(question.tone).not.toBe("error");
    const change = await h.quorum.handle(dm("U0LOU", email, 'action add "Let me in"'));
    expect(change.title).toMatch(/not approved you yet/);
    expect(await outboxOf("access-request")).toHaveLength(1);
  });

  it("lets only an admin approve, who may place them in an organisation", async () => {
    const email = "max.rowe@gmail.com";
    await h.quorum.handle(dm("U0MAX", email, "hello?"));
    expect((await h.say("sam", "person approve @max.rowe")).title).toMatch(/Only a partnership admin/);
    expect(await h.text("jo", "person pending")).toContain("@max.rowe");
    const reply = await h.text("jo", "person approve @max.rowe org:VCS");
    expect(reply).toMatch(/^✓ .*\(@max.rowe\) can now use Quorum/);
    expect(reply).toContain("They have been told.");
    expect(await personRow(email)).toMatchObject({ status: "active" });
    const told = await outboxOf("access-approved");
    expect(told.map((r) => r.target.id)).toEqual(["U0MAX"]);
    const now = await h.quorum.handle(dm("U0MAX", email, "actions mine"));
    expect(now.tone).not.toBe("error");
    expect((await h.say("jo", "person approve @max.rowe")).title).toMatch(/not waiting for approval/);
  });

  it("declines, after which they cannot use Quorum", async () => {
    const email = "ned.pike@gmail.com";
    await h.quorum.handle(dm("U0NED", email, "hello?"));
    expect(await h.text("jo", "person decline @ned.pike")).toMatch(/^✓ .*was declined/);
    expect(await personRow(email)).toMatchObject({ status: "inactive" });
    expect((await h.quorum.handle(dm("U0NED", email, "hello?"))).title).toMatch(/has ended/);
  });
});

describe("access approval and open", () => {
  it("approval holds even a matching domain; open lets anyone in", async () => {
    await h.say("jo", "partnership access approval");
    await h.quorum.handle(dm("U0OLA", "ola.ince@essexvcs.org.uk", "hi"));
    expect(await personRow("ola.ince@essexvcs.org.uk")).toMatchObject({ status: "pending" });
    await h.say("jo", "partnership access open");
    await h.quorum.handle(dm("U0PAT", "pat.quinn@hotmail.com", "hi"));
    expect(await personRow("pat.quinn@hotmail.com")).toMatchObject({ status: "active", role: "member" });
    await h.say("jo", "partnership access domains");
  });

  it("never links a new workspace by itself when there are several partnerships", async () => {
    await h.database.db.execute(
      "insert into partnerships (slug, name) values ('other', 'Other partnership')" as never,
    );
    const before = await countRows(h, people);
    const reply = await h.quorum.handle(dm("U0ZED", "zed@essexvcs.org.uk", "whoami", "T0NEWTEAM"));
    expect(reply.title).toMatch(/not linked to a partnership yet/);
    expect(await countRows(h, people)).toBe(before);
    const rows = await h.database.db
      .select()
      .from(people)
      .where(and(eq(people.email, "zed@essexvcs.org.uk")));
    expect(rows).toEqual([]);
  });
});

// Who's who: whoami, people, organisations, groups, identities matched by email, and channel links.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../src/core/inbound.ts";
import { channelLinks, identities, installations, people } from "../../src/store/schema.ts";
import { countRows, useHarness } from "../helpers/harness.ts";

const h = useHarness();

const slackEvent = (over: Partial<InboundEvent>): InboundEvent => ({
  platform: "slack",
  tenant: "T0ESSEX",
  userId: "U0HELEN",
  text: "whoami",
  conversation: { id: "D0HELEN", kind: "direct" },
  ...over,
});

describe("directory commands", () => {
  it("whoami names the person, organisation, role and groups", async () => {
    const reply = await h.text("jo", "whoami");
    expect(reply).toContain("You are Jo Whitfield (@jo)");
    expect(reply).toContain("Role: admin");
    expect(reply).toMatch(/Groups: .*hwb/);
  });

  it("lists people, organisations and groups", async () => {
    expect(await h.text("jo", "people")).toContain("Amira Hassan");
    expect(await h.text("jo", "org list")).toContain("Essex Police");
    const groups = await h.text("jo", "groups");
    expect(groups).toContain("Safer Essex");
    const hwb = await h.text("jo", "group show hwb");
    expect(hwb).toContain("Helen Marsh");
  });

  it("explains an unknown shell user", async () => {
    expect(await h.text("zed", "whoami")).toMatch(/no one with the handle "zed"/);
  });
});

describe("identities", () => {
  it("links a new Slack user to the existing person with the same email, once", async () => {
    const reply = await h.quorum.handle(
      slackEvent({ profile: { name: "Helen M", email: "Helen.Marsh@example.gov.uk" } }),
    );
    expect(reply.title).toBe("You are Helen Marsh (@helen)");
    // The first workspace joined the only partnership by itself.
    const slack = await h.database.db.select().from(installations).where(eq(installations.platform, "slack"));
    expect(slack.map((i) => i.tenant)).toEqual(["T0ESSEX"]);
    const again = await h.quorum.handle(slackEvent({}));
    expect(again.title).toBe("You are Helen Marsh (@helen)");
    const rows = await h.database.db.select().from(identities).where(eq(identities.externalId, "U0HELEN"));
    expect(rows).toHaveLength(1);
  });

  it("records a new email as waiting for approval, and refuses a profile without one", async () => {
    const before = await countRows(h, people);
    const reply = await h.quorum.handle(
      slackEvent({ userId: "U0NEW", profile: { name: "Kim Dale", email: "kim.dale@example.org" } }),
    );
    expect(reply.title).toBe("You are Kim Dale (@kim.dale)");
    expect(JSON.stringify(reply.blocks)).toContain("waiting for an admin's approval");
    expect(await countRows(h, people)).toBe(before + 1);
    const anon = await h.quorum.handle(slackEvent({ userId: "U0ANON" }));
    expect(anon.tone).toBe("error");
    expect(anon.title).toMatch(/no email address Quorum can see/);
  });
});

describe("channel links", () => {
  // Helen has used Quorum on Slack before, so her user id is known without a profile.
  beforeEach(() => h.quorum.handle(slackEvent({ profile: { email: "helen.marsh@example.gov.uk" } })));

  const inChannel = (text: string, userId = "U0HELEN") =>
    h.quorum.handle(
      slackEvent({ text, userId, conversation: { id: "C0HWB", kind: "channel", name: "hwb-board" } }),
    );

  it("remembers a channel Quorum is used in, without turning on digests", async () => {
    await inChannel("whoami");
    const [link] = await h.database.db.select().from(channelLinks).where(eq(channelLinks.channelId, "C0HWB"));
    expect(link).toMatchObject({ name: "hwb-board", groupId: null, digestEnabled: false, status: "active" });
  });

  it("links the channel to a group for its chair, and unlinks it", async () => {
    const linked = await inChannel("link group:hwb");
    expect(linked.title).toBe("This channel is now linked to Health and Wellbeing Board");
    const [link] = await h.database.db.select().from(channelLinks).where(eq(channelLinks.channelId, "C0HWB"));
    expect(link).toMatchObject({ digestEnabled: true });
    expect(link?.groupId).not.toBeNull();
    expect((await inChannel("unlink")).title).toMatch(/no longer linked/);
    expect((await inChannel("unlink")).title).toMatch(/not linked to a group/);
  });

  it("refuses link in a direct message and for anyone but the group's chair or an admin", async () => {
    expect((await h.say("jo", "link group:hwb")).title).toMatch(/Run this in the channel/);
    await h.quorum.handle(slackEvent({ userId: "U0ROB", profile: { email: "rob.fenn@example.fire.uk" } }));
    expect((await inChannel("link group:hwb", "U0ROB")).title).toMatch(
      /^Only the chair of Health and Wellbeing Board \(Helen Marsh\) or a partnership admin can link a channel to it\.$/,
    );
  });
});

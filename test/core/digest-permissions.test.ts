// Who may link a channel and change or post its digest (issue 14, failure 2): the linked group's chair or an
// admin; for a channel linked to no group, an admin. Members, other groups' people and newcomers: refused,
// with nothing changed. And `digest now` posts at most once per 10 minutes per channel.
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../src/core/inbound.ts";
import { channelLinks, groups, outbox, partnerships, people, schedules } from "../../src/store/schema.ts";
import { NOW, useHarness } from "../helpers/harness.ts";

const h = useHarness();

const EMAIL: Record<string, string> = {
  jo: "jo.whitfield@example.gov.uk",
  helen: "helen.marsh@example.gov.uk",
  priya: "priya.nair@example.nhs.uk",
  dave: "dave.kirby@example.police.uk",
  stranger: "new.starter@example.nhs.uk",
};

/** Someone speaking in a Slack channel; an unknown email is enrolled on the spot, as in real use. */
const inChannel = (who: string, channel: string, text: string) =>
  h.quorum.handle({
    platform: "slack",
    tenant: "T0ESSEX",
    userId: `U-${who.toUpperCase()}`,
    text,
    profile: { email: EMAIL[who] ?? `${who}@example.org` },
    conversation: { id: channel, kind: "channel", name: channel.toLowerCase() },
  } satisfies InboundEvent);

const linkRow = async (channel: string) => {
  const [row] = await h.database.db.select().from(channelLinks).where(eq(channelLinks.channelId, channel));
  return row;
};
const digestSchedule = async (linkId: number) => {
  const [row] = await h.database.db
    .select()
    .from(schedules)
    .where(and(eq(schedules.kind, "digest"), eq(schedules.subject, `link:${linkId}`)));
  return row;
};
const outboxFor = async (channel: string) =>
  (await h.database.db.select().from(outbox)).filter(
    (r) => (r.target as { id?: string }).id === channel && r.kind === "digest",
  );

const HWB_REFUSAL = "Only the chair of Health and Wellbeing Board (Helen Marsh) or a partnership admin can";
const SETTINGS = [
  "digest off",
  'digest schedule "weekdays 07:00"',
  "digest when-empty silent",
  "digest now",
  "unlink",
];

/** Helen links C-HWB to her board; the newcomer's first message enrols them, a moment before they try it. */
const linkHwbWithNewcomer = async () => {
  expect((await inChannel("helen", "C-HWB", "link group:hwb")).tone).toBe("success");
  expect((await inChannel("stranger", "C-HWB", "whoami")).tone).not.toBe("error");
};

describe("a linked channel's digest", () => {
  beforeEach(linkHwbWithNewcomer);

  it.each([
    ["priya", "a member of the group"],
    ["dave", "another group's chair"],
    ["stranger", "a newcomer enrolled a moment ago"],
  ])("refuses %s (%s) every setting, naming the chair, and changes nothing", async (who) => {
    const before = { link: await linkRow("C-HWB"), posts: (await outboxFor("C-HWB")).length };
    for (const text of SETTINGS) {
      const reply = await inChannel(who, "C-HWB", text);
      expect(reply.tone).toBe("error");
      expect(reply.title).toContain(HWB_REFUSAL);
    }
    expect((await inChannel(who, "C-HWB", "digest off")).title).toBe(
      `${HWB_REFUSAL} change this channel's digest.`,
    );
    expect((await inChannel(who, "C-HWB", "digest now")).title).toBe(
      `${HWB_REFUSAL} post this channel's digest.`,
    );
    const after = await linkRow("C-HWB");
    expect(after).toEqual(before.link);
    expect((await digestSchedule(after?.id ?? 0))?.enabled).toBe(true);
    expect(await outboxFor("C-HWB")).toHaveLength(before.posts);
  });

  it("gives the newcomer no say over links: enrolled as a member, not a chair", async () => {
    const [stranger] = await h.database.db
      .select()
      .from(people)
      .where(eq(people.email, EMAIL.stranger ?? ""));
    expect(stranger?.role).toBe("member");
    expect((await inChannel("stranger", "C-HWB", "link group:hwb")).title).toBe(
      "Only the chair of Health and Wellbeing Board (Helen Marsh) or a partnership admin can link a channel to it.",
    );
  });

  it("lets the chair and an admin change it", async () => {
    expect((await inChannel("helen", "C-HWB", "digest off")).title).toBe("No more digests in this channel.");
    expect((await inChannel("jo", "C-HWB", "digest on")).title).toMatch(/^Digests will post here/);
    expect((await inChannel("helen", "C-HWB", 'digest schedule "weekdays 08:30"')).tone).toBe("success");
    expect((await inChannel("jo", "C-HWB", "digest when-empty all-clear")).tone).toBe("success");
  });

  it("lets only the chair of the channel's group move it to another group", async () => {
    expect((await inChannel("dave", "C-HWB", "link group:safer")).title).toBe(
      `${HWB_REFUSAL} move this channel to another group.`,
    );
    expect((await linkRow("C-HWB"))?.groupId).not.toBeNull();
    // Helen chairs HWB but not Safer Essex: her say over this channel does not let her hand it to them.
    expect((await inChannel("helen", "C-HWB", "link group:safer")).title).toBe(
      "Only the chair of Safer Essex (Ch Supt Dave Kirby) or a partnership admin can link a channel to it.",
    );
  });
});

describe("a channel linked to no group", () => {
  it("lets a group's chair claim it by linking, but not a member", async () => {
    expect((await inChannel("priya", "C-NEW", "link group:hwb")).title).toBe(
      "Only the chair of Health and Wellbeing Board (Helen Marsh) or a partnership admin can link a channel to it.",
    );
    expect((await linkRow("C-NEW"))?.groupId ?? null).toBeNull();
    expect((await inChannel("dave", "C-NEW", "link group:safer")).tone).toBe("success");
    expect((await inChannel("dave", "C-NEW", "unlink")).tone).toBe("success");
  });

  it("carries the partnership-wide digest, so only an admin may change or post it", async () => {
    for (const text of ["digest on", "digest now", 'digest schedule "mon 10:00"']) {
      const reply = await inChannel("helen", "C-GENERAL", text);
      expect(reply.title).toMatch(
        /^This channel is not linked to a group, so only a partnership admin can (change|post) this channel's digest\.$/,
      );
    }
    expect((await linkRow("C-GENERAL"))?.digestEnabled ?? false).toBe(false);
    expect((await inChannel("jo", "C-GENERAL", "digest on")).tone).toBe("success");
    expect((await linkRow("C-GENERAL"))?.digestEnabled).toBe(true);
  });

  it("says who may when the group has no chair", async () => {
    const [essex] = await h.database.db.select().from(partnerships).where(eq(partnerships.slug, "demo"));
    await h.database.db
      .insert(groups)
      .values({ partnershipId: essex?.id ?? 0, slug: "unchaired", name: "Task and Finish Group" });
    expect((await inChannel("helen", "C-TFG", "link group:unchaired")).title).toBe(
      "Task and Finish Group has no chair, so only a partnership admin can link a channel to it.",
    );
  });
});

describe("digest now", () => {
  it("posts once per 10 minutes per channel, whoever asks, and says when it may post again", async () => {
    h.clock.set(NOW);
    await linkHwbWithNewcomer();
    expect((await inChannel("helen", "C-NOW", "link group:hwb")).tone).toBe("success");
    expect((await inChannel("helen", "C-NOW", "digest now")).title).toBe("Posting the digest here now.");
    h.clock.set(new Date(NOW.getTime() + 9 * 60_000));
    const again = await inChannel("jo", "C-NOW", "digest now");
    expect(again.tone).toBe("error");
    expect(again.title).toBe(
      "The digest was posted here at Mon 23 Nov 2026, 09:30; digest now can post it again from Mon 23 Nov 2026, 09:40.",
    );
    expect(await outboxFor("C-NOW")).toHaveLength(1);
    // Another channel has its own allowance.
    expect((await inChannel("helen", "C-HWB", "digest now")).title).toBe("Posting the digest here now.");
    h.clock.set(new Date(NOW.getTime() + 10 * 60_000));
    expect((await inChannel("helen", "C-NOW", "digest now")).title).toBe("Posting the digest here now.");
    expect(await outboxFor("C-NOW")).toHaveLength(2);
    h.clock.set(NOW);
  });

  it("queues one post when several arrive at once", async () => {
    h.clock.set(new Date(NOW.getTime() + 3600_000));
    expect((await inChannel("helen", "C-BURST", "link group:hwb")).tone).toBe("success");
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => inChannel("helen", "C-BURST", "digest now")),
    );
    expect(replies.filter((r) => r.tone === "success")).toHaveLength(1);
    for (const r of replies.filter((x) => x.tone !== "success"))
      expect(r.title).toMatch(/^The digest was posted here at .*; digest now can post it again from /);
    expect(await outboxFor("C-BURST")).toHaveLength(1);
    h.clock.set(NOW);
  });
});

describe("reminders follow the same rule", () => {
  beforeEach(linkHwbWithNewcomer);

  it("refuses a member and a newcomer, naming the chair; the chair and an admin may", async () => {
    for (const who of ["priya", "stranger"])
      expect((await inChannel(who, "C-HWB", "remind day-before off group:hwb")).title).toBe(
        "Only the chair of Health and Wellbeing Board (Helen Marsh) or a partnership admin can change its reminders.",
      );
    expect((await inChannel("helen", "C-HWB", "remind day-before off group:hwb")).tone).toBe("success");
    expect((await inChannel("jo", "C-HWB", "remind papers 3 group:hwb")).tone).toBe("success");
    expect((await inChannel("stranger", "C-HWB", "remind actions off")).title).toBe(
      "Only a partnership admin can run remind actions.",
    );
  });
});

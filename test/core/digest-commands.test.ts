// The digest and remind commands people type: preview, schedule changes, silence, and who may change
// a group's reminders.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { InboundEvent } from "../../src/core/inbound.ts";
import { channelLinks, schedules } from "../../src/store/schema.ts";
import { useHarness } from "../helpers/harness.ts";

const h = useHarness();

const inChannel = (text: string, email = "helen.marsh@example.gov.uk", userId = "U-HELEN") =>
  h.quorum.handle({
    platform: "slack",
    tenant: "T0ESSEX",
    userId,
    text,
    profile: { email },
    conversation: { id: "C-HWB", kind: "channel", name: "hwb-board" },
  } satisfies InboundEvent);

describe("digest", () => {
  it("previews the partnership-wide digest in a direct message", async () => {
    const text = await h.text("jo", "digest preview");
    expect(text).toContain("Essex Partners (demo): digest for Mon 23 Nov");
    expect(text).toContain("Overdue: PFCC (1)");
    expect(text).toContain("This is the partnership-wide digest");
  });

  it("links a channel with a Monday 09:00 schedule, and previews only its group", async () => {
    const linked = await inChannel("link group:hwb");
    expect(linked.blocks.map((b) => ("text" in b ? b.text : "")).join()).toContain(
      '"mon 09:00" (Europe/London time)',
    );
    const [row] = await h.database.db.select().from(schedules).where(eq(schedules.kind, "digest"));
    expect(row?.nextFireAt.toISOString()).toBe("2026-11-30T09:00:00.000Z");
    const preview = await inChannel("digest preview");
    expect(preview.title).toBe("Health and Wellbeing Board: digest for Mon 23 Nov");
    expect(preview.audience).toBe("personal");
  });

  it("changes the schedule, canonicalised, and rejects one it cannot read", async () => {
    await inChannel("link group:hwb"); // each test has its own database
    expect((await inChannel('digest schedule "weekdays 8:30"')).title).toBe(
      'The digest now posts here at "weekdays 08:30" (Europe/London time).',
    );
    const [row] = await h.database.db.select().from(schedules).where(eq(schedules.kind, "digest"));
    expect(row?.nextFireAt.toISOString()).toBe("2026-11-24T08:30:00.000Z");
    const bad = await inChannel('digest schedule "fortnightly-ish"');
    expect(bad.tone).toBe("error");
    expect(bad.title).toMatch(/couldn't read "fortnightly-ish" as a schedule/);
    expect(bad.blocks.some((b) => b.kind === "usage")).toBe(true);
  });

  it("turns off and on, refusing a no-op", async () => {
    await inChannel("link group:hwb");
    expect((await inChannel("digest off")).title).toBe("No more digests in this channel.");
    expect((await inChannel("digest off")).title).toBe("The digest is already off here.");
    const [off] = await h.database.db.select().from(schedules).where(eq(schedules.kind, "digest"));
    expect(off?.enabled).toBe(false);
    expect((await inChannel("digest on")).title).toMatch(/Digests will post here/);
  });

  it("chooses silence for quiet weeks", async () => {
    await inChannel("link group:hwb"); // each test has its own database
    expect((await inChannel("digest when-empty silent")).title).toMatch(/post nothing/);
    const [link] = await h.database.db.select().from(channelLinks).where(eq(channelLinks.channelId, "C-HWB"));
    expect(link?.digestAllClear).toBe(false);
    expect((await inChannel("digest when-empty sometimes")).title).toMatch(/Say all-clear or silent/);
  });

  it("queues digest now for delivery", async () => {
    await inChannel("link group:hwb"); // each test has its own database
    expect((await inChannel("digest now")).title).toBe("Posting the digest here now.");
  });

  it("needs a channel for channel settings", async () => {
    expect((await h.say("jo", "digest now")).title).toMatch(/Run this in the channel/);
  });
});

describe("remind", () => {
  it("shows every group's settings and the owners' reminders", async () => {
    const text = await h.text("jo", "reminders");
    expect(text).toContain("hwb: papers: 2 working days before the deadline; day before: on");
    expect(text).toContain("a direct message 2 working days before due, and when overdue");
  });

  it("lets the chair change papers and day-before reminders, and no one else", async () => {
    expect(await h.text("helen", "remind papers 3 group:hwb")).toContain("papers reminders 3 working days");
    expect(await h.text("helen", "remind day-before off group:hwb")).toContain("day-before reminders off");
    expect(await h.text("jo", "remind show group:hwb")).toContain(
      "papers: 3 working days before the deadline; day before: off",
    );
    expect(await h.text("priya", "remind papers off group:hwb")).toMatch(
      /Only the chair of Health and Wellbeing Board \(Helen Marsh\) or a partnership admin can change its reminders/,
    );
    expect(await h.text("helen", "remind papers 99 group:hwb")).toMatch(
      /not a number of working days from 0 to 20/,
    );
    expect(await h.text("helen", "remind papers 2")).toMatch(/Say which group/);
  });

  it("keeps owners' reminders an admin decision", async () => {
    expect(await h.text("sam", "remind actions off")).toMatch(
      /Only a partnership admin can run remind actions/,
    );
    expect(await h.text("jo", "remind actions off")).toContain("Action reminders off");
    expect(await h.text("jo", "remind actions maybe")).toMatch(/Say on or off/);
  });
});

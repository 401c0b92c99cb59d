// Meeting changes are governed: only the group's chair or an admin may cancel or restore, and each change
// posts a notice to the group's linked channels and a direct message to its members, in the outbox.
import { and, eq, like } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../src/core/inbound.ts";
import { auditEvents, groups, meetings, outbox } from "../../src/store/schema.ts";
import { useHarness } from "../helpers/harness.ts";

const h = useHarness();
let ref = "";
beforeEach(async () => {
  // Safer Essex (chair @dave; members amira, rob, nadia, jo) gets a Slack channel.
  const link: InboundEvent = {
    platform: "slack",
    tenant: "T0ESSEX",
    userId: "U0DAVE",
    text: "link group:safer",
    conversation: { id: "C0SAFER", kind: "channel", name: "safer-essex" },
    profile: { name: "Dave Kirby", email: "dave.kirby@example.police.uk" },
  };
  expect((await h.quorum.handle(link)).title).toMatch(/linked to Safer Essex/);
  const [safer] = await h.database.db.select().from(groups).where(eq(groups.slug, "safer"));
  const [m] = await h.database.db
    .select()
    .from(meetings)
    .where(eq(meetings.groupId, safer?.id ?? 0));
  ref = `M-${m?.id}`;
});

const rows = (kind: string) => h.database.db.select().from(outbox).where(eq(outbox.kind, kind));
const cancelled = async () =>
  (
    await h.database.db
      .select()
      .from(meetings)
      .where(eq(meetings.id, Number(ref.slice(2))))
  )[0]?.cancelledDates;

describe("meeting cancel", () => {
  it("refuses a member who does not chair the group, and tells no one", async () => {
    const reply = await h.say("amira", `meeting cancel ${ref} 7/12`);
    expect(reply.tone).toBe("error");
    expect(reply.title).toBe("Only Safer Essex's chair or an admin can add, cancel or change its meetings.");
    expect(await cancelled()).toEqual([]);
    expect(await rows("meeting-cancelled")).toEqual([]);
  });

  it("lets the chair cancel, posting to the linked channel and messaging each member", async () => {
    const reply = await h.text("dave", `meeting cancel ${ref} 7/12`);
    expect(reply).toMatch(/Safer Essex on Mon 7 Dec 2026, 09:30 is cancelled/);
    expect(reply).toContain("Told 1 linked channel and 4 members directly.");
    expect(reply).toContain(`To undo: meeting restore ${ref} 2026-12-07`);
    expect(await cancelled()).toEqual(["2026-12-07"]);
    const sent = await rows("meeting-cancelled");
    const channel = sent.filter((r) => r.target.kind === "channel");
    expect(channel).toHaveLength(1);
    expect(channel[0]).toMatchObject({ platform: "slack", target: { id: "C0SAFER", tenant: "T0ESSEX" } });
    expect(channel[0]?.payload).toMatchObject({
      card: { title: "Cancelled: Safer Essex on Mon 7 Dec 2026, 09:30" },
    });
    const dms = sent.filter((r) => r.target.kind === "person").map((r) => r.target.id);
    expect(dms.sort()).toEqual(["amira", "jo", "nadia", "rob"]);
    const [event] = await h.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.verb, "meeting.cancel"), like(auditEvents.subject, ref)));
    expect(event?.detail).toEqual({ date: "2026-12-07" });
  });
});

describe("meeting restore", () => {
  // Each restore test starts from Dave's cancellation of 7 December, as sent by the cancel tests above.
  beforeEach(async () => {
    expect(await h.text("dave", `meeting cancel ${ref} 7/12`)).toMatch(/is cancelled/);
  });

  it("refuses a non-chair and a date that was not cancelled", async () => {
    expect((await h.say("rob", `meeting restore ${ref} 7/12`)).title).toMatch(
      /Only Safer Essex's chair or an admin/,
    );
    const notCancelled = await h.say("dave", `meeting restore ${ref} 7/1/2027`);
    expect(notCancelled.title).toMatch(/was not cancelled on/);
    expect(notCancelled.blocks).toContainEqual(expect.objectContaining({ kind: "usage" }));
    expect((await h.say("dave", `meeting restore ${ref}`)).title).toMatch(/needs more/);
  });

  it("puts the occurrence back and tells the group again", async () => {
    const reply = await h.text("jo", `meeting restore ${ref} 7/12`);
    expect(reply).toMatch(/Safer Essex on Mon 7 Dec 2026, 09:30 is back on/);
    expect(reply).toContain("Told 1 linked channel and 4 members directly."); // dave is told; jo restored it
    expect(await cancelled()).toEqual([]);
    expect(await h.text("dave", "meetings group:safer months:1")).toContain("Mon 7 Dec 2026, 09:30");
    const sent = await rows("meeting-restored");
    // Dave last used Quorum on Slack, so his message goes there; the others are on the shell.
    const dms = sent.filter((r) => r.target.kind === "person").map((r) => `${r.platform}:${r.target.id}`);
    expect(dms.sort()).toEqual(["shell:amira", "shell:nadia", "shell:rob", "slack:U0DAVE"]);
    const [event] = await h.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.verb, "meeting.restore"));
    expect(event).toMatchObject({ subject: ref, detail: { date: "2026-12-07" } });
  });

  it("cancelling again after a restore notifies again", async () => {
    expect(await h.text("jo", `meeting restore ${ref} 7/12`)).toMatch(/is back on/);
    h.clock.set(new Date("2026-11-23T10:00:00Z"));
    await h.say("dave", `meeting cancel ${ref} 7/12`);
    expect((await rows("meeting-cancelled")).filter((r) => r.target.kind === "channel")).toHaveLength(2);
  });
});

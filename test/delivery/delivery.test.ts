// Scheduled digests and reminders end to end on a fake clock: fired once, delivered once or parked,
// paced per channel, late within the grace window and skipped beyond it, across a restart.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { card } from "../../src/core/card.ts";
import type { InboundEvent } from "../../src/core/inbound.ts";
import { linkTarget } from "../../src/core/outbound.ts";
import { payloadOf } from "../../src/core/schedule/digest.ts";
import { fireDueSchedules } from "../../src/core/schedule/fire.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { outboxQueue } from "../../src/store/outbox-queue.ts";
import { auditEvents, channelLinks, outbox } from "../../src/store/schema.ts";
import { useHarness } from "../helpers/harness.ts";
import { outletsFor } from "../helpers/outlets.ts";
import { createFakeSender, type Fault, seeded } from "./fake-sender.ts";

const h = useHarness();
const store = () => createStore(h.database.db);

const event = (
  platform: "slack" | "teams",
  userId: string,
  email: string,
  text: string,
  channel?: string,
): InboundEvent => ({
  platform,
  tenant: platform === "slack" ? "T0ESSEX" : "tenant-essex",
  userId,
  text,
  profile: { email },
  conversation: channel
    ? { id: channel, kind: "channel", name: channel }
    : { id: `D-${userId}`, kind: "direct" },
});

const helenSays = (text: string) =>
  h.quorum.handle(event("slack", "U-HELEN", "helen.marsh@example.gov.uk", text, "C-HWB"));

beforeEach(async () => {
  // The HWB links a Slack channel; Safer Essex a Teams channel. Amira has used Quorum on Teams.
  await helenSays("link group:hwb");
  await h.quorum.handle(
    event("teams", "aad-dave", "dave.kirby@example.police.uk", "link group:safer", "19:safer"),
  );
  await h.quorum.handle(event("teams", "aad-amira", "amira.hassan@example.police.uk", "whoami"));
});
const rows = () => h.database.db.select().from(outbox).orderBy(outbox.id);
const later = (ms: number) => h.clock.set(new Date(h.clock.now().getTime() + ms));

/**
 * Queues one digest for the HWB channel as `digest now` would, without its once-per-10-minutes limit:
 * these tests are about delivering many messages, not about who may post them (digest-commands.test.ts).
 */
let queued = 0;
async function queueHwbDigest() {
  const now = h.clock.now();
  await store().transaction(async (repos) => {
    const link = await repos.channels.byChannel("slack", "T0ESSEX", "C-HWB");
    if (!link) throw new Error("the HWB channel is not linked");
    const digest = card(`Digest ${++queued}`, [], { audience: "channel" });
    await repos.outbox.enqueue({
      partnershipId: link.partnershipId,
      dedupeKey: `test:digest:${link.id}:${queued}`,
      kind: "digest",
      platform: link.platform,
      target: { ...linkTarget(link) },
      payload: { ...payloadOf(digest) },
      createdAt: now,
      notBefore: now,
    });
  });
}

/** Monday 30 November just after 09:00, when the first digests and the daily reminders fall due. */
async function fireFirstMonday() {
  h.clock.set(new Date("2026-11-30T09:00:30Z"));
  return fireDueSchedules(store(), h.clock);
}

/** Safer Essex's Teams channel is deleted: its next post comes back "gone" and the link is uninstalled. */
async function teamsChannelGone() {
  const teams = createFakeSender("teams", h.clock, () => "gone");
  const worker = createOutboxWorker({
    outlets: outletsFor(teams.sender),
    queue: outboxQueue(h.database.db),
    sleep: async (ms: number) => later(ms),
    clock: h.clock,
  });
  await h.quorum.handle(event("teams", "aad-dave", "dave.kirby@example.police.uk", "digest now", "19:safer"));
  await drainAll(worker);
}

async function drainAll(worker: ReturnType<typeof createOutboxWorker>, stepMs = 1000, maxSteps = 3000) {
  for (let i = 0; i < maxSteps; i++) {
    await worker.drainOnce();
    const pending = (await rows()).filter((r) => r.status === "pending" || r.status === "sending");
    if (pending.length === 0) return;
    later(stepMs);
  }
  throw new Error("the outbox did not drain");
}

describe("firing", () => {
  it("fires nothing before Monday 09:00, then each digest and the daily reminders exactly once", async () => {
    h.clock.set(new Date("2026-11-30T08:59:00Z"));
    expect((await fireDueSchedules(store(), h.clock)).enqueued).toBe(0);
    h.clock.set(new Date("2026-11-30T09:00:30Z"));
    const first = await fireDueSchedules(store(), h.clock);
    // Two digests, the partnership's reminder run, and its FAQ review and weekly note (nothing to say yet).
    expect(first.fired).toBe(5);
    expect(await fireDueSchedules(store(), h.clock)).toEqual({ fired: 0, skipped: 0, enqueued: 0 });
    const all = await rows();
    expect(all.filter((r) => r.kind === "digest").map((r) => r.platform)).toEqual(["slack", "teams"]);
    expect(first.enqueued).toBe(all.length);
    // Jo's A-5 (due Sun 29 Nov) became overdue today: she hears about it on the shell, her only chat.
    const overdue = all.filter((r) => r.kind === "action-overdue");
    expect(overdue.map((r) => [r.platform, (r.target as { id: string }).id])).toEqual([["shell", "jo"]]);
  });

  it("a second process on the same database enqueues nothing more (restart or second instance)", async () => {
    expect((await fireFirstMonday()).enqueued).toBeGreaterThan(0);
    const before = (await rows()).length;
    expect(await fireDueSchedules(createStore(h.database.db), h.clock)).toEqual({
      fired: 0,
      skipped: 0,
      enqueued: 0,
    });
    expect((await rows()).length).toBe(before);
  });
});

describe("delivery through a flaky platform", () => {
  it("delivers every message once or parks it: none lost, none duplicated", async () => {
    await fireFirstMonday(); // digests and reminders for all three platforms, then twelve "digest now"
    const random = seeded(7);
    const faults: Fault[] = ["ok", "ok", "ok", "429", "refused", "timeout-after-send", "500-before-send"];
    const pick = () => faults[Math.floor(random() * faults.length)] as Fault;
    const slack = createFakeSender("slack", h.clock, pick);
    const teams = createFakeSender("teams", h.clock, pick);
    const shell = createFakeSender("shell", h.clock);
    const worker = createOutboxWorker({
      outlets: outletsFor(slack.sender, teams.sender, shell.sender),
      queue: outboxQueue(h.database.db),
      sleep: async (ms: number) => later(ms),
      clock: h.clock,
      random: seeded(11),
    });
    for (let i = 0; i < 12; i++) {
      await queueHwbDigest();
      later(1);
    }
    await drainAll(worker);
    const all = await rows();
    const received = [...slack.received, ...teams.received, ...shell.received];
    for (const row of all) expect(["sent", "parked", "unknown"]).toContain(row.status);
    const sent = all.filter((r) => r.status === "sent");
    const unknown = all.filter((r) => r.status === "unknown");
    // Every sent row arrived once; only rows of unknown fate may have arrived without being marked sent.
    expect(received.length).toBeGreaterThanOrEqual(sent.length);
    expect(received.length).toBeLessThanOrEqual(sent.length + unknown.length);
    expect(new Set(sent.map((r) => r.messageId)).size).toBe(sent.length);
    for (const row of all.filter((r) => r.status !== "sent")) expect(row.lastError).toBeTruthy();
    // The seeded faults exercise every path.
    expect(sent.length).toBeGreaterThan(5);
    expect(unknown.length).toBeGreaterThan(0);
  });

  it("paces one Slack channel to one message a second", async () => {
    const slack = createFakeSender("slack", h.clock);
    const worker = createOutboxWorker({
      outlets: outletsFor(slack.sender),
      queue: outboxQueue(h.database.db),
      sleep: async (ms: number) => later(ms),
      clock: h.clock,
    });
    later(60_000);
    for (let i = 0; i < 5; i++) {
      await queueHwbDigest();
      later(1);
    }
    await drainAll(worker, 250);
    const times = slack.received.map((r) => r.at.getTime());
    expect(times).toHaveLength(5);
    for (let i = 1; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it("stops posting to a channel the platform says is gone", async () => {
    await teamsChannelGone();
    const [link] = await h.database.db
      .select()
      .from(channelLinks)
      .where(eq(channelLinks.channelId, "19:safer"));
    expect(link?.status).toBe("uninstalled");
    h.clock.set(new Date("2026-12-07T09:00:10Z"));
    await fireDueSchedules(store(), h.clock);
    const since = (await rows()).filter(
      (r) => r.createdAt >= new Date("2026-12-07T09:00:00Z") && r.kind === "digest",
    );
    expect(since.map((r) => r.platform)).toEqual(["slack"]);
  });
});

describe("downtime", () => {
  it("sends a digest missed by less than 6 hours late, marked delayed; skips one missed by more", async () => {
    // Quorum ran on 30 November and 7 December, and the Teams channel had gone: then it was down.
    await teamsChannelGone();
    await fireFirstMonday();
    h.clock.set(new Date("2026-12-07T09:00:10Z"));
    await fireDueSchedules(store(), h.clock);
    h.clock.set(new Date("2026-12-14T13:30:00Z"));
    await fireDueSchedules(store(), h.clock);
    const texts = (await rows())
      .filter((r) => r.kind === "digest")
      .map((r) => (r.payload as { text: string }).text);
    expect(texts.filter((t) => t.includes("digest for Mon 14 Dec (delayed)"))).toHaveLength(1);
    h.clock.set(new Date("2026-12-21T16:00:00Z"));
    const report = await fireDueSchedules(store(), h.clock);
    expect(report.skipped).toBeGreaterThanOrEqual(1);
    const skipped = await h.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.verb, "digest.skipped"));
    expect(skipped.map((a) => a.detail)).toEqual([
      {
        count: 1,
        first: "2026-12-21T09:00:00.000Z",
        last: "2026-12-21T09:00:00.000Z",
        reason: "missed by more than the grace window",
      },
    ]);
  });
});

describe("a removed channel coming back", () => {
  it("resumes its digest from the next Monday, with no burst of the weeks it missed", async () => {
    await teamsChannelGone();
    h.clock.set(new Date("2027-01-06T12:00:00Z")); // a Wednesday, weeks after the Teams channel went away
    await h.quorum.handle(event("teams", "aad-dave", "dave.kirby@example.police.uk", "whoami", "19:safer"));
    const [link] = await h.database.db
      .select()
      .from(channelLinks)
      .where(eq(channelLinks.channelId, "19:safer"));
    expect(link?.status).toBe("active");
    h.clock.set(new Date("2027-01-11T09:00:30Z"));
    await fireDueSchedules(store(), h.clock);
    // (The Slack digest and the daily reminders were down all that time too: theirs are skipped.)
    const skips = await h.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subject, `link:${link?.id}`));
    expect(skips).toEqual([]);
    const mondays = (await rows()).filter(
      (r) => r.kind === "digest" && r.platform === "teams" && r.createdAt >= new Date("2027-01-11T00:00:00Z"),
    );
    expect(mondays).toHaveLength(1);
  });
});

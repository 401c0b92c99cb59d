// The scheduled-job registry end to end: a test-only job fires through the same path as digests and
// reminders and its posts expire by expires_at; kinds no job handles, and unreadable specs, never stop
// the tick; skips are audited as the system.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq, like } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { card } from "../../src/core/card.ts";
import type { InboundEvent } from "../../src/core/inbound.ts";
import { reachTarget } from "../../src/core/reach/targets.ts";
import { fireDueSchedules } from "../../src/core/schedule/fire.ts";
import { nextFire, parseFireSpec } from "../../src/core/schedule/fire-spec.ts";
import { STANDARD_JOBS } from "../../src/core/schedule/jobs/standard-jobs.ts";
import { jobRegistry, type ScheduledJob, scheduledPost } from "../../src/core/schedule/jobs.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { MIGRATIONS_FOLDER } from "../../src/store/migrate.ts";
import { outboxQueue } from "../../src/store/outbox-queue.ts";
import { auditEvents, outbox, schedules } from "../../src/store/schema.ts";
import { type Harness, openHarness } from "../helpers/harness.ts";
import { outletsFor } from "../helpers/outlets.ts";
import { createFakeSender } from "./fake-sender.ts";

const HOUR = 3600_000;

/** A job only this file knows: a daily 10:00 note to Jo that is stale after an hour. */
function pingJob(kind = "test-ping"): ScheduledJob {
  return {
    kind,
    async ensure(repos, now) {
      for (const p of await repos.partnerships.list())
        await repos.schedules.ensure({
          partnershipId: p.id,
          kind,
          subject: `partnership:${p.id}`,
          spec: "daily 10:00",
          nextFireAt: nextFire(parseFireSpec("daily 10:00"), p.timeZone, now),
          enabled: true,
        });
    },
    async messages(repos, schedule, s, send) {
      const jo = [...s.people.values()].find((p) => p.handle === "jo");
      const target = jo ? await reachTarget(repos, s.partnership, jo, send.reach ?? { email: false }) : null;
      if (!target) return [];
      const c = card(`Ping for ${s.today}`, [], { audience: "personal" });
      return [scheduledPost(s, `${kind}:${schedule.subject}:${send.at.toISOString()}`, kind, target, c)];
    },
    expiresAt: (s) => new Date(s.now.getTime() + HOUR),
  };
}

let h: Harness;
const store = () => createStore(h.database.db);
const rows = () => h.database.db.select().from(outbox).orderBy(outbox.id);
const at = (iso: string) => h.clock.set(new Date(iso));
const skipAudits = () =>
  h.database.db.select().from(auditEvents).where(like(auditEvents.verb, "%.skipped")).orderBy(auditEvents.id);

const slackChannel = (text: string): InboundEvent => ({
  platform: "slack",
  tenant: "T0ESSEX",
  userId: "U-HELEN",
  text,
  profile: { email: "helen.marsh@example.gov.uk" },
  conversation: { id: "C-HWB", kind: "channel", name: "hwb" },
});

async function partnershipId(): Promise<number> {
  const p = await store().transaction((repos) => repos.partnerships.bySlug("demo"));
  if (!p) throw new Error("the demo partnership is missing");
  return p.id;
}

function worker() {
  const shell = createFakeSender("shell", h.clock);
  const slack = createFakeSender("slack", h.clock);
  const w = createOutboxWorker({
    outlets: outletsFor(shell.sender, slack.sender),
    queue: outboxQueue(h.database.db),
    clock: h.clock,
    sleep: async (ms) => h.clock.set(new Date(h.clock.now().getTime() + ms)),
  });
  // One row per target per pass: drain until nothing is left, adding up what happened.
  const drain = async () => {
    const total = { claimed: 0, sent: 0, parked: 0 };
    for (let r = await w.drainOnce(); r.claimed > 0; r = await w.drainOnce())
      for (const k of ["claimed", "sent", "parked"] as const) total[k] += r[k];
    return total;
  };
  return { drain, received: () => [...shell.received, ...slack.received] };
}

beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

describe("a job registered beside the real ones", () => {
  const jobs = jobRegistry([...STANDARD_JOBS.jobs, pingJob()]);

  it("is ensured, fired and delivered through the same path, and its stale posts are parked", async () => {
    at("2026-11-24T09:59:00Z");
    expect((await fireDueSchedules(store(), h.clock, { jobs })).fired).toBe(0);
    at("2026-11-24T10:00:30Z");
    expect((await fireDueSchedules(store(), h.clock, { jobs })).fired).toBe(1);
    const [ping] = (await rows()).filter((r) => r.kind === "test-ping");
    expect(ping?.target).toMatchObject({ platform: "shell", kind: "person", id: "jo" });
    expect(ping?.expiresAt?.getTime()).toBe((ping?.createdAt.getTime() ?? 0) + HOUR);
    // A notification queued at the same moment has no expiry: it is delivered however late.
    await store().transaction((repos) =>
      repos.outbox.enqueue({
        partnershipId: ping?.partnershipId ?? 0,
        dedupeKey: "test-note:1",
        kind: "test-note",
        platform: "shell",
        target: ping?.target ?? {},
        payload: { text: "A note" },
        createdAt: h.clock.now(),
        notBefore: h.clock.now(),
      }),
    );
    at("2026-11-24T11:00:31Z"); // an hour and a second later: the ping is stale
    const w = worker();
    expect(await w.drain()).toEqual({ claimed: 2, sent: 1, parked: 1 });
    expect(w.received().map((r) => r.payload.text)).toEqual(["A note"]);
    const [parked] = (await rows()).filter((r) => r.kind === "test-ping");
    expect(parked).toMatchObject({ status: "parked", lastError: expect.stringMatching(/^expired/) });
    // The next day's ping is delivered while it is fresh.
    at("2026-11-25T10:00:30Z");
    await fireDueSchedules(store(), h.clock, { jobs });
    at("2026-11-25T10:59:00Z");
    expect((await w.drain()).parked).toBe(0);
    const pings = w.received().filter((r) => r.payload.text.includes("Ping for"));
    expect(pings.map((r) => r.target.id)).toEqual(["jo"]);
  });

  it("leaves digests and reminders their six hours, stamped on each row", async () => {
    await h.quorum.handle(slackChannel("link group:hwb"));
    at("2026-11-30T08:59:00Z");
    await fireDueSchedules(store(), h.clock, { jobs }); // ensures the reminder run for 09:00
    at("2026-11-30T09:00:30Z");
    const report = await fireDueSchedules(store(), h.clock, { jobs });
    // The channel's digest, the partnership's reminder run, and (a Monday) its FAQ review and weekly note.
    expect(report.fired).toBe(4);
    await h.quorum.handle(slackChannel("digest now"));
    const queued = await rows();
    expect(queued.filter((r) => r.kind === "digest")).toHaveLength(2);
    expect(queued.filter((r) => r.kind === "action-overdue")).toHaveLength(1); // Jo's A-5
    for (const r of queued) expect(r.expiresAt?.getTime()).toBe(r.createdAt.getTime() + 6 * HOUR);
    at("2026-11-30T15:00:31Z");
    const w = worker();
    expect((await w.drain()).parked).toBe(queued.length);
    expect(w.received()).toEqual([]);
    // An operator's `quorum outbox retry` sends it all the same.
    const digest = queued.find((r) => r.kind === "digest");
    expect(await outboxQueue(h.database.db).requeue(digest?.id ?? 0, h.clock.now())).toBe(true);
    expect(await w.drain()).toEqual({ claimed: 1, sent: 1, parked: 0 });
  });
});

describe("schedules no job can fire", () => {
  async function addSchedule(kind: string, subject: string, spec: string) {
    await h.database.db.insert(schedules).values({
      partnershipId: await partnershipId(),
      kind,
      subject,
      spec,
      nextFireAt: new Date("2026-11-30T09:00:00Z"),
    });
  }
  const scheduleOf = async (kind: string) =>
    (await h.database.db.select().from(schedules).where(eq(schedules.kind, kind)))[0];

  it("leaves an unknown kind for the grace window, then skips it as the system; the rest still fire", async () => {
    await h.quorum.handle(slackChannel("link group:hwb"));
    await addSchedule("retired-job", "partnership:demo", "mon 09:00");
    at("2026-11-30T09:00:30Z");
    expect((await fireDueSchedules(store(), h.clock)).fired).toBe(1);
    expect((await rows()).filter((r) => r.kind === "digest")).toHaveLength(1);
    // An instance of a newer version may know it: within the grace window it is left alone.
    expect((await scheduleOf("retired-job"))?.nextFireAt).toEqual(new Date("2026-11-30T09:00:00Z"));
    expect(await skipAudits()).toEqual([]);
    at("2026-11-30T15:00:30Z");
    const report = await fireDueSchedules(store(), h.clock);
    expect(report).toMatchObject({ fired: 0, skipped: 1 });
    expect((await scheduleOf("retired-job"))?.nextFireAt).toEqual(new Date("2026-12-07T09:00:00Z"));
    const [audit] = await skipAudits();
    expect(audit).toMatchObject({
      verb: "retired-job.skipped",
      platform: "system",
      actorId: null,
      detail: { count: 1, reason: 'no scheduled job handles "retired-job"' },
    });
    // The channel's digest goes on as before.
    at("2026-12-07T09:00:30Z");
    expect((await fireDueSchedules(store(), h.clock)).fired).toBeGreaterThanOrEqual(1);
    expect((await rows()).filter((r) => r.kind === "digest")).toHaveLength(2);
  });

  it("is fired within the grace window by an instance whose registry knows the kind", async () => {
    await addSchedule("test-ping", "partnership:demo", "mon 09:00");
    at("2026-11-30T09:00:30Z");
    const jobs = jobRegistry([...STANDARD_JOBS.jobs, pingJob()]);
    expect((await fireDueSchedules(store(), h.clock, { jobs })).fired).toBe(1);
    expect((await rows()).filter((r) => r.kind === "test-ping")).toHaveLength(1);
  });

  it("disables a schedule whose text this version cannot read, audited, without failing the tick", async () => {
    await h.quorum.handle(slackChannel("link group:hwb"));
    await addSchedule("digest", "link:99999", "fortnightly 09:00");
    at("2026-11-30T09:00:30Z");
    expect((await fireDueSchedules(store(), h.clock)).fired).toBe(1);
    const bad = await h.database.db.select().from(schedules).where(eq(schedules.subject, "link:99999"));
    expect(bad[0]?.enabled).toBe(false);
    expect(await skipAudits()).toMatchObject([
      { verb: "digest.skipped", subject: "link:99999", platform: "system", detail: { count: 1 } },
    ]);
  });
});

describe("the audit trail of the scheduler", () => {
  it("records occurrences missed beyond the grace window with the system as their origin", async () => {
    await h.quorum.handle(slackChannel("link group:hwb"));
    at("2026-11-30T08:00:00Z");
    await fireDueSchedules(store(), h.clock); // ensures the reminder run for 09:00
    at("2026-11-30T16:00:00Z");
    expect((await fireDueSchedules(store(), h.clock)).skipped).toBe(4);
    const audits = await skipAudits();
    expect(audits.map((a) => [a.verb, a.platform, a.actorId]).sort()).toEqual([
      ["digest.skipped", "system", null],
      ["faq-review.skipped", "system", null],
      ["faq-weekly.skipped", "system", null],
      ["reminders.skipped", "system", null],
    ]);
  });
});

describe("migration 0010 (backfill of expires_at)", () => {
  it("gives rows still to deliver of the kinds that used to expire their old six hours, and no others", async () => {
    const pid = await partnershipId();
    const createdAt = new Date("2026-11-23T09:00:00Z");
    const row = (kind: string, status: string) => ({
      partnershipId: pid,
      dedupeKey: `backfill:${kind}:${status}`,
      kind,
      platform: "shell",
      target: { platform: "shell", tenant: "demo", kind: "person", id: "jo" },
      payload: { text: kind },
      status,
      createdAt,
    });
    await h.database.db
      .insert(outbox)
      .values([
        row("digest", "pending"),
        row("papers", "sending"),
        row("digest", "sent"),
        row("question.new", "pending"),
      ]);
    const file = readFileSync(join(MIGRATIONS_FOLDER, "0010_outbox_expires_at_backfill.sql"), "utf8");
    await h.database.db.execute(file);
    const after = await h.database.db
      .select({ key: outbox.dedupeKey, expiresAt: outbox.expiresAt })
      .from(outbox)
      .where(like(outbox.dedupeKey, "backfill:%"))
      .orderBy(outbox.id);
    const sixHoursOn = new Date(createdAt.getTime() + 6 * HOUR);
    expect(after).toEqual([
      { key: "backfill:digest:pending", expiresAt: sixHoursOn },
      { key: "backfill:papers:sending", expiresAt: sixHoursOn },
      { key: "backfill:digest:sent", expiresAt: null },
      { key: "backfill:question.new:pending", expiresAt: null },
    ]);
  });
});

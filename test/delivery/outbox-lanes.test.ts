// The outbox drains lane by lane (a Slack workspace, a Teams tenant): a slow lane never holds up another,
// sends within a tenant overlap as the pacing allows, a conversation's rows still go one at a time and in
// order, and stopping gives back what was claimed but not sent.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Sender } from "../../src/core/outbound.ts";
import { jobRegistry } from "../../src/core/schedule/jobs.ts";
import type { Platform } from "../../src/core/types.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { startScheduler } from "../../src/delivery/scheduler.ts";
import { createLogger } from "../../src/log.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { outboxQueue } from "../../src/store/outbox-queue.ts";
import { outbox } from "../../src/store/schema.ts";
import { useHarness } from "../helpers/harness.ts";
import { outletsFor } from "../helpers/outlets.ts";
import { createFakeSender } from "./fake-sender.ts";
import { drainUntilEmpty, queuePosts } from "./queue-posts.ts";

const h = useHarness();
const later = (ms: number) => h.clock.set(new Date(h.clock.now().getTime() + ms));
const realClock = { now: () => new Date() };

/** Queues one post to each conversation, in order: `n` conversations of one tenant, `each` posts apiece. */
const queue = (platform: Platform, tenant: string, n: number, at: Date, each = 1) =>
  queuePosts(
    h.database.db,
    Array.from({ length: each }, (_, k) =>
      Array.from({ length: n }, (_, i) => ({
        platform,
        tenant,
        id: `${tenant}-c${i}`,
        title: `Post ${k} to ${tenant}-c${i}`,
        key: `test:lanes:${tenant}-c${i}:${k}`,
      })),
    ).flat(),
    at,
  );

const statuses = async () => {
  const rows = await h.database.db.select({ status: outbox.status }).from(outbox);
  const n: Record<string, number> = {};
  for (const r of rows) n[r.status] = (n[r.status] ?? 0) + 1;
  return n;
};

/** A sender whose posts hang until released, as a platform answering very slowly would. */
function hangingSender(platform: Platform) {
  const held: Array<() => void> = [];
  let n = 0;
  const sender: Sender = {
    platform,
    send: () => new Promise((resolve) => held.push(() => resolve({ messageId: `${platform}-${++n}` }))),
  };
  return {
    sender,
    held,
    release: () => {
      for (const go of held.splice(0)) go();
    },
  };
}

/** Waits, in real time, until `done` holds; false after `ms`. */
async function until(done: () => boolean, ms = 15_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (done()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return done();
}

const scheduler = (outlets: ReturnType<typeof outletsFor>) =>
  startScheduler({
    store: createStore(h.database.db),
    queue: outboxQueue(h.database.db),
    clock: realClock,
    outlets,
    logger: createLogger("silent"),
    // No scheduled jobs: these tests are about the outbox alone.
    jobs: jobRegistry([]),
    tickEvery: "0 0 1 1 *",
    drainEveryMs: 50,
  });

describe("lanes", () => {
  it("sends every Teams row while Slack's sends hang: a slow lane holds up no other", async () => {
    // Older Slack rows first, so a single queue would hand them out before the tenant's.
    await queue("slack", "T-SLOW", 2, new Date(Date.now() - 60_000));
    await queue("teams", "tenant-fast", 60, new Date(Date.now() - 30_000));
    const slack = hangingSender("slack");
    const teams = createFakeSender("teams", realClock);
    const s = scheduler(outletsFor(slack.sender, teams.sender));
    try {
      expect(await until(() => teams.received.length === 60)).toBe(true);
      expect(slack.held.length).toBe(2);
    } finally {
      slack.release();
      await s.stop();
    }
    expect(await statuses()).toEqual({ sent: 62 });
  });

  it("stops gracefully: sends under way are recorded, claimed rows not yet sent go back to the queue", async () => {
    const queuedAt = new Date(Date.now() - 1000);
    await queue("slack", "T-STOP", 30, queuedAt);
    const slack = hangingSender("slack");
    const s = scheduler(outletsFor(slack.sender));
    // Slack lets a workspace's first ten or so posts go at once, then one every 214 ms.
    expect(await until(() => slack.held.length >= 5)).toBe(true);
    // The platform answers from now on, slowly: the stop waits for those answers, and sends nothing more.
    const answering = setInterval(slack.release, 50);
    try {
      await s.stop();
    } finally {
      clearInterval(answering);
    }
    const after = await statuses();
    expect(after.sending ?? 0).toBe(0);
    expect(after.sent).toBeGreaterThanOrEqual(5);
    expect(after.pending).toBeGreaterThan(0);
    expect((after.sent ?? 0) + (after.pending ?? 0)).toBe(30);
    // Given back at their old place in line, so no later post to the same conversation can overtake them.
    const pending = await h.database.db
      .select({ notBefore: outbox.notBefore })
      .from(outbox)
      .where(eq(outbox.status, "pending"));
    for (const r of pending) expect(r.notBefore.getTime()).toBe(queuedAt.getTime());
  });

  it("overlaps sends within one Teams tenant, each only once its slot of the tenant is taken", async () => {
    await queue("teams", "tenant-pipe", 8, h.clock.now());
    let inFlight = 0;
    let most = 0;
    const waiting: Array<() => void> = [];
    const at: number[] = [];
    const teams: Sender = {
      platform: "teams",
      send: () => {
        at.push(h.clock.now().getTime());
        inFlight++;
        most = Math.max(most, inFlight);
        // A send answers once the next one has started (or after a while, for the last one).
        for (const go of waiting.splice(0)) go();
        return new Promise((resolve) => {
          const done = () => {
            inFlight--;
            resolve({ messageId: `t-${at.length}` });
          };
          waiting.push(done);
          setTimeout(() => waiting.includes(done) && waiting.splice(waiting.indexOf(done), 1) && done(), 300);
        });
      },
    };
    const worker = createOutboxWorker({
      outlets: outletsFor(teams),
      queue: outboxQueue(h.database.db),
      clock: h.clock,
      sleep: async (ms) => later(ms),
    });
    for (let i = 0; i < 20 && (await worker.drainOnce()).claimed > 0; i++) later(1000);
    expect(await statuses()).toEqual({ sent: 8 });
    expect(most).toBeGreaterThan(1);
    // Still within the tenant's 30 a second in any one-second window.
    for (const start of at)
      expect(at.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(30);
  });

  it("gives every lane its own batch in a pass, however many rows another lane has waiting", async () => {
    await queue("slack", "T-BIG", 12, new Date(h.clock.now().getTime() - 60_000));
    await queue("teams", "tenant-small", 3, h.clock.now());
    const slack = createFakeSender("slack", h.clock);
    const teams = createFakeSender("teams", h.clock);
    const worker = createOutboxWorker({
      outlets: outletsFor(slack.sender, teams.sender),
      queue: outboxQueue(h.database.db),
      clock: h.clock,
      sleep: async (ms) => later(ms),
      batch: 5,
    });
    await worker.drainOnce();
    expect(teams.received).toHaveLength(3);
    expect(slack.received).toHaveLength(5);
  });
});

describe("one conversation", () => {
  it("is claimed one row at a time, and not again while its send is under way", async () => {
    await queue("teams", "tenant-order", 2, h.clock.now(), 3);
    const q = outboxQueue(h.database.db);
    const first = await q.claim(h.clock.now(), ["teams"], 10, 60_000);
    expect(first.map((r) => r.target.id)).toEqual(["tenant-order-c0", "tenant-order-c1"]);
    // Another instance claiming now gets nothing: each conversation has a send under way.
    expect(await q.claim(h.clock.now(), ["teams"], 10, 60_000)).toEqual([]);
    for (const row of first) await q.sent(row.id, "m", h.clock.now());
    const second = await q.claim(h.clock.now(), ["teams"], 10, 60_000);
    expect(second.map((r) => r.payload.text.split("\n")[0])).toEqual([
      expect.stringContaining("Post 1 to tenant-order-c0"),
      expect.stringContaining("Post 1 to tenant-order-c1"),
    ]);
  });

  it("receives its rows in the order they were queued when lanes drain side by side", async () => {
    await queue("teams", "tenant-seq", 3, h.clock.now(), 4);
    await queue("slack", "T-SEQ", 3, h.clock.now(), 2);
    const slack = createFakeSender("slack", h.clock);
    const teams = createFakeSender("teams", h.clock);
    const worker = createOutboxWorker({
      outlets: outletsFor(slack.sender, teams.sender),
      queue: outboxQueue(h.database.db),
      clock: h.clock,
      sleep: async (ms) => later(ms),
    });
    await drainUntilEmpty(
      h.database.db,
      () => worker.drain(),
      () => later(1000),
    );
    expect(await statuses()).toEqual({ sent: 18 });
    for (const r of [...teams.received, ...slack.received]) expect(r.payload.text).toMatch(/Post \d to /);
    const order = (id: string, received: typeof teams.received) =>
      received.filter((r) => r.target.id === id).map((r) => /Post (\d)/.exec(r.payload.text)?.[1]);
    expect(order("tenant-seq-c1", teams.received)).toEqual(["0", "1", "2", "3"]);
    expect(order("T-SEQ-c2", slack.received)).toEqual(["0", "1"]);
  });
});

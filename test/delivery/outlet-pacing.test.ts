import { describe, expect, it } from "vitest";
import { type Outlet, unpaced } from "../../src/core/ports/chat-adapter.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { outboxQueue } from "../../src/store/outbox-queue.ts";
import { useHarness } from "../helpers/harness.ts";
import { createFakeSender } from "./fake-sender.ts";
import { drainUntilEmpty, queuePosts } from "./queue-posts.ts";

const h = useHarness();
const later = (ms: number) => h.clock.set(new Date(h.clock.now().getTime() + ms));

/** Queues `n` posts to each of the shell handles, due now. */
const queue = (handles: string[], n: number) =>
  queuePosts(
    h.database.db,
    handles.flatMap((id) =>
      Array.from({ length: n }, (_, i) => ({
        platform: "shell" as const,
        tenant: "local",
        kind: "person" as const,
        id,
        title: `Post ${i} to ${id}`,
        key: `test:pace:${id}:${i}`,
      })),
    ),
    h.clock.now(),
  );

async function drain(outlet: Outlet, sleep = async (ms: number) => later(ms)) {
  const worker = createOutboxWorker({
    outlets: [outlet],
    queue: outboxQueue(h.database.db),
    clock: h.clock,
    sleep,
  });
  await drainUntilEmpty(
    h.database.db,
    () => worker.drainOnce(),
    () => later(100),
    500,
  );
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] ?? 0));

describe("pacing from the outlet", () => {
  it("keeps a made-up platform's five seconds between any two sends", async () => {
    await queue(["jo", "sam"], 2);
    const fake = createFakeSender("shell", h.clock);
    await drain({ ...unpaced(fake.sender), paceKeys: () => [{ key: "made-up:everyone", gapMs: 5000 }] });
    const times = fake.received.map((r) => r.at.getTime());
    expect(times).toHaveLength(4);
    for (const gap of gaps(times)) expect(gap).toBeGreaterThanOrEqual(5000);
  });

  it("keeps sends one gap apart, not two, when a timer wakes a millisecond before the clock", async () => {
    await queue(["jo", "sam"], 2);
    const fake = createFakeSender("shell", h.clock);
    // Node counts a timer from the time cached at the start of the event loop's turn, so it can fire a
    // little before the wall clock reaches its end: a slot with no early allowance is then still busy.
    const early = async (ms: number) => later(Math.max(1, ms - 1));
    await drain(
      { ...unpaced(fake.sender), paceKeys: () => [{ key: "made-up:everyone", gapMs: 1000 }] },
      early,
    );
    const times = fake.received.map((r) => r.at.getTime());
    expect(times).toHaveLength(4);
    for (const gap of gaps(times)) {
      expect(gap).toBeGreaterThanOrEqual(1000);
      // Between passes the test moves the clock 100 ms; a second gap's wait would show as 1,999.
      expect(gap).toBeLessThanOrEqual(1100);
    }
  });

  it("paces each target on its own key, and does not wait at all when the outlet sets no limit", async () => {
    await queue(["jo", "sam"], 2);
    const perTarget = createFakeSender("shell", h.clock);
    await drain({ ...unpaced(perTarget.sender), paceKeys: (_t, key) => [{ key, gapMs: 5000 }] });
    const jo = perTarget.received.filter((r) => r.target.id === "jo").map((r) => r.at.getTime());
    expect(gaps(jo)).toHaveLength(1);
    expect(gaps(jo)[0]).toBeGreaterThanOrEqual(5000);
    // Jo's and Sam's first posts did not wait for each other.
    const firsts = ["jo", "sam"].map((id) =>
      perTarget.received.find((r) => r.target.id === id)?.at.getTime(),
    );
    expect(firsts[0]).toBe(firsts[1]);

    await queue(["amira"], 3);
    const free = createFakeSender("shell", h.clock);
    const start = h.clock.now().getTime();
    await drain(unpaced(free.sender));
    expect(free.received).toHaveLength(3);
    // No pacing: only the worker's own steps between passes (one row per target per claim) pass.
    for (const r of free.received) expect(r.at.getTime() - start).toBeLessThan(5000);
  });
});

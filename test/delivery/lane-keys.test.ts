// A lane's pacing keys go side by side across batches: rows come in id order, so one batch may hold a single
// key (a mail domain), and the next batch's other keys must not wait for it to finish.

import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { Sender } from "../../src/core/outbound.ts";
import { type Outlet, unpaced } from "../../src/core/ports/chat-adapter.ts";
import type { DeliveryQueue } from "../../src/core/ports/delivery-queue.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { outboxQueue } from "../../src/store/outbox-queue.ts";
import { useHarness } from "../helpers/harness.ts";
import { createFakeSender } from "./fake-sender.ts";
import { drainUntilEmpty, queuePosts } from "./queue-posts.ts";

const h = useHarness();
const later = (ms: number) => h.clock.set(new Date(h.clock.now().getTime() + ms));
const domain = (address: string) => address.slice(address.indexOf("@") + 1);

/** One post to each address, queued in the order given (so in id order). */
const queue = (addresses: string[]) =>
  queuePosts(
    h.database.db,
    addresses.map((id) => ({
      platform: "shell",
      tenant: "local",
      kind: "person",
      id,
      title: `Post to ${id}`,
      key: `test:lane-keys:${id}`,
    })),
    h.clock.now(),
  );

describe("a lane's pacing keys", () => {
  it("sends the next batch's keys beside a batch of one key, each key still one gap apart", async () => {
    const x = [1, 2, 3, 4].map((i) => `p${i}@x.example`);
    const y = [1, 2, 3, 4].map((i) => `p${i}@y.example`);
    await queue([...x, ...y]);
    const fake = createFakeSender("shell", h.clock);
    // x's first answer is held until a y post arrives (15 s at most): only a worker that sends the next
    // batch's keys beside a slow one gets a y post out before that answer. A y post may also go before x's
    // first send itself (the two batches' slots are taken side by side); that counts too. Nothing here
    // depends on how fast it runs.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let xFirstAnswered = false;
    let yBeforeXAnswered = false;
    const sender: Sender = {
      platform: "shell",
      async send(target, payload) {
        if (domain(target.id) === "y.example") {
          yBeforeXAnswered ||= !xFirstAnswered;
          release();
        }
        const result = await fake.sender.send(target, payload);
        if (target.id === x[0]) {
          const timeout = new AbortController();
          await Promise.race([held, sleep(15_000, undefined, { signal: timeout.signal })]);
          timeout.abort();
          xFirstAnswered = true;
        }
        return result;
      },
    };
    // A plain gap per domain, as email has: sends of one domain may not overlap.
    const outlet: Outlet = {
      ...unpaced(sender),
      paceKeys: (target) => [{ key: `domain:${domain(target.id)}`, gapMs: 1000 }],
    };
    // The slots each domain was given, by the clock they were taken at: what its pacing promises. (The
    // sends' own times are no measure here: every chain's sleep moves the one fake clock for all of them.)
    const real = outboxQueue(h.database.db);
    const slots = new Map<string, number[]>();
    const queueWatched: DeliveryQueue = {
      ...real,
      async takePace(keys, now) {
        const taken = await real.takePace(keys, now);
        if (taken) for (const k of keys) slots.set(k.key, [...(slots.get(k.key) ?? []), now.getTime()]);
        return taken;
      },
    };
    const worker = createOutboxWorker({
      outlets: [outlet],
      queue: queueWatched,
      clock: h.clock,
      batch: 4,
      sleep: async (ms) => later(ms),
    });
    await drainUntilEmpty(
      h.database.db,
      () => worker.drain(),
      () => later(100),
    );
    const sent = fake.received.map((r) => r.target.id);
    expect([...sent].sort()).toEqual([...x, ...y].sort());
    // The second batch (y) went out before the first (x) had its platform's first answer.
    expect(yBeforeXAnswered).toBe(true);
    for (const d of ["x.example", "y.example"]) {
      const times = slots.get(`domain:${d}`) ?? [];
      expect(times, d).toHaveLength(4);
      for (let i = 1; i < times.length; i++)
        expect((times[i] ?? 0) - (times[i - 1] ?? 0), d).toBeGreaterThanOrEqual(1000);
    }
  });
});

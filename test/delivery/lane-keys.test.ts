// A lane's pacing keys go side by side across batches: rows come in id order, so one batch may hold a single
// key (a mail domain), and the next batch's other keys must not wait for it to finish.
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Outlet, unpaced } from "../../src/core/ports/chat-adapter.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { outboxQueue } from "../../src/store/outbox-queue.ts";
import { outbox } from "../../src/store/schema.ts";
import { useHarness } from "../helpers/harness.ts";
import { createFakeSender } from "./fake-sender.ts";
import { queuePosts } from "./queue-posts.ts";

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
    // A plain gap per domain, as email has: sends of one domain may not overlap.
    const outlet: Outlet = {
      ...unpaced(fake.sender),
      paceKeys: (target) => [{ key: `domain:${domain(target.id)}`, gapMs: 1000 }],
    };
    const worker = createOutboxWorker({
      outlets: [outlet],
      queue: outboxQueue(h.database.db),
      clock: h.clock,
      batch: 4,
      sleep: async (ms) => later(ms),
    });
    for (let i = 0; i < 50; i++) {
      await worker.drain();
      const left = await h.database.db
        .select()
        .from(outbox)
        .where(inArray(outbox.status, ["pending", "sending"]));
      if (left.length === 0) break;
      later(100);
    }
    const sent = fake.received.map((r) => r.target.id);
    expect([...sent].sort()).toEqual([...x, ...y].sort());
    // The second batch (y) started before the first (x) had finished.
    expect(sent.findIndex((id) => domain(id) === "y.example")).toBeLessThan(x.length - 1);
    for (const d of ["x.example", "y.example"]) {
      const times = fake.received.filter((r) => domain(r.target.id) === d).map((r) => r.at.getTime());
      for (let i = 1; i < times.length; i++)
        expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
    }
  });
});

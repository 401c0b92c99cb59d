// A database fault in the middle of a batch (here while taking a pacing slot) stops the lane, and every row
// it had claimed but not sent goes back to the queue at once: the rest of its batch and the batch claimed
// ahead. Left "sending", they would outlive their lease and be parked unknown, never sent.
import { describe, expect, it } from "vitest";
import type { DeliveryQueue } from "../../src/core/ports/delivery-queue.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { outboxQueue } from "../../src/store/outbox-queue.ts";
import { outbox } from "../../src/store/schema.ts";
import { useHarness } from "../helpers/harness.ts";
import { outletsFor } from "../helpers/outlets.ts";
import { createFakeSender } from "./fake-sender.ts";
import { queuePosts } from "./queue-posts.ts";

const h = useHarness();
const later = (ms: number) => h.clock.set(new Date(h.clock.now().getTime() + ms));

/** One post to each of `n` channels of one Slack workspace, in order. */
const queue = (n: number) =>
  queuePosts(
    h.database.db,
    Array.from({ length: n }, (_, i) => ({
      platform: "slack" as const,
      tenant: "T-FAULT",
      id: `C${i}`,
      title: `Post to C${i}`,
      key: `test:fault:C${i}`,
    })),
    h.clock.now(),
  );

/** The real queue, whose first pacing slot meets a database fault (the connection dropped). */
function faultingQueue(): DeliveryQueue {
  const real = outboxQueue(h.database.db);
  let faulted = false;
  return {
    ...real,
    async takePace(keys, now) {
      if (!faulted) {
        faulted = true;
        throw new Error("Connection terminated unexpectedly");
      }
      return real.takePace(keys, now);
    },
  };
}

const statuses = async () =>
  (await h.database.db.select({ status: outbox.status }).from(outbox).orderBy(outbox.id)).map(
    (r) => r.status,
  );

describe("a database fault mid-batch", () => {
  it("gives back the batch's undispatched rows and the batch claimed ahead, and all are sent later", async () => {
    await queue(6);
    const slack = createFakeSender("slack", h.clock);
    const options = {
      outlets: outletsFor(slack.sender),
      clock: h.clock,
      // Two rows a batch: the next is claimed as the first row of this one is dispatched.
      batch: 2,
      sleep: async (ms: number) => later(ms),
    };
    const faulty = createOutboxWorker({ ...options, queue: faultingQueue() });
    await expect(faulty.drain()).rejects.toThrow("Connection terminated unexpectedly");
    // Nothing left "sending": the faulted row, its batch's other row and the two claimed ahead are pending.
    expect(await statuses()).toEqual(Array(6).fill("pending"));
    expect(slack.received).toEqual([]);
    // The lease would have run out long since; every row is still sent, in order.
    later(120_000);
    await createOutboxWorker({ ...options, queue: outboxQueue(h.database.db) }).drain();
    expect(await statuses()).toEqual(Array(6).fill("sent"));
    expect(slack.received.map((r) => r.target.id)).toEqual(["C0", "C1", "C2", "C3", "C4", "C5"]);
  });
});

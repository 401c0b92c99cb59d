// A conversation's messages go strictly in the order they were queued: a row given back for later (a 429's
// Retry-After, a refused connection's backoff) holds up the rows queued after it in its conversation until
// it is sent, and holds up no other conversation.
import { describe, expect, it } from "vitest";
import { DeliveryError, type Sender } from "../../src/core/outbound.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { outboxQueue } from "../../src/store/outbox-queue.ts";
import { useHarness } from "../helpers/harness.ts";
import { outletsFor } from "../helpers/outlets.ts";
import { queuePosts } from "./queue-posts.ts";

const h = useHarness();
const later = (ms: number) => h.clock.set(new Date(h.clock.now().getTime() + ms));

/** Queues `each` posts to each of the Slack channels, post by post: A0, B0, A1, B1, ... */
const queue = (channels: string[], each: number) =>
  queuePosts(
    h.database.db,
    Array.from({ length: each }, (_, k) =>
      channels.map((id) => ({
        platform: "slack" as const,
        tenant: "T-ORDER",
        id,
        title: `${id}${k}`,
        key: `test:order:${id}:${k}`,
      })),
    ).flat(),
    h.clock.now(),
  );

const titleOf = (payload: unknown) => (payload as { card: { title: string } }).card.title;

describe("a conversation's order", () => {
  it("a row given back for later holds up its conversation's later rows until it is sent, no other", async () => {
    await queue(["A", "B"], 3);
    const q = outboxQueue(h.database.db);
    const ids = new Map<string, number>();
    const take = async () => {
      const rows = await q.claim(h.clock.now(), ["slack"], 10, 60_000);
      for (const r of rows) ids.set(titleOf(r.payload), r.id);
      return rows.map((r) => titleOf(r.payload)).sort();
    };
    // One row a conversation at a time: each one's first.
    expect(await take()).toEqual(["A0", "B0"]);
    // A0 meets a 429 and goes back for five seconds; B0 is sent.
    await q.retry(ids.get("A0") ?? 0, new Date(h.clock.now().getTime() + 5000), "rate_limited", false);
    await q.sent(ids.get("B0") ?? 0, "m-B0", h.clock.now());
    // A1 and A2 are due, but A0 is not yet: A waits, B goes on.
    expect(await take()).toEqual(["B1"]);
    await q.sent(ids.get("B1") ?? 0, "m-B1", h.clock.now());
    expect(await take()).toEqual(["B2"]);
    await q.sent(ids.get("B2") ?? 0, "m-B2", h.clock.now());
    expect(await take()).toEqual([]);
    later(5000);
    expect(await take()).toEqual(["A0"]);
    await q.sent(ids.get("A0") ?? 0, "m-A0", h.clock.now());
    expect(await take()).toEqual(["A1"]);
  });

  it("the worker sends each conversation in order when its first send is refused and retried", async () => {
    await queue(["A", "B"], 3);
    const received: string[] = [];
    let refusedOnce = false;
    const sender: Sender = {
      platform: "slack",
      async send(target, payload) {
        if (target.id === "A" && !refusedOnce) {
          refusedOnce = true;
          throw new DeliveryError("unreachable", "connect ECONNREFUSED");
        }
        received.push(titleOf(payload));
        return { messageId: `m-${received.length}` };
      },
    };
    const w = createOutboxWorker({
      outlets: outletsFor(sender),
      queue: outboxQueue(h.database.db),
      clock: h.clock,
      random: () => 0.5,
      batch: 2,
      sleep: async (ms) => later(ms),
    });
    // The pacing waits move the fake clock on past A0's one-second backoff, so one drain may send it all.
    for (let i = 0; i < 5 && received.length < 6; i++) {
      await w.drain();
      later(5000);
    }
    // Nothing of A overtook A0 while it waited out its backoff; B was not held up by it.
    expect(received.filter((t) => t.startsWith("A"))).toEqual(["A0", "A1", "A2"]);
    expect(received.filter((t) => t.startsWith("B"))).toEqual(["B0", "B1", "B2"]);
  });
});

// A lane claims its next batch in time to keep every one of its keys sending: mail domains queued in blocks
// must not sit idle, or unclaimed, while the lane's other keys still have rows. Run on an in-memory queue
// and a virtual clock, so the schedule is exact whatever the machine or database.
import { describe, expect, it } from "vitest";
import { EMAIL_PER_DOMAIN_MS } from "../../src/adapters/email/pacing.ts";
import type { Sender } from "../../src/core/outbound.ts";
import { type Outlet, unpaced } from "../../src/core/ports/chat-adapter.ts";
import type { DeliveryQueue, OutboxRow } from "../../src/core/ports/delivery-queue.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { outboxRow } from "./outbox-row.ts";

/** A clock that moves only when every task is asleep, to the earliest wake-up: a discrete-event run. */
function virtualTime(start: number) {
  let now = start;
  const sleepers: Array<{ until: number; wake: () => void }> = [];
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
  };
  return {
    clock: { now: () => new Date(now) },
    at: () => now,
    sleep: (ms: number) => new Promise<void>((wake) => sleepers.push({ until: now + ms, wake })),
    async run<T>(work: Promise<T>): Promise<T> {
      let settled = false;
      const done = work.finally(() => {
        settled = true;
      });
      done.catch(() => {});
      for (let idle = 0; !settled; ) {
        await settle();
        if (settled) break;
        sleepers.sort((a, b) => a.until - b.until);
        const first = sleepers[0];
        if (!first) {
          if (++idle > 100) throw new Error("the worker is stuck: nothing asleep and nothing done");
          continue;
        }
        now = Math.max(now, first.until);
        for (const s of sleepers.splice(0, sleepers.filter((s) => s.until <= now).length)) s.wake();
      }
      return done;
    },
  };
}

/** Each address a target of its own, in one lane, queued in the order given; a claim takes `claimMs`. */
function memoryQueue(addresses: string[], sleep: (ms: number) => Promise<void>, claimMs: number) {
  const rows = addresses.map((id, i) =>
    outboxRow(
      i + 1,
      { platform: "shell", tenant: "local", kind: "person", id, ref: null, label: id },
      "pending",
    ),
  );

  const byId = (id: number) => rows.find((r) => r.id === id) as OutboxRow;
  /** GCRA as the store keeps it: when each key's next slot is free. */
  const nextAt = new Map<string, number>();
  const queue: DeliveryQueue = {
    async lanes(now) {
      const due = rows.filter((r) => r.status === "pending" && r.notBefore <= now);
      return due.length ? [{ platform: "shell", tenant: "local", dueAt: new Date(0) }] : [];
    },
    async claim(now, _platforms, limit) {
      // A claim is a database round trip: a lane that claims only once a key needs the rows makes it wait.
      await sleep(claimMs);
      const picked = rows.filter((r) => r.status === "pending" && r.notBefore <= now).slice(0, limit);
      for (const r of picked) r.status = "sending";
      return picked.map((r) => ({ ...r }));
    },
    async takePace(keys, now) {
      const t = now.getTime();
      if (keys.some((k) => (nextAt.get(k.key) ?? 0) > t + (k.earlyMs ?? 0))) return false;
      for (const k of keys) nextAt.set(k.key, Math.max(nextAt.get(k.key) ?? 0, t) + k.gapMs);
      return true;
    },
    async holdPace() {},
    async sent(id) {
      byId(id).status = "sent";
    },
    async retry(id, notBefore) {
      Object.assign(byId(id), { status: "pending", notBefore });
    },
    async finish(id, status) {
      byId(id).status = status;
    },
    async markChannelGone() {},
    async list() {
      return [];
    },
    async requeue() {
      return false;
    },
    async drop() {
      return false;
    },
  };
  return { queue, rows };
}

const domain = (address: string) => address.slice(address.indexOf("@") + 1);

describe("a lane's claims", () => {
  // Mail domains queued half a batch at a time, round after round, so each batch brings two keys. The first
  // shape is the fan-out bench's: the lane claims ahead until batch × maxInFlight rows wait, and the last
  // domains' second rounds are still unclaimed; it must claim them as room comes. In the others a batch
  // brings keys that still have half a batch queued, and the lane must claim again as soon as one of them
  // runs low. Either way, waiting until the whole lane is down to half a batch leaves domains idle.
  it.each([
    { domains: 10, rounds: 2, maxInFlight: 8, batch: 50 },
    { domains: 6, rounds: 3, maxInFlight: 4, batch: 20 },
    { domains: 4, rounds: 6, maxInFlight: 4, batch: 20 },
  ])(
    "keeps each of $domains mail domains sending one gap apart to its last row (batch $batch)",
    async (shape) => {
      const domains = Array.from({ length: shape.domains }, (_, d) => `d${d}.example`);
      const addresses = Array.from({ length: shape.rounds }, (_, r) =>
        domains.flatMap((d) => Array.from({ length: shape.batch / 2 }, (_, k) => `p${r}-${k}@${d}`)),
      ).flat();
      const time = virtualTime(Date.parse("2026-12-07T09:00:00Z"));
      const { queue, rows } = memoryQueue(addresses, time.sleep, 50);
      const sends: Array<{ domain: string; at: number }> = [];
      const sender: Sender = {
        platform: "shell",
        async send(target) {
          sends.push({ domain: domain(target.id), at: time.at() });
          return { messageId: `m${sends.length}` };
        },
      };
      // A plain gap per domain, as email has: one domain's sends may not overlap.
      const outlet: Outlet = {
        ...unpaced(sender),
        paceKeys: (target) => [{ key: `domain:${domain(target.id)}`, gapMs: EMAIL_PER_DOMAIN_MS }],
      };
      const worker = createOutboxWorker({
        outlets: [outlet],
        queue,
        clock: time.clock,
        sleep: time.sleep,
        batch: shape.batch,
        maxInFlight: shape.maxInFlight,
      });
      await time.run(worker.drain());
      expect(rows.filter((r) => r.status !== "sent")).toEqual([]);
      expect(sends).toHaveLength(addresses.length);
      for (const d of domains) {
        const own = sends.filter((s) => s.domain === d).map((s) => s.at);
        const times = own.map((at) => at - (own[0] ?? 0));
        // One gap apart from its first send to its last: a domain left idle, or claimed late, shows a later
        // time somewhere in its row.
        expect(times, d).toEqual(
          Array.from({ length: (shape.rounds * shape.batch) / 2 }, (_, i) => i * EMAIL_PER_DOMAIN_MS),
        );
      }
    },
  );
});

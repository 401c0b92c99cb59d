// A Teams tenant's sends are kept under Teams' own count as they leave, not only as their slots are taken:
// a lock wait or a pause between slot and send must not let 31 sends reach Teams within one second.
import { describe, expect, it } from "vitest";
import { teamsOutlet } from "../../src/adapters/teams/pacing.ts";
import type { Sender } from "../../src/core/outbound.ts";
import type { DeliveryQueue } from "../../src/core/ports/delivery-queue.ts";
import { emptyReport, rowDelivery } from "../../src/delivery/row-delivery.ts";
import { outboxRow } from "./outbox-row.ts";

/** A clock that only moves when someone sleeps; sleepers wake in the order their times come. */
function fakeTime(start: number) {
  let now = start;
  return {
    clock: { now: () => new Date(now) },
    sleep: async (ms: number) => {
      const until = now + ms;
      await new Promise<void>((r) => setImmediate(r));
      now = Math.max(now, until);
    },
    at: () => now,
  };
}

const row = (id: number, conversation: string) =>
  outboxRow(id, {
    platform: "teams",
    tenant: "tenant-a",
    kind: "channel",
    id: conversation,
    ref: null,
    label: conversation,
  });

/** Most sends in any `ms` window starting at a send. */
const busiest = (times: number[], ms: number) =>
  Math.max(...times.map((s) => times.filter((t) => t >= s && t < s + ms).length));

function delivery(time: ReturnType<typeof fakeTime>) {
  const arrived: number[] = [];
  const sender: Sender = {
    platform: "teams",
    async send() {
      arrived.push(time.at());
      return { messageId: `m${arrived.length}` };
    },
  };
  // Only `sent` is reached on this path: every send succeeds.
  const queue = { sent: async () => {} } as unknown as DeliveryQueue;
  const rows = rowDelivery({
    outlets: [teamsOutlet(sender)],
    queue,
    clock: time.clock,
    sleep: time.sleep,
  });
  return { rows, arrived };
}

describe("a Teams tenant's sends as they leave", () => {
  it("lets no more than 30 reach Teams in any second when sends bunch after their slots", async () => {
    const time = fakeTime(Date.parse("2026-12-07T09:00:00Z"));
    const { rows, arrived } = delivery(time);
    const report = emptyReport();
    // Seventy sends whose slots were all taken, released at once, side by side (as overlapping sends are).
    await Promise.all(Array.from({ length: 70 }, (_, i) => rows.send(row(i + 1, `c${i}`), report)));
    expect(report.sent).toBe(70);
    expect(arrived).toHaveLength(70);
    expect(busiest(arrived, 1000)).toBe(30);
    expect(busiest(arrived, 1020)).toBe(30);
    // And no slower than that: the third group of 30 goes two windows after the first.
    expect(arrived.at(-1)).toBe((arrived[0] ?? 0) + 2 * 1020);
  });

  it("does not hold back sends that leave at the paced rate, one slot apart", async () => {
    const time = fakeTime(Date.parse("2026-12-07T09:00:00Z"));
    const { rows, arrived } = delivery(time);
    const report = emptyReport();
    const start = time.at();
    const gap = 1000 / 29;
    for (let i = 0; i < 90; i++) {
      const due = start + i * gap;
      if (due > time.at()) await time.sleep(due - time.at());
      await rows.send(row(i + 1, `c${i % 45}`), report);
    }
    expect(report.sent).toBe(90);
    for (const [i, t] of arrived.entries()) expect(t).toBeCloseTo(start + i * gap, 6);
    expect(busiest(arrived, 1000)).toBeLessThanOrEqual(30);
  });
});

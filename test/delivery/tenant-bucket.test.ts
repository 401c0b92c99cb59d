import { describe, expect, it } from "vitest";
import { outboxQueue } from "../../src/store/outbox-queue.ts";
import { useHarness } from "../helpers/harness.ts";

const h = useHarness();

describe("the tenant's token bucket", () => {
  it("lets a late taker catch up within its early allowance, never above the rate", async () => {
    const queue = outboxQueue(h.database.db);
    const key = [{ key: `bucket:${h.clock.now().getTime()}`, gapMs: 100, earlyMs: 50 }];
    const t0 = h.clock.now().getTime();
    const at = (ms: number) => new Date(t0 + ms);
    expect(await queue.takePace(key, at(0))).toBe(true); // next slot at 100
    expect(await queue.takePace(key, at(40))).toBe(false); // too early even with the allowance
    expect(await queue.takePace(key, at(60))).toBe(true); // 40 early: allowed; next at 200, not 160
    expect(await queue.takePace(key, at(130))).toBe(false);
    expect(await queue.takePace(key, at(170))).toBe(true); // next at 300
    // Try every 10 ms for two seconds: the takes stay at one per 100 ms on average.
    const taken: number[] = [];
    for (let t = 180; t < 2180; t += 10) if (await queue.takePace(key, at(t))) taken.push(t);
    expect(taken.length).toBe(20);
    for (const start of taken) {
      const inWindow = taken.filter((t) => t >= start && t < start + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(Math.floor((1000 + 50) / 100) + 1);
    }
  });
});

// Log backoff: a job failing every half second logs once, then once a minute with a count, then its recovery.
import { describe, expect, it } from "vitest";
import type { DeliveryQueue } from "../../src/core/ports/delivery-queue.ts";
import type { Clock, Store } from "../../src/core/ports.ts";
import { failureLog } from "../../src/delivery/failure-log.ts";
import { startScheduler } from "../../src/delivery/scheduler.ts";
import type { Logger } from "../../src/log.ts";

interface Line {
  level: "error" | "warn" | "info";
  fields: Record<string, unknown>;
  msg: string;
}

function fakeLogger() {
  const lines: Line[] = [];
  const at = (level: Line["level"]) => (fields: object, msg: string) =>
    lines.push({ level, fields: fields as Record<string, unknown>, msg });
  return { lines, logger: { error: at("error"), warn: at("warn"), info: at("info") } };
}

const refused = () =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("failureLog", () => {
  it("logs the first failure, then a count at most once a minute, then one line on recovery", () => {
    const { lines, logger } = fakeLogger();
    let t = 1_000_000;
    const log = failureLog({ logger, job: "outbox drain", now: () => t });
    // Two minutes of failures every half second: 240 failures.
    for (let i = 0; i < 240; i++) {
      log.failed(refused());
      t += 500;
    }
    const errors = lines.filter((l) => l.level === "error");
    expect(errors.length).toBe(2);
    expect(errors[0]?.msg).toContain("outbox drain failed");
    expect(errors[0]?.fields).toMatchObject({ job: "outbox drain", error: { code: "ECONNREFUSED" } });
    expect(errors[1]?.msg).toBe("outbox drain is still failing");
    expect(errors[1]?.fields).toMatchObject({ failures: 121, sinceLastLine: 120, failingForMs: 60_000 });
    log.succeeded();
    log.succeeded();
    const recovered = lines.filter((l) => l.level === "warn");
    expect(recovered).toHaveLength(1);
    expect(recovered[0]?.msg).toBe("outbox drain recovered after 240 failed runs");
    expect(recovered[0]?.fields).toMatchObject({ failures: 240, failedForMs: 120_000 });
  });

  it("starts afresh after a recovery: the next outage logs its first failure again", () => {
    const { lines, logger } = fakeLogger();
    const log = failureLog({ logger, job: "schedule tick", now: () => 0 });
    log.failed(refused());
    log.succeeded();
    log.failed(refused());
    expect(lines.map((l) => l.msg)).toEqual([
      expect.stringContaining("schedule tick failed"),
      "schedule tick recovered after 1 failed run",
      expect.stringContaining("schedule tick failed"),
    ]);
  });
});

describe("the scheduler while PostgreSQL is down", () => {
  it("logs one error for dozens of failed drains, and a line when the outbox answers again", async () => {
    const { lines, logger } = fakeLogger();
    let down = true;
    let claims = 0;
    // Each drain first asks the outbox which lanes have rows due.
    const queue = {
      async lanes() {
        claims++;
        if (down) throw refused();
        return [];
      },
    } as unknown as DeliveryQueue;
    const store = {
      transaction: async () => {
        if (down) throw refused();
        return { fired: 0, skipped: 0 };
      },
    } as unknown as Store;
    const clock: Clock = { now: () => new Date("2026-11-23T09:30:00Z") };
    const scheduler = startScheduler({
      store,
      queue,
      clock,
      outlets: [],
      logger: logger as unknown as Logger,
      drainEveryMs: 5,
    });
    try {
      while (claims < 30) await new Promise((r) => setTimeout(r, 5));
      const drainErrors = lines.filter((l) => l.level === "error" && l.fields.job === "outbox drain");
      expect(drainErrors).toHaveLength(1);
      down = false;
      const seen = claims;
      while (claims < seen + 3) await new Promise((r) => setTimeout(r, 5));
      const recovered = lines.filter((l) => l.level === "warn" && l.fields.job === "outbox drain");
      expect(recovered).toHaveLength(1);
      expect(recovered[0]?.fields.failures).toBeGreaterThanOrEqual(30);
    } finally {
      await scheduler.stop();
    }
  });
});

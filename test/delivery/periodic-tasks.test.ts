// The scheduler's periodic tasks come from a list: an added task runs beside the schedule tick and the
// outbox drain, with the same skip-while-running guard and failure logging.
import { describe, expect, it } from "vitest";
import type { DeliveryQueue } from "../../src/core/ports/delivery-queue.ts";
import type { Clock, Store } from "../../src/core/ports.ts";
import { type PeriodicTask, startScheduler } from "../../src/delivery/scheduler.ts";
import type { Logger } from "../../src/log.ts";

interface Line {
  level: string;
  fields: Record<string, unknown>;
  msg: string;
}

function setup(tasks: PeriodicTask[]) {
  const lines: Line[] = [];
  const at = (level: string) => (fields: object, msg: string) =>
    lines.push({ level, fields: fields as Record<string, unknown>, msg });
  const logger = { error: at("error"), warn: at("warn"), info: at("info") } as unknown as Logger;
  let ticks = 0;
  // Nothing is ever due: each tick is one transaction to ensure schedules and one to claim none.
  const store = {
    transaction: async () => {
      ticks++;
      return { fired: 0, skipped: 0, enqueued: 0, claimed: 0 };
    },
  } as unknown as Store;
  const queue = { lanes: async () => [], claim: async () => [] } as unknown as DeliveryQueue;
  const clock: Clock = { now: () => new Date("2026-11-23T09:30:00Z") };
  const scheduler = startScheduler({ store, queue, clock, outlets: [], logger, tasks });
  return { scheduler, lines, ticks: () => ticks };
}

const until = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 5));
};

describe("startScheduler({ tasks })", () => {
  it("runs an added task on its period, beside the built-in tick", async () => {
    let reviews = 0;
    const { scheduler, ticks } = setup([{ name: "faq review", every: 5, run: async () => void reviews++ }]);
    try {
      await until(() => reviews >= 3);
      expect(ticks()).toBeGreaterThan(0); // the schedule tick ran at start
    } finally {
      await scheduler.stop();
    }
  });

  it("runs a cron task on demand and at start when asked, and logs its failures under its name", async () => {
    let runs = 0;
    const { scheduler, lines } = setup([
      {
        name: "weekly export",
        every: "0 3 * * 1",
        atStart: true,
        run: async () => {
          runs++;
          throw new Error("export folder missing");
        },
      },
    ]);
    try {
      await until(() => lines.some((l) => l.level === "error")); // the run at start has failed
      await scheduler.run("weekly export");
      expect(runs).toBe(2);
      const errors = lines.filter((l) => l.level === "error");
      expect(errors).toHaveLength(1); // the second failure in a row is counted, not logged again
      expect(errors[0]?.fields).toMatchObject({ job: "weekly export" });
      await expect(scheduler.run("nothing")).rejects.toThrow('no periodic task named "nothing"');
    } finally {
      await scheduler.stop();
    }
  });

  it("refuses two tasks with one name, so logs and run() stay unambiguous", () => {
    const task = { name: "outbox drain", every: 1000, run: async () => {} };
    expect(() => setup([task])).toThrow("two periodic tasks share a name");
  });
});

// The running scheduler: node-cron is only a UTC ticker; PostgreSQL holds every schedule's next fire time
// and the outbox, so a restart or a second instance neither skips nor repeats anything.
import { schedule as cronSchedule, type ScheduledTask } from "node-cron";
import type { Sender } from "../core/outbound.ts";
import type { Clock, Store } from "../core/ports.ts";
import { DEFAULT_FIRE_OPTIONS, type FireOptions, fireDueSchedules } from "../core/schedule/fire.ts";
import type { Logger } from "../log.ts";
import { failureLog } from "./failure-log.ts";
import { createOutboxWorker, type PaceLimits } from "./outbox-worker.ts";
import type { DeliveryQueue } from "./queue.ts";

export interface SchedulerOptions {
  store: Store;
  queue: DeliveryQueue;
  clock: Clock;
  senders: Sender[];
  logger: Logger;
  fire?: FireOptions;
  pace?: PaceLimits;
  /** How often the outbox is drained between ticks. */
  drainEveryMs?: number;
  /** Housekeeping for churny tables (pruning, and VACUUM on PGlite, which has no autovacuum). */
  maintain?: () => Promise<void>;
  /** Wall-clock time for spacing repeated failure lines (the app clock may be fixed in tests). */
  logNow?: () => number;
}

export function startScheduler(opts: SchedulerOptions) {
  const worker = createOutboxWorker({
    senders: opts.senders,
    queue: opts.queue,
    clock: opts.clock,
    ...(opts.pace ? { pace: opts.pace } : {}),
    onEvent: ({ row, outcome, detail }) => {
      if (outcome !== "sent")
        opts.logger.warn(
          { outbox: row.id, kind: row.kind, target: row.target.label, outcome, detail },
          "delivery did not succeed",
        );
    },
  });
  // Each job skips a run while its previous one is still going, instead of piling up; stop() waits for
  // the ones in flight, so a send under way is recorded rather than left "sending" to become "unknown".
  const inFlight = new Set<Promise<void>>();
  // A job that fails on every run (the database is down) logs its first failure, then at most once a minute.
  const guarded = (name: string, fn: () => Promise<unknown>) => {
    let running: Promise<void> | null = null;
    const failures = failureLog({
      logger: opts.logger,
      job: name,
      ...(opts.logNow ? { now: opts.logNow } : {}),
    });
    return async () => {
      if (running) return;
      running = fn().then(
        () => failures.succeeded(),
        (err) => failures.failed(err),
      );
      inFlight.add(running);
      try {
        await running;
      } finally {
        inFlight.delete(running);
        running = null;
      }
    };
  };
  const tick = guarded("schedule tick", async () => {
    const report = await fireDueSchedules(opts.store, opts.clock, opts.fire ?? DEFAULT_FIRE_OPTIONS);
    if (report.fired || report.skipped) opts.logger.info(report, "schedules fired");
  });
  const drain = guarded("outbox drain", async () => {
    for (let pass = 0; pass < 20; pass++) if ((await worker.drainOnce()).claimed === 0) return;
  });
  const maintain = guarded("maintenance", async () => opts.maintain?.());
  const tasks: ScheduledTask[] = [
    cronSchedule("* * * * *", tick, { timezone: "Etc/UTC" }),
    cronSchedule("17 * * * *", maintain, { timezone: "Etc/UTC" }),
  ];
  const timer = setInterval(drain, opts.drainEveryMs ?? 500);
  timer.unref();
  void tick();
  return {
    tick,
    drain,
    async stop() {
      clearInterval(timer);
      for (const t of tasks) await t.stop();
      await Promise.all(inFlight);
    },
  };
}

export type Scheduler = ReturnType<typeof startScheduler>;

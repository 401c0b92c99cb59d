// The running scheduler: node-cron is only a UTC ticker for a list of periodic tasks (fire due schedules,
// drain the outbox, and whatever the caller adds); PostgreSQL holds every schedule's next fire time and
// the outbox, so a restart or a second instance neither skips nor repeats anything.
import { createRequire } from "node:module";
import type * as NodeCron from "node-cron";
import type { ScheduledTask } from "node-cron";
import type { Outlet } from "../core/ports/chat-adapter.ts";
import type { DeliveryQueue } from "../core/ports/delivery-queue.ts";
import type { Clock, Store } from "../core/ports.ts";
import { DEFAULT_FIRE_OPTIONS, type FireOptions, fireDueSchedules } from "../core/schedule/fire.ts";
import { STANDARD_JOBS } from "../core/schedule/jobs/standard-jobs.ts";
import type { JobRegistry } from "../core/schedule/jobs.ts";
import type { Logger } from "../log.ts";
import { failureLog } from "./failure-log.ts";
import { createOutboxWorker, type OutboxWorker } from "./outbox-worker.ts";

/** Something this process does again and again, such as housekeeping; one entry in `tasks`. */
export interface PeriodicTask {
  /** Names it in logs: "schedule tick", "maintenance". */
  name: string;
  /** A cron expression, in UTC ("17 * * * *"), or a period in milliseconds for more than once a minute. */
  every: string | number;
  /** Also run once as soon as the scheduler starts. */
  atStart?: boolean;
  run(): Promise<unknown>;
}

export interface SchedulerOptions {
  store: Store;
  queue: DeliveryQueue;
  clock: Clock;
  /** Every running chat adapter (each is an outlet: its sender and pacing). */
  outlets: Outlet[];
  logger: Logger;
  /** The scheduled jobs the tick fires (default: digests and daily reminders). */
  jobs?: JobRegistry;
  /** Periodic tasks beside the schedule tick and the outbox drain, e.g. housekeeping. */
  tasks?: PeriodicTask[];
  fire?: FireOptions;
  /** How often the outbox is drained between ticks. */
  drainEveryMs?: number;
  /** Wall-clock time for spacing repeated failure lines (the app clock may be fixed in tests). */
  logNow?: () => number;
  /** How often due schedules are fired: a cron expression in UTC, or milliseconds (default each minute). */
  tickEvery?: string | number;
}

/** The two tasks every scheduler runs: fire due schedules each minute, and drain the outbox. */
function builtInTasks(opts: SchedulerOptions, worker: OutboxWorker): PeriodicTask[] {
  return [
    {
      name: "schedule tick",
      every: opts.tickEvery ?? "* * * * *",
      atStart: true,
      async run() {
        const fire = { ...(opts.fire ?? DEFAULT_FIRE_OPTIONS), jobs: opts.jobs ?? STANDARD_JOBS };
        const report = await fireDueSchedules(opts.store, opts.clock, fire);
        if (report.fired || report.skipped) opts.logger.info(report, "schedules fired");
      },
    },
    {
      name: "outbox drain",
      every: opts.drainEveryMs ?? 500,
      // Starts each lane with rows due that is not running yet; a lane then drains at its own pace.
      run: () => worker.poll(),
    },
  ];
}

/** node-cron loads when a scheduler starts (serve, the shell), not for one-shot commands that never tick. */
const cronSchedule: typeof NodeCron.schedule = (...args) =>
  (createRequire(import.meta.url)("node-cron") as typeof NodeCron).schedule(...args);

export function startScheduler(opts: SchedulerOptions) {
  const laneFailures = failureLog({
    logger: opts.logger,
    job: "outbox lane",
    ...(opts.logNow ? { now: opts.logNow } : {}),
  });
  const worker = createOutboxWorker({
    outlets: opts.outlets,
    queue: opts.queue,
    clock: opts.clock,
    onEvent: ({ row, outcome, detail }) => {
      if (outcome !== "sent")
        opts.logger.warn(
          { outbox: row.id, kind: row.kind, target: row.target.label, outcome, detail },
          "delivery did not succeed",
        );
    },
    onLaneError: (err) => laneFailures.failed(err),
  });
  // Each task skips a run while its previous one is still going, instead of piling up; stop() waits for
  // the ones in flight, so a send under way is recorded rather than left "sending" to become "unknown".
  const inFlight = new Set<Promise<void>>();
  // A task that fails on every run (the database is down) logs its first failure, then at most once a minute.
  const guarded = (task: PeriodicTask) => {
    let running: Promise<void> | null = null;
    const failures = failureLog({
      logger: opts.logger,
      job: task.name,
      ...(opts.logNow ? { now: opts.logNow } : {}),
    });
    return async () => {
      if (running) return;
      running = task.run().then(
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
  const tasks = [...builtInTasks(opts, worker), ...(opts.tasks ?? [])];
  const runs = new Map(tasks.map((t) => [t.name, guarded(t)] as const));
  if (runs.size < tasks.length) throw new Error("two periodic tasks share a name");
  const crons: ScheduledTask[] = [];
  const timers: NodeJS.Timeout[] = [];
  for (const task of tasks) {
    const run = runs.get(task.name) as () => Promise<void>;
    if (typeof task.every === "string") crons.push(cronSchedule(task.every, run, { timezone: "Etc/UTC" }));
    else timers.push(setInterval(run, task.every).unref());
    if (task.atStart) void run();
  }
  return {
    /** Runs a task now (unless it is already running), e.g. "schedule tick". */
    async run(name: string): Promise<void> {
      const run = runs.get(name);
      if (!run) throw new Error(`no periodic task named "${name}"`);
      await run();
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      for (const c of crons) await c.stop();
      await Promise.all(inFlight);
      await worker.stop();
    },
  };
}

export type Scheduler = ReturnType<typeof startScheduler>;

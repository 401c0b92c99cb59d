// Wires delivery for each way Quorum runs: the server's scheduler over every running adapter, and the
// shell's after-each-command delivery of notifications to people on the terminal.
import { shellOutlet } from "../adapters/shell/shell-sender.ts";
import type { App } from "../app.ts";
import type { ChatAdapter } from "../core/ports/chat-adapter.ts";
import { DEFAULT_FIRE_OPTIONS } from "../core/schedule/fire.ts";
import { STANDARD_JOBS } from "../core/schedule/jobs/standard-jobs.ts";
import { createOutboxWorker } from "../delivery/outbox-worker.ts";
import { type Scheduler, startScheduler } from "../delivery/scheduler.ts";
import type { Logger } from "../log.ts";
import { maintain } from "../store/maintenance.ts";

export function startServerDelivery(app: App, adapters: ChatAdapter[], logger: Logger): Scheduler {
  // Notifications for people known only from the shell cannot reach anyone from a server: log them.
  const shell = shellOutlet((text) => logger.info({ text }, "notification for a shell-only user"));
  return startScheduler({
    store: app.store,
    queue: app.queue,
    clock: app.clock,
    outlets: [...adapters, shell],
    logger,
    jobs: STANDARD_JOBS,
    // People on no chat get their reminders and emailed digests only when an email adapter runs.
    fire: { ...DEFAULT_FIRE_OPTIONS, reach: { email: adapters.some((a) => a.platform === "email") } },
    tasks: [
      // Housekeeping for churny tables (pruning, and VACUUM on PGlite, which has no autovacuum).
      { name: "maintenance", every: "17 * * * *", run: () => maintain(app.database, app.clock.now()) },
    ],
  });
}

/** Delivers what the last command queued for shell users, printing it. */
export function shellDelivery(app: App, write: (text: string) => void): () => Promise<void> {
  const worker = createOutboxWorker({
    outlets: [shellOutlet(write)],
    queue: app.queue,
    clock: app.clock,
  });
  return async () => {
    while ((await worker.drainOnce()).claimed > 0) {}
  };
}

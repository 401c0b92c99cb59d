// Delivery while the shell is open, as a server runs it: the scheduler fires due digests and reminders
// and drains the outbox through the shell's Sender; each command's own posts go out as soon as it is answered.
import type { App } from "../app.ts";
import type { Outlet } from "../core/ports/chat-adapter.ts";
import { STANDARD_JOBS } from "../core/schedule/jobs/standard-jobs.ts";
import { createOutboxWorker } from "../delivery/outbox-worker.ts";
import { startScheduler } from "../delivery/scheduler.ts";
import type { Logger } from "../log.ts";
import { maintain } from "../store/maintenance.ts";

export interface ShellDelivery {
  /** Delivers now what the last command queued (`digest now`, an action assigned to someone). */
  afterEach(): Promise<void>;
  /** Stops the scheduler, waiting for a send under way so it is recorded, not left "sending". */
  stop(): Promise<void>;
}

export function startShellDelivery(
  app: App,
  outlet: Outlet,
  logger: Logger,
  opts: { tickEvery?: string | number } = {},
): ShellDelivery {
  const scheduler = startScheduler({
    store: app.store,
    queue: app.queue,
    clock: app.clock,
    // Only the shell's own posts: Slack and Teams rows wait in the outbox for the server that can send them.
    outlets: [outlet],
    logger,
    jobs: STANDARD_JOBS,
    // The server's housekeeping too: PGlite has no autovacuum, and an open shell may be its only process.
    tasks: [{ name: "maintenance", every: "17 * * * *", run: () => maintain(app.database, app.clock.now()) }],
    ...(opts.tickEvery !== undefined ? { tickEvery: opts.tickEvery } : {}),
  });
  const worker = createOutboxWorker({ outlets: [outlet], queue: app.queue, clock: app.clock });
  return {
    async afterEach() {
      while ((await worker.drainOnce()).claimed > 0) {}
    },
    stop: () => scheduler.stop(),
  };
}

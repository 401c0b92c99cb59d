// Wires the database, migrations, store and core together for the CLI and the servers.

import type { DeliveryQueue } from "./core/ports/delivery-queue.ts";
import type { Clock, Store } from "./core/ports.ts";
import { withPublicAddress } from "./core/public-links.ts";
import { createQuorum, type Quorum } from "./core/quorum.ts";
import type { RateLimits } from "./core/rate-limits.ts";
import type { Reach } from "./core/reach/ports.ts";
import { commandName, eventIds, safeError } from "./error-log.ts";
import type { Logger } from "./log.ts";
import { cachedStore } from "./store/drizzle-store.ts";
import { runMigrations } from "./store/migrate.ts";
import { type Database, openDatabase } from "./store/open-database.ts";
import { outboxQueue } from "./store/outbox-queue.ts";

export interface App {
  database: Database;
  store: Store;
  /** The outbox as delivery workers see it. */
  queue: DeliveryQueue;
  quorum: Quorum;
  clock: Clock;
  close(): Promise<void>;
}

export const systemClock: Clock = { now: () => new Date() };

export interface AppOptions {
  logger: Logger;
  clock?: Clock;
  /** Per-minute command and enrolment limits (config); unset ones take the core's defaults. */
  rateLimits?: Partial<RateLimits>;
  /** QUORUM_PUBLIC_URL: where links in replies (a group's shared page) point; unset, replies say how to set it. */
  publicUrl?: string | undefined;
  /** Whether this installation sends email (SMTP_URL set): notices to people may then go by email. */
  reach?: Reach;
}

export async function openApp(opts: AppOptions & { databaseUrl: string | undefined }): Promise<App> {
  const database = await openDatabase(opts.databaseUrl, { logger: opts.logger });
  await runMigrations(database);
  return appFromDatabase(database, opts);
}

/** Builds the app over an open, migrated database (tests hand in their own). */
export function appFromDatabase(database: Database, opts: AppOptions): App {
  const { store } = cachedStore(database);
  const clock = opts.clock ?? systemClock;
  const core: Quorum = createQuorum({
    store,
    clock,
    ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}),
    ...(opts.reach ? { reach: opts.reach } : {}),
    // Ids only: the text is the person's.
    onRateLimited: ({ key, limit, event }) =>
      opts.logger.warn(
        { key, limit, platform: event.platform },
        "rate limit reached; refusing until the minute ends",
      ),
    // The command's name and ids only: what people type (and a failed query's parameters) stays out of logs.
    onUnexpected: (err, event) =>
      opts.logger.error(
        { error: safeError(err), command: commandName(core.commands, event), ...eventIds(event) },
        "command failed unexpectedly",
      ),
  });
  const quorum = withPublicAddress(core, opts.publicUrl);
  return { database, store, queue: outboxQueue(database.db), quorum, clock, close: () => database.close() };
}

// Housekeeping for the churny tables: forget old event ids, pacing slots and rate-limit windows, trim
// delivered messages, and VACUUM on PGlite, which has no autovacuum.
import { sql } from "drizzle-orm";
import type { Database } from "./open-database.ts";

/** Platforms stop retrying an event within minutes; a day is ample. */
const EVENT_MEMORY_MS = 24 * 3600_000;
/** Delivered messages are kept a month for `quorum outbox` and support questions. */
const SENT_KEEP_MS = 30 * 24 * 3600_000;
/** Rate-limit windows last a minute; a few spare minutes cover instances whose clocks disagree a little. */
const RATE_WINDOW_KEEP_MS = 10 * 60_000;
/** A minutes preview lives a day; kept a week after that so a late click is told it expired. */
const MINUTES_PREVIEW_KEEP_MS = 7 * 24 * 3600_000;

export async function maintain(database: Database, now: Date): Promise<void> {
  const iso = (ms: number) => new Date(now.getTime() - ms).toISOString();
  await database.db.execute(
    sql`delete from processed_events where received_at < ${iso(EVENT_MEMORY_MS)}::timestamptz`,
  );
  await database.db.execute(
    sql`delete from outbox where status = 'sent' and sent_at < ${iso(SENT_KEEP_MS)}::timestamptz`,
  );
  await database.db.execute(sql`delete from target_pace where next_at < ${iso(3600_000)}::timestamptz`);
  await database.db.execute(
    sql`delete from rate_limits where window_start < ${iso(RATE_WINDOW_KEEP_MS)}::timestamptz`,
  );
  await database.db.execute(
    sql`delete from minutes_previews where expires_at < ${iso(MINUTES_PREVIEW_KEEP_MS)}::timestamptz`,
  );
  if (database.kind === "pglite") {
    for (const table of ["processed_events", "outbox", "target_pace", "schedules", "rate_limits"]) {
      await database.db.execute(sql.raw(`vacuum ${table}`));
    }
  }
}

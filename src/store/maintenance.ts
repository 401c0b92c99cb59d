// Housekeeping for the churny tables: forget old event ids, pacing slots and rate-limit windows, trim
// delivered messages, and VACUUM on PGlite, which has no autovacuum.
import { sql } from "drizzle-orm";
import type { Database } from "./open-database.ts";

/** Platforms stop retrying an event within minutes; a day is ample. */
const EVENT_MEMORY_MS = 24 * 3600_000;
/** Longer than the longest an email link may last (30 days): its single use is remembered all its life. */
const EMAIL_LINK_CLAIM_MS = 31 * 24 * 3600_000;
/** Delivered messages are kept a month for `quorum outbox` and support questions. */
const SENT_KEEP_MS = 30 * 24 * 3600_000;
/** Rate-limit windows last a minute; a few spare minutes cover instances whose clocks disagree a little. */
const RATE_WINDOW_KEEP_MS = 10 * 60_000;
/** A minutes preview lives a day; kept a week after that so a late click is told it expired. */
const MINUTES_PREVIEW_KEEP_MS = 7 * 24 * 3600_000;

export async function maintain(database: Database, now: Date): Promise<void> {
  const iso = (ms: number) => new Date(now.getTime() - ms).toISOString();
  // An email link's claim must outlive the link (QUORUM_EMAIL_LINK_DAYS, at most 30), or a used link would
  // work again once its claim was forgotten.
  await database.db.execute(
    sql`delete from processed_events where received_at < ${iso(EVENT_MEMORY_MS)}::timestamptz
      and not (platform = 'email' and event_id like 'link:%')`,
  );
  await database.db.execute(
    sql`delete from processed_events where platform = 'email' and event_id like 'link:%'
      and received_at < ${iso(EMAIL_LINK_CLAIM_MS)}::timestamptz`,
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

// Fixed-window hit counters in PostgreSQL: one upsert statement per hit, so every instance counts the same.
import { type SQL, sql } from "drizzle-orm";
import type { EventClaim, RateKey, RateLimitRepo } from "../../core/ports.ts";
import type { Db } from "../open-database.ts";
import { preparedRows } from "./prepared.ts";
import { UNFLUSHED } from "./unflushed.ts";

type CountsRow = Record<string, number | string | boolean | null>;

/**
 * `lone`: each hit is a statement of its own (Store.autocommit), so it may commit unflushed (unflushed.ts).
 * Prepared on PostgreSQL: every inbound command sends one, and its text depends only on how many keys.
 */
export function rateLimitRepo(db: Db, opts: { lone?: boolean } = {}): RateLimitRepo {
  const lone = opts.lone ?? false;
  return {
    async hit(windowStart, keys) {
      if (keys.length === 0) return [];
      const from = lone ? UNFLUSHED : undefined;
      const [row] = await preparedRows<CountsRow>(db, hitChain(windowStart.toISOString(), keys, from));
      return countsOf(row, keys);
    },
    async hitOnce(claim, windowStart, keys) {
      const at = windowStart.toISOString();
      const statement = claim
        ? claimThenHit(claim, at, keys, lone)
        : hitChain(at, keys, lone ? UNFLUSHED : undefined, [], [DIRECTORY_VERSION]);
      const [row] = await preparedRows<CountsRow>(db, statement);
      const claimed = claim ? row?.claimed === true : true;
      const version = row?.directory_version;
      return {
        claimed,
        counts: claimed ? countsOf(row, keys) : [],
        ...(version === null || version === undefined ? {} : { seen: { directoryVersion: Number(version) } }),
      };
    },
  };
}

function countsOf(row: CountsRow | undefined, keys: RateKey[]): number[] {
  const counts: number[] = [];
  for (const [i] of keys.entries()) {
    const n = row?.[`c${i}`];
    if (n === null || n === undefined) break;
    counts.push(Number(n));
  }
  return counts;
}

/**
 * One statement: a chain of data-modifying CTEs, each an insert-or-increment (`on conflict do update`
 * takes the row lock, so concurrent hits queue and each sees the previous count). Step i runs only when
 * step i-1's new count is within its limit, so a refused hit leaves later counters alone. Step 0 takes its
 * one row from `from` when given (the unflushed setting, or a claim that must be new), else from values.
 */
function hitChain(
  windowStart: string,
  keys: RateKey[],
  from: SQL | undefined,
  ahead: SQL[] = [],
  also: SQL[] = [],
): SQL {
  const steps = keys.map((k, i) => {
    const source =
      i === 0
        ? from
          ? sql`select ${k.key}::text, ${windowStart}::timestamptz, 1 from ${from}`
          : sql`values (${k.key}::text, ${windowStart}::timestamptz, 1)`
        : sql`select ${k.key}::text, ${windowStart}::timestamptz, 1 from ${step(i - 1)} where ${step(i - 1)}.count <= ${keys[i - 1]?.limit ?? 0}::int`;
    return sql`${step(i)} as (insert into rate_limits (key, window_start, count) ${source}
      on conflict (key, window_start) do update set count = rate_limits.count + 1 returning count)`;
  });
  const counts = keys.map((_, i) => sql`(select count from ${step(i)}) as ${sql.raw(`c${i}`)}`);
  const ctes = [...ahead, ...steps];
  const selected = [
    ...(ahead.length > 0 ? [sql`exists (select 1 from claimed) as claimed`] : []),
    ...counts,
    ...also,
  ];
  return sql`with ${sql.join(ctes, sql`, `)} select ${sql.join(selected, sql`, `)}`;
}

/**
 * The processed-events claim as the chain's first step: its insert returns a row only when the key is new,
 * and step 0 counts from that row, so a claim taken before counts nothing (a replay is not a command).
 */
function claimThenHit(claim: EventClaim, windowStart: string, keys: RateKey[], lone: boolean): SQL {
  const source = lone
    ? sql`select ${claim.platform}::text, ${claim.key}::text from ${UNFLUSHED}`
    : sql`values (${claim.platform}::text, ${claim.key}::text)`;
  const claimed = sql`claimed as (insert into processed_events (platform, event_id) ${source}
    on conflict do nothing returning event_id)`;
  return hitChain(windowStart, keys, sql`claimed`, [claimed], [DIRECTORY_VERSION]);
}

/**
 * The directory's version, read in the same round trip for the event's transaction to take as its own
 * (core/ports.ts ReadPoint): the statement runs after the event arrived, so it is as fresh as a read in
 * the transaction, and PostgreSQL then sends one statement fewer per command (directory-cache.ts).
 */
const DIRECTORY_VERSION = sql`(select version from directory_version where id = 1) as directory_version`;

const step = (i: number) => sql.raw(`h${i}`);

// Fixed-window hit counters in PostgreSQL: one upsert statement per hit, so every instance counts the same.
import { type Placeholder, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { EventClaim, RateKey, RateLimitRepo } from "../../core/ports.ts";
import type { Db } from "../open-database.ts";
import { type BuiltStatements, binder, runBuilt } from "./built-once.ts";
import { UNFLUSHED } from "./unflushed.ts";

type CountsRow = Record<string, number | string | boolean | null>;

/**
 * `lone`: each hit is a statement of its own (Store.autocommit), so it may commit unflushed (unflushed.ts).
 * Prepared on PostgreSQL, and built once per shape (built-once.ts): every inbound command sends one.
 */
export function rateLimitRepo(db: Db, opts: { lone?: boolean } = {}): RateLimitRepo {
  const lone = opts.lone ?? false;
  return {
    async hit(windowStart, keys) {
      if (keys.length === 0) return [];
      const [row] = await counting(db, { lone, version: false }, { windowStart, keys });
      return countsOf(row, keys);
    },
    async hitOnce(claim, windowStart, keys) {
      const [row] = await counting(db, { lone, version: true }, { claim, windowStart, keys });
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

/** What a counting statement's text depends on, besides whether it claims and how many keys it counts. */
interface Shape {
  lone: boolean;
  /** Also read the directory's version (hitOnce). */
  version: boolean;
}

/** One hit's values, bound at each run. */
interface Hit {
  claim?: EventClaim | undefined;
  windowStart: Date;
  keys: RateKey[];
}

const statements: BuiltStatements = new Map();

/** Runs the counting statement of this shape, built on its first use, with this hit's values. */
function counting(db: Db, shape: Shape, hit: Hit): Promise<CountsRow[]> {
  const { keys } = hit;
  const { bind, values } = binder();
  const at = bind("at", hit.windowStart.toISOString());
  const bound = keys.map((k, i) => ({ key: bind(`k${i}`, k.key), limit: bind(`l${i}`, k.limit) }));
  const claim = hit.claim && {
    platform: bind("platform", hit.claim.platform),
    key: bind("event", hit.claim.key),
  };
  const columns = [
    ...(claim ? ["claimed"] : []),
    ...keys.map((_, i) => `c${i}`),
    ...(shape.version ? ["directory_version"] : []),
  ];
  const name = `${shape.lone ? "lone" : "tx"}:${claim ? "claim" : "-"}:${shape.version ? "v" : "-"}:${keys.length}`;
  const build = () => {
    const also = shape.version ? [DIRECTORY_VERSION] : [];
    const from = shape.lone ? UNFLUSHED : undefined;
    const statement = claim
      ? claimThenHit(claim, at, bound, from, also)
      : hitChain(at, bound, from, [], also);
    return dialect.sqlToQuery(statement);
  };
  return runBuilt(db, statements, name, build, values, (row) =>
    Object.fromEntries(columns.map((c, i) => [c, row[i] as CountsRow[string]])),
  );
}

/** A key and its limit, as placeholders. */
interface BoundKey {
  key: Placeholder;
  limit: Placeholder;
}

/**
 * One statement: a chain of data-modifying CTEs, each an insert-or-increment (`on conflict do update`
 * takes the row lock, so concurrent hits queue and each sees the previous count). Step i runs only when
 * step i-1's new count is within its limit, so a refused hit leaves later counters alone. Step 0 takes its
 * one row from `from` when given (the unflushed setting, or a claim that must be new), else from values.
 */
function hitChain(
  windowStart: Placeholder,
  keys: BoundKey[],
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
        : sql`select ${k.key}::text, ${windowStart}::timestamptz, 1 from ${step(i - 1)} where ${step(i - 1)}.count <= ${keys[i - 1]?.limit}::int`;
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
function claimThenHit(
  claim: { platform: Placeholder; key: Placeholder },
  windowStart: Placeholder,
  keys: BoundKey[],
  from: SQL | undefined,
  also: SQL[],
): SQL {
  const source = from
    ? sql`select ${claim.platform}::text, ${claim.key}::text from ${from}`
    : sql`values (${claim.platform}::text, ${claim.key}::text)`;
  const claimed = sql`claimed as (insert into processed_events (platform, event_id) ${source}
    on conflict do nothing returning event_id)`;
  return hitChain(windowStart, keys, sql`claimed`, [claimed], also);
}

/**
 * The directory's version, read in the same round trip for the event's transaction to take as its own
 * (core/ports.ts ReadPoint): the statement runs after the event arrived, so it is as fresh as a read in
 * the transaction, and PostgreSQL then sends one statement fewer per command (directory-cache.ts).
 */
const DIRECTORY_VERSION = sql`(select version from directory_version where id = 1) as directory_version`;

const step = (i: number) => sql.raw(`h${i}`);
const dialect = new PgDialect();

// Fixed-window hit counters in PostgreSQL: one upsert statement per hit, so every instance counts the same.
import { type SQL, sql } from "drizzle-orm";
import type { RateKey, RateLimitRepo } from "../../core/ports.ts";
import type { Db } from "../open-database.ts";
import { rowsOf, UNFLUSHED } from "./unflushed.ts";

/** `lone`: each hit is a statement of its own (Store.autocommit), so it may commit unflushed (unflushed.ts). */
export function rateLimitRepo(db: Db, opts: { lone?: boolean } = {}): RateLimitRepo {
  return {
    async hit(windowStart, keys) {
      if (keys.length === 0) return [];
      const result = await db.execute(hitChain(windowStart.toISOString(), keys, opts.lone ?? false));
      const [row] = rowsOf<Record<string, number | string | null>>(result);
      const counts: number[] = [];
      for (const [i] of keys.entries()) {
        const n = row?.[`c${i}`];
        if (n === null || n === undefined) break;
        counts.push(Number(n));
      }
      return counts;
    },
  };
}

/**
 * One statement: a chain of data-modifying CTEs, each an insert-or-increment (`on conflict do update`
 * takes the row lock, so concurrent hits queue and each sees the previous count). Step i runs only when
 * step i-1's new count is within its limit, so a refused hit leaves later counters alone.
 */
function hitChain(windowStart: string, keys: RateKey[], lone: boolean): SQL {
  const steps = keys.map((k, i) => {
    const source =
      i === 0
        ? lone
          ? sql`select ${k.key}::text, ${windowStart}::timestamptz, 1 from ${UNFLUSHED}`
          : sql`values (${k.key}::text, ${windowStart}::timestamptz, 1)`
        : sql`select ${k.key}::text, ${windowStart}::timestamptz, 1 from ${step(i - 1)} where ${step(i - 1)}.count <= ${keys[i - 1]?.limit ?? 0}::int`;
    return sql`${step(i)} as (insert into rate_limits (key, window_start, count) ${source}
      on conflict (key, window_start) do update set count = rate_limits.count + 1 returning count)`;
  });
  const counts = keys.map((_, i) => sql`(select count from ${step(i)}) as ${sql.raw(`c${i}`)}`);
  return sql`with ${sql.join(steps, sql`, `)} select ${sql.join(counts, sql`, `)}`;
}

const step = (i: number) => sql.raw(`h${i}`);

// Enqueues outbox rows in one statement with two parameters however many there are: the rows as one JSON
// array, and their payloads, each distinct one once (a group's digest goes to each of its channels alike).
import { sql } from "drizzle-orm";
import type { NewOutboxMessage } from "../../core/ports.ts";
import type { Db } from "../open-database.ts";

/**
 * Inserts the messages in their order, skipping any whose dedupe key is already queued; returns how many
 * were new. 1,000 rows as a multi-row VALUES were 10,000 bound parameters, each mapped by the ORM and
 * each payload parsed by the server on its own: this sends ~1/10 the bytes and binds two. Absent
 * notBefore and createdAt take now(), as the columns' defaults would.
 */
export async function insertOutbox(db: Db, list: NewOutboxMessage[]): Promise<number> {
  if (list.length === 0) return 0;
  const payloadAt = new Map<string, number>();
  const payloads: string[] = [];
  const rows = list.map((m) => {
    const payload = JSON.stringify(m.payload);
    let at = payloadAt.get(payload);
    if (at === undefined) {
      at = payloads.length;
      payloads.push(payload);
      payloadAt.set(payload, at);
    }
    return {
      partnership_id: m.partnershipId,
      dedupe_key: m.dedupeKey,
      kind: m.kind,
      platform: m.platform,
      target: m.target,
      target_key: targetKeyOf(m.platform, m.target),
      payload_at: at,
      // toISOString, not JSON's null, for an invalid date: it fails here as it did as a bound parameter.
      not_before: m.notBefore?.toISOString() ?? null,
      created_at: m.createdAt?.toISOString() ?? null,
      expires_at: m.expiresAt?.toISOString() ?? null,
    };
  });
  const result = await db.execute(sql`
    with given as (select ${`[${payloads.join(",")}]`}::jsonb as payloads)
    insert into outbox (partnership_id, dedupe_key, kind, platform, target, target_key, payload,
                        not_before, created_at, expires_at)
    select (r->>'partnership_id')::int, r->>'dedupe_key', r->>'kind', r->>'platform', r->'target',
           r->>'target_key', given.payloads->((r->>'payload_at')::int),
           coalesce((r->>'not_before')::timestamptz, now()), coalesce((r->>'created_at')::timestamptz, now()),
           (r->>'expires_at')::timestamptz
    from given, jsonb_array_elements(${JSON.stringify(rows)}::jsonb) with ordinality as each(r, n)
    order by each.n
    on conflict (dedupe_key) do nothing
    returning id`);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows).length;
}

/** The unit a platform rate-limits: one channel or conversation (or user, for direct messages). */
export function targetKeyOf(platform: string, target: Record<string, unknown>): string {
  return `${platform}:${String(target.tenant ?? "")}:${String(target.id ?? "")}`;
}

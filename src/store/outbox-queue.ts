// PostgreSQL implementation of the delivery queue: SKIP LOCKED claims, lease expiry, and pacing slots
// advanced with a compare-and-set so every instance shares one rate limit per target.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { forgetChannel } from "../core/directory/channels.ts";
import type { DeliveryTarget, OutboundPayload } from "../core/outbound.ts";
import type { DeliveryQueue, OutboxRow, OutboxStatus } from "../core/ports/delivery-queue.ts";
import type { Platform } from "../core/types.ts";
import { reposFor } from "./drizzle-store.ts";
import type { Db } from "./open-database.ts";
import { retargetRow } from "./retarget.ts";
import { outbox, targetPace } from "./schema.ts";

type Row = typeof outbox.$inferSelect;

const toRow = (r: Row): OutboxRow => ({
  id: r.id,
  partnershipId: r.partnershipId,
  kind: r.kind,
  platform: r.platform as Platform,
  target: r.target as unknown as DeliveryTarget,
  targetKey: r.targetKey,
  payload: r.payload as unknown as OutboundPayload,
  status: r.status as OutboxStatus,
  attempts: r.attempts,
  notBefore: r.notBefore,
  lastError: r.lastError,
  messageId: r.messageId,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt,
});

/** Rows from db.execute: postgres.js returns an array, PGlite an object with rows. */
const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);

const inList = (platforms: Platform[]) =>
  sql.join(
    platforms.map((p) => sql`${p}`),
    sql`, `,
  );

/** Rows whose lease ran out mid-send become "unknown": they may or may not have arrived. */
async function expireLeases(db: Db, now: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ status: "unknown", lastError: "lease expired while sending: it may or may not have arrived" })
    .where(and(eq(outbox.status, "sending"), sql`${outbox.leaseUntil} < ${now.toISOString()}::timestamptz`));
}

export function outboxQueue(db: Db): DeliveryQueue {
  return {
    async lanes(now, platforms) {
      if (platforms.length === 0) return [];
      await expireLeases(db, now);
      // A loose index scan over outbox_lane_due: one index probe a lane, however many rows are pending.
      const result = await db.execute(sql`
        with recursive lanes as (
          (select platform, target->>'tenant' as tenant from outbox
           where status = 'pending' order by platform, target->>'tenant' limit 1)
          union all
          select next.platform, next.tenant from lanes, lateral (
            select o.platform, o.target->>'tenant' as tenant from outbox o
            where o.status = 'pending' and (o.platform, o.target->>'tenant') > (lanes.platform, lanes.tenant)
            order by o.platform, o.target->>'tenant' limit 1
          ) next
        )
        select lanes.platform, lanes.tenant, (
          select min(o.not_before) from outbox o
          where o.status = 'pending' and o.platform = lanes.platform and o.target->>'tenant' = lanes.tenant
        ) as due_at
        from lanes where lanes.platform in (${inList(platforms)})`);
      return rowsOf<{ platform: Platform; tenant: string; due_at: string | Date }>(result).map((r) => ({
        platform: r.platform,
        tenant: r.tenant,
        dueAt: new Date(r.due_at),
      }));
    },
    async claim(now, platforms, limit, leaseMs, lane) {
      if (platforms.length === 0 || (lane && !platforms.includes(lane.platform))) return [];
      return db.transaction(async (tx) => {
        if (!lane) await expireLeases(tx as unknown as Db, now);
        const lease = new Date(now.getTime() + leaseMs).toISOString();
        // Read in (not_before, id) order from an index and stop at `limit`: no scan of the backlog. A row goes
        // only while it is first of its target (no pending row of the target has a smaller id; one probe of
        // outbox_target_head) and nothing of its target is being sent, so a conversation's messages go in
        // order even across instances. Its not_before says only whether that first row is due: a row given
        // back for later (a 429, a backoff) holds up the rows queued after it, which must not overtake it.
        const which = lane
          ? sql`o.platform = ${lane.platform} and o.target->>'tenant' = ${lane.tenant}`
          : sql`o.platform in (${inList(platforms)})`;
        const result = await tx.execute(sql`
          with picked as (
            select o.id from outbox o
            where o.status = 'pending' and ${which} and o.not_before <= ${now.toISOString()}::timestamptz
              and not exists (select 1 from outbox s where s.target_key = o.target_key and s.status = 'sending')
              and not exists (
                select 1 from outbox e where e.target_key = o.target_key and e.status = 'pending' and e.id < o.id
              )
            order by o.not_before, o.id
            limit ${limit}
            for update of o skip locked
          )
          update outbox set status = 'sending', lease_until = ${lease}::timestamptz
          from picked where outbox.id = picked.id and outbox.status = 'pending'
          returning outbox.id`);
        const ids = rowsOf<{ id: number }>(result).map((r) => Number(r.id));
        if (ids.length === 0) return [];
        const rows = await tx.select().from(outbox).where(inArray(outbox.id, ids)).orderBy(asc(outbox.id));
        return rows.map(toRow);
      });
    },
    async takePace(keys, now) {
      try {
        return await db.transaction(async (tx) => {
          for (const k of keys) {
            // GCRA (a token bucket kept as one timestamp per key, shared by every instance): the slot is free
            // from next_at - earlyMs, and taking it moves next_at one gap on from where it was (or from now,
            // after an idle spell), in microseconds so fractional gaps do not drift.
            const at = sql`${now.toISOString()}::timestamptz`;
            const gap = sql`${k.gapMs}::float8 * interval '1 millisecond'`;
            const early = sql`${k.earlyMs ?? 0}::float8 * interval '1 millisecond'`;
            const taken = await tx
              .insert(targetPace)
              .values({ key: k.key, nextAt: sql`${at} + ${gap}` })
              .onConflictDoUpdate({
                target: targetPace.key,
                set: { nextAt: sql`greatest(${targetPace.nextAt}, ${at}) + ${gap}` },
                setWhere: sql`${targetPace.nextAt} <= ${at} + ${early}`,
              })
              .returning({ key: targetPace.key });
            if (taken.length === 0) throw new PaceBusy();
          }
          return true;
        });
      } catch (err) {
        if (err instanceof PaceBusy) return false;
        throw err;
      }
    },
    async holdPace(key, until) {
      await db
        .insert(targetPace)
        .values({ key, nextAt: until })
        .onConflictDoUpdate({
          target: targetPace.key,
          set: { nextAt: sql`greatest(${targetPace.nextAt}, ${until.toISOString()}::timestamptz)` },
        });
    },
    async sent(id, messageId, now) {
      await db
        .update(outbox)
        .set({ status: "sent", messageId, sentAt: now, leaseUntil: null })
        .where(eq(outbox.id, id));
    },
    async retry(id, notBefore, error, failed) {
      await db
        .update(outbox)
        .set({
          status: "pending",
          notBefore,
          leaseUntil: null,
          ...(error ? { lastError: error } : {}),
          ...(failed ? { attempts: sql`${outbox.attempts} + 1` } : {}),
        })
        .where(eq(outbox.id, id));
    },
    async finish(id, status, error) {
      await db
        .update(outbox)
        .set({ status, lastError: error, leaseUntil: null, attempts: sql`${outbox.attempts} + 1` })
        .where(eq(outbox.id, id));
    },
    async markChannelGone(row) {
      if (row.target.kind !== "channel") return;
      await db.transaction(async (tx) => {
        const repos = reposFor(tx as unknown as Db);
        const link = await repos.channels.byChannel(row.platform, row.target.tenant, row.target.id);
        if (link) await forgetChannel(repos, link);
      });
    },
    retarget: (row, platforms, now, forgetIdentity) => retargetRow(db, row, platforms, now, forgetIdentity),
    async list(statuses, limit) {
      const rows = await db
        .select()
        .from(outbox)
        .where(inArray(outbox.status, statuses))
        .orderBy(asc(outbox.id))
        .limit(limit);
      return rows.map(toRow);
    },
    async requeue(id, now) {
      const rows = await db
        .update(outbox)
        // An operator sending it again has decided it is still worth sending, stale or not.
        .set({ status: "pending", notBefore: now, attempts: 0, leaseUntil: null, expiresAt: null })
        .where(and(eq(outbox.id, id), inArray(outbox.status, ["parked", "unknown"])))
        .returning({ id: outbox.id });
      return rows.length > 0;
    },
    async drop(id) {
      const rows = await db
        .delete(outbox)
        .where(and(eq(outbox.id, id), inArray(outbox.status, ["pending", "parked", "unknown"])))
        .returning({ id: outbox.id });
      return rows.length > 0;
    },
  };
}

/** Thrown inside the pacing transaction to roll back a partly taken set of keys. */
class PaceBusy extends Error {}

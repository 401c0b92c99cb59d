// Drizzle implementations of the channel-link and outbox repositories.
import { and, asc, eq, gt, like, max, sql } from "drizzle-orm";
import type { ChannelLinkRepo, NewOutboxMessage, OutboxRepo, ProcessedEventRepo } from "../../core/ports.ts";
import type { ChannelLink, ChannelLinkStatus, Platform } from "../../core/types.ts";
import type { Db } from "../open-database.ts";
import { channelLinks, outbox, processedEvents } from "../schema.ts";
import { insertOutbox } from "./outbox-insert.ts";
import { preparedRows } from "./prepared.ts";
import { UNFLUSHED } from "./unflushed.ts";

const toLink = (r: typeof channelLinks.$inferSelect): ChannelLink => ({
  id: r.id,
  partnershipId: r.partnershipId,
  groupId: r.groupId,
  platform: r.platform as Platform,
  tenant: r.tenant,
  channelId: r.channelId,
  name: r.name,
  conversationRef: (r.conversationRef as Record<string, unknown> | null) ?? null,
  digestSchedule: r.digestSchedule,
  digestEnabled: r.digestEnabled,
  digestAllClear: r.digestAllClear,
  status: r.status as ChannelLinkStatus,
});

export function channelLinkRepo(db: Db): ChannelLinkRepo {
  return {
    async byChannel(platform, tenant, channelId) {
      const [row] = await db
        .select()
        .from(channelLinks)
        .where(
          sql`${channelLinks.platform} = ${platform} and ${channelLinks.tenant} = ${tenant} and ${channelLinks.channelId} = ${channelId}`,
        );
      return row ? toLink(row) : null;
    },
    async list(partnershipId) {
      const rows = await db
        .select()
        .from(channelLinks)
        .where(eq(channelLinks.partnershipId, partnershipId))
        .orderBy(asc(channelLinks.id));
      return rows.map(toLink);
    },
    async upsert(link) {
      const refresh = {
        status: "active",
        ...(link.name !== undefined ? { name: link.name } : {}),
        ...(link.conversationRef !== undefined ? { conversationRef: link.conversationRef } : {}),
        ...(link.groupId !== undefined ? { groupId: link.groupId } : {}),
      };
      const [row] = await db
        .insert(channelLinks)
        .values({ ...link, name: link.name ?? null, conversationRef: link.conversationRef ?? null })
        .onConflictDoUpdate({
          target: [channelLinks.platform, channelLinks.tenant, channelLinks.channelId],
          set: refresh,
        })
        .returning();
      if (!row) throw new Error("channel link upsert returned no row");
      return toLink(row);
    },
    async update(id, patch) {
      if (Object.keys(patch).length === 0) return;
      await db.update(channelLinks).set(patch).where(eq(channelLinks.id, id));
    },
  };
}

export function outboxRepo(db: Db): OutboxRepo {
  const insertMany = (list: NewOutboxMessage[]) => insertOutbox(db, list);
  return {
    enqueue: async (m) => (await insertMany([m])) > 0,
    enqueueMany: insertMany,
    async lastQueuedAt(partnershipId, keyPrefix, since) {
      const [row] = await db
        .select({ at: max(outbox.createdAt) })
        .from(outbox)
        .where(
          and(
            eq(outbox.partnershipId, partnershipId),
            gt(outbox.createdAt, since),
            // A prefix match with LIKE's wildcards escaped: keys contain ids and colons, never %.
            like(outbox.dedupeKey, `${keyPrefix.replace(/[\\%_]/g, "\\$&")}%`),
          ),
        );
      return row?.at ?? null;
    },
  };
}

/** `lone`: each claim is a statement of its own (Store.autocommit), so it may commit unflushed (unflushed.ts). */
export function processedEventRepo(db: Db, opts: { lone?: boolean } = {}): ProcessedEventRepo {
  return {
    async claim(platform, eventId) {
      if (opts.lone) {
        // Prepared on PostgreSQL: every inbound request that is not one command sends it.
        const rows = await preparedRows(
          db,
          sql`insert into processed_events (platform, event_id) select ${platform}::text, ${eventId}::text
            from ${UNFLUSHED} on conflict do nothing returning event_id`,
        );
        return rows.length > 0;
      }
      const rows = await db
        .insert(processedEvents)
        .values({ platform, eventId })
        .onConflictDoNothing()
        .returning({ eventId: processedEvents.eventId });
      return rows.length > 0;
    },
  };
}

/** Kept here too, where callers have always found it. */
export { targetKeyOf } from "./outbox-insert.ts";

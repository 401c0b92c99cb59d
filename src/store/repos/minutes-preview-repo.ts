// Drizzle implementation of the minutes previews: parsed actions waiting for their author's Create all.
import { and, desc, eq, gt } from "drizzle-orm";
import type {
  MinutesPreview,
  MinutesPreviewRepo,
  PreviewItem,
  PreviewStatus,
  UnreadLine,
} from "../../core/minutes/ports.ts";
import type { Db } from "../open-database.ts";
import { minutesPreviews } from "../schema.ts";

type Row = typeof minutesPreviews.$inferSelect;

const toPreview = (r: Row): MinutesPreview => ({
  id: r.id,
  partnershipId: r.partnershipId,
  personId: r.personId,
  meetingId: r.meetingId,
  meetingDate: r.meetingDate,
  items: r.items as PreviewItem[],
  unread: r.unread as UnreadLine[],
  status: r.status as PreviewStatus,
  refs: r.refs,
  expiresAt: r.expiresAt,
  createdAt: r.createdAt,
});

export function minutesPreviewRepo(db: Db): MinutesPreviewRepo {
  return {
    async insert(p) {
      const [row] = await db.insert(minutesPreviews).values(p).returning();
      if (!row) throw new Error("minutes preview insert returned nothing");
      return toPreview(row);
    },
    async byId(partnershipId, id) {
      const [row] = await db
        .select()
        .from(minutesPreviews)
        .where(and(eq(minutesPreviews.id, id), eq(minutesPreviews.partnershipId, partnershipId)));
      return row ? toPreview(row) : null;
    },
    async latestPending(personId, now) {
      const [row] = await db
        .select()
        .from(minutesPreviews)
        .where(
          and(
            eq(minutesPreviews.personId, personId),
            eq(minutesPreviews.status, "pending"),
            gt(minutesPreviews.expiresAt, now),
          ),
        )
        .orderBy(desc(minutesPreviews.id))
        .limit(1);
      return row ? toPreview(row) : null;
    },
    async close(id, status, refs) {
      const done = await db
        .update(minutesPreviews)
        .set({ status, refs })
        .where(and(eq(minutesPreviews.id, id), eq(minutesPreviews.status, "pending")))
        .returning({ id: minutesPreviews.id });
      return done.length === 1;
    },
    async setItems(id, items) {
      await db
        .update(minutesPreviews)
        .set({ items })
        .where(and(eq(minutesPreviews.id, id), eq(minutesPreviews.status, "pending")));
    },
  };
}

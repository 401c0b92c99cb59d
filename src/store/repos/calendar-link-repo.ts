// Drizzle implementation of the calendar links repository (tokens are stored only as their SHA-256).
import { and, eq, isNull } from "drizzle-orm";
import type { CalendarLinkRepo } from "../../core/meetings/calendar-ports.ts";
import type { Db } from "../open-database.ts";
import { calendarLinks } from "../schema.ts";

export function calendarLinkRepo(db: Db): CalendarLinkRepo {
  return {
    async insert(link) {
      await db.insert(calendarLinks).values(link);
    },
    async byHash(tokenHash) {
      const [row] = await db
        .select({
          id: calendarLinks.id,
          partnershipId: calendarLinks.partnershipId,
          groupId: calendarLinks.groupId,
          personId: calendarLinks.personId,
          revokedAt: calendarLinks.revokedAt,
        })
        .from(calendarLinks)
        .where(eq(calendarLinks.tokenHash, tokenHash));
      return row ?? null;
    },
    async revoke(groupId, personId, at) {
      const live = and(
        eq(calendarLinks.groupId, groupId),
        isNull(calendarLinks.revokedAt),
        personId === null ? undefined : eq(calendarLinks.personId, personId),
      );
      const rows = await db
        .update(calendarLinks)
        .set({ revokedAt: at })
        .where(live)
        .returning({ id: calendarLinks.id });
      return rows.length;
    },
  };
}

// Drizzle implementation of a meeting occurrence's business: agenda, apologies, decisions, papers links.
import { and, asc, count, desc, eq, gte, inArray, type SQL } from "drizzle-orm";
import type { BoardRepo, DecisionFilter, OccurrenceKey } from "../../core/meetings/ports.ts";
import type { Db } from "../open-database.ts";
import { agendaItems, apologies, decisions, papersLinks } from "../schema.ts";

type Keyed = typeof agendaItems | typeof apologies | typeof decisions | typeof papersLinks;
const at = (t: Keyed, k: OccurrenceKey) => and(eq(t.meetingId, k.meetingId), eq(t.occurrenceDate, k.date));

function decisionWhere(pid: number, f: DecisionFilter): SQL | undefined {
  return and(
    eq(decisions.partnershipId, pid),
    f.meetingIds ? inArray(decisions.meetingId, f.meetingIds.length ? f.meetingIds : [-1]) : undefined,
    f.since ? gte(decisions.occurrenceDate, f.since) : undefined,
  );
}

export function boardRepo(db: Db): BoardRepo {
  return {
    async agenda(key) {
      return db.select().from(agendaItems).where(at(agendaItems, key)).orderBy(asc(agendaItems.id));
    },
    async agendaFrom(pid, from) {
      return db
        .select()
        .from(agendaItems)
        .where(and(eq(agendaItems.partnershipId, pid), gte(agendaItems.occurrenceDate, from)))
        .orderBy(asc(agendaItems.id));
    },
    async addAgendaItem(pid, item, key) {
      const [row] = await db
        .insert(agendaItems)
        .values({ ...item, partnershipId: pid, meetingId: key.meetingId, occurrenceDate: key.date })
        .returning();
      if (!row) throw new Error("insert returned nothing");
      return row;
    },
    async removeAgendaItem(id) {
      await db.delete(agendaItems).where(eq(agendaItems.id, id));
    },
    async removeDecision(id) {
      await db.delete(decisions).where(eq(decisions.id, id));
    },
    async apologies(key) {
      return db.select().from(apologies).where(at(apologies, key)).orderBy(asc(apologies.createdAt));
    },
    async sendApologies(pid, key, personId, note) {
      const [had] = await db
        .select({ id: apologies.id })
        .from(apologies)
        .where(and(at(apologies, key), eq(apologies.personId, personId)));
      if (had) {
        await db.update(apologies).set({ note }).where(eq(apologies.id, had.id));
        return false;
      }
      await db
        .insert(apologies)
        .values({ partnershipId: pid, meetingId: key.meetingId, occurrenceDate: key.date, personId, note });
      return true;
    },
    async withdrawApologies(key, personId) {
      const gone = await db
        .delete(apologies)
        .where(and(at(apologies, key), eq(apologies.personId, personId)))
        .returning({ id: apologies.id });
      return gone.length > 0;
    },
    async decisions(key) {
      return db.select().from(decisions).where(at(decisions, key)).orderBy(asc(decisions.id));
    },
    async addDecision(pid, key, text, recordedBy) {
      const [row] = await db
        .insert(decisions)
        .values({ partnershipId: pid, meetingId: key.meetingId, occurrenceDate: key.date, text, recordedBy })
        .returning();
      if (!row) throw new Error("insert returned nothing");
      return row;
    },
    async listDecisions(pid, f) {
      return db
        .select()
        .from(decisions)
        .where(decisionWhere(pid, f))
        .orderBy(desc(decisions.occurrenceDate), asc(decisions.id))
        .limit(f.limit)
        .offset(f.offset);
    },
    async countDecisions(pid, f) {
      const [row] = await db.select({ n: count() }).from(decisions).where(decisionWhere(pid, f));
      return Number(row?.n ?? 0);
    },
    async papersLink(key) {
      const [row] = await db.select({ url: papersLinks.url }).from(papersLinks).where(at(papersLinks, key));
      return row?.url ?? null;
    },
    async papersLinksFrom(pid, from) {
      return db
        .select({
          meetingId: papersLinks.meetingId,
          occurrenceDate: papersLinks.occurrenceDate,
          url: papersLinks.url,
        })
        .from(papersLinks)
        .where(and(eq(papersLinks.partnershipId, pid), gte(papersLinks.occurrenceDate, from)));
    },
    async setPapersLink(pid, key, url, setBy) {
      if (url === null) {
        await db.delete(papersLinks).where(at(papersLinks, key));
        return;
      }
      await db
        .insert(papersLinks)
        .values({ partnershipId: pid, meetingId: key.meetingId, occurrenceDate: key.date, url, setBy })
        .onConflictDoUpdate({
          target: [papersLinks.meetingId, papersLinks.occurrenceDate],
          set: { url, setBy, updatedAt: new Date() },
        });
    },
  };
}

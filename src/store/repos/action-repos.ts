// Drizzle implementations of the action, meeting and audit repositories.
import { and, asc, count, eq, inArray, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { ActionRepo, AuditRepo, MeetingRepo } from "../../core/ports.ts";
import type { Action, ActionStatus, ActionUpdateKind, ActionView, Meeting } from "../../core/types.ts";
import type { Db } from "../open-database.ts";
import { actions, actionUpdates, auditEvents, groups, meetings, people } from "../schema.ts";
import {
  type ActionViewRow,
  actionRowByNumber,
  filterWhere,
  listActionRows,
  whereOf,
} from "./action-list-query.ts";

const toAction = (row: typeof actions.$inferSelect): Action => ({
  id: row.id,
  partnershipId: row.partnershipId,
  number: row.number,
  title: row.title,
  ownerId: row.ownerId,
  organisationId: row.organisationId,
  groupId: row.groupId,
  meetingId: row.meetingId,
  meetingDate: row.meetingDate,
  dueOn: row.dueOn,
  status: row.status as ActionStatus,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
  closedAt: row.closedAt,
});

const toMeeting = (row: typeof meetings.$inferSelect): Meeting => ({
  id: row.id,
  partnershipId: row.partnershipId,
  groupId: row.groupId,
  title: row.title,
  startsAt: row.startsAt,
  durationMinutes: row.durationMinutes,
  place: row.place,
  rrule: row.rrule,
  papersDaysBefore: row.papersDaysBefore,
  cancelledDates: row.cancelledDates,
  agenda: row.agenda,
  adjust: row.adjust === "next" || row.adjust === "previous" ? row.adjust : null,
  moves: row.moves,
});

/** The flat row of the view's statements (action-list-query.ts) to the core's ActionView. */
/**
 * Object.assign, not `{ ...toAction(row), ownerName, ... }`: on Node 20, a spread followed by properties
 * the source lacks builds a slow object, about 7 µs and 3 KB a row, and a list maps up to a hundred rows.
 */
const toView = (row: ActionViewRow): ActionView =>
  Object.assign(toAction(row), {
    ownerName: row.ownerName,
    ownerHandle: row.ownerHandle,
    orgCode: row.orgCode,
    groupSlug: row.groupSlug,
  });

export function actionRepo(db: Db): ActionRepo {
  return {
    async insert(a) {
      const [row] = await db.insert(actions).values(a).returning();
      if (!row) throw new Error("insert returned nothing");
      return toAction(row);
    },
    async byNumber(pid, n) {
      const row = await actionRowByNumber(db, pid, n);
      return row ? toView(row) : null;
    },
    async update(id, patch) {
      await db
        .update(actions)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(actions.id, id));
    },
    async list(pid, f) {
      return (await listActionRows(db, pid, f)).map(toView);
    },
    async count(pid, f) {
      const [row] = await db
        .select({ n: count() })
        .from(actions)
        .where(filterWhere(db, pid, whereOf(f)));
      return row?.n ?? 0;
    },
    async addUpdate(actionId, authorId, kind: ActionUpdateKind, text) {
      await db.insert(actionUpdates).values({ actionId, authorId, kind, text });
    },
    async updates(actionId) {
      const rows = await db
        .select({ u: actionUpdates, authorName: people.name })
        .from(actionUpdates)
        .leftJoin(people, eq(people.id, actionUpdates.authorId))
        .where(eq(actionUpdates.actionId, actionId))
        .orderBy(asc(actionUpdates.at), asc(actionUpdates.id));
      // Per row: Object.assign, not a spread then new properties (see toView).
      return rows.map(({ u, authorName }) =>
        Object.assign(u, { kind: u.kind as ActionUpdateKind, authorName }),
      );
    },
    async closingNotes(actionIds) {
      const notes = new Map<number, string>();
      if (actionIds.length === 0) return notes;
      // One query for the whole list; oldest first, so a later close (after a reopen) wins.
      const rows = await db
        .select({ actionId: actionUpdates.actionId, text: actionUpdates.text })
        .from(actionUpdates)
        .where(
          and(inArray(actionUpdates.actionId, actionIds), inArray(actionUpdates.kind, ["done", "dropped"])),
        )
        .orderBy(asc(actionUpdates.at), asc(actionUpdates.id));
      for (const r of rows) {
        if (r.text) notes.set(r.actionId, r.text);
        else notes.delete(r.actionId);
      }
      return notes;
    },
    async latestNotes(actionIds) {
      const notes = new Map<number, { text: string; at: Date }>();
      // Chunked: an export of thousands of actions must stay under the driver's parameter limit.
      for (let i = 0; i < actionIds.length; i += 5000) {
        const rows = await db
          .select({ actionId: actionUpdates.actionId, text: actionUpdates.text, at: actionUpdates.at })
          .from(actionUpdates)
          .where(
            and(
              inArray(actionUpdates.actionId, actionIds.slice(i, i + 5000)),
              inArray(actionUpdates.kind, ["note", "done", "dropped"]),
              isNotNull(actionUpdates.text),
            ),
          )
          .orderBy(asc(actionUpdates.at), asc(actionUpdates.id));
        for (const r of rows) if (r.text) notes.set(r.actionId, { text: r.text, at: r.at });
      }
      return notes;
    },
    async moveOrganisation(pid, from, to) {
      const rows = await db
        .update(actions)
        .set({ organisationId: to, updatedAt: sql`now()` })
        .where(
          and(eq(actions.partnershipId, pid), eq(actions.organisationId, from), eq(actions.status, "open")),
        )
        .returning({ id: actions.id });
      return rows.length;
    },
  };
}

/** Meetings of a partnership's groups that are not archived, first start first, narrowed by `where`. */
async function listMeetings(db: Db, pid: number, where: SQL | undefined): Promise<Meeting[]> {
  const rows = await db
    .select({ meeting: meetings })
    .from(meetings)
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .where(and(eq(meetings.partnershipId, pid), isNull(groups.archivedAt), where))
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
  return rows.map((r) => toMeeting(r.meeting));
}

export function meetingRepo(db: Db): MeetingRepo {
  return {
    async insert(m) {
      const [row] = await db.insert(meetings).values(m).returning();
      if (!row) throw new Error("insert returned nothing");
      return toMeeting(row);
    },
    async byId(pid, id) {
      const [row] = await db
        .select()
        .from(meetings)
        .where(and(eq(meetings.partnershipId, pid), eq(meetings.id, id)));
      return row ? toMeeting(row) : null;
    },
    list: (pid, groupId) =>
      listMeetings(db, pid, groupId === undefined ? undefined : eq(meetings.groupId, groupId)),
    mayMeetBetween: (pid, from, to) =>
      listMeetings(
        db,
        pid,
        or(
          sql`${meetings.moves} <> '{}'::jsonb`,
          and(
            lte(meetings.startsAt, to),
            or(
              isNotNull(meetings.rrule),
              sql`${meetings.startsAt} + ${meetings.durationMinutes} * interval '1 minute' >= ${from.toISOString()}::timestamptz`,
            ),
          ),
        ),
      ),
    async setCancelledDates(id, dates) {
      await db.update(meetings).set({ cancelledDates: dates }).where(eq(meetings.id, id));
    },
    async update(id, patch) {
      if (Object.keys(patch).length) await db.update(meetings).set(patch).where(eq(meetings.id, id));
    },
  };
}

export function auditRepo(db: Db): AuditRepo {
  return {
    async record(e) {
      await db.insert(auditEvents).values({ ...e, detail: e.detail ?? {} });
    },
    async recordMany(es) {
      // 500 rows of 6 parameters stay far below PostgreSQL's 65,535-parameter limit.
      for (let i = 0; i < es.length; i += 500)
        await db
          .insert(auditEvents)
          .values(es.slice(i, i + 500).map((e) => ({ ...e, detail: e.detail ?? {} })));
    },
  };
}

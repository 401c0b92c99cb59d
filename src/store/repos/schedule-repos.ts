// Drizzle implementation of the schedule repository: due rows are claimed with FOR UPDATE SKIP LOCKED.
import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import type { Schedule, ScheduleKind, ScheduleRepo } from "../../core/schedule/ports.ts";
import type { Db } from "../open-database.ts";
import { schedules } from "../schema.ts";

const toSchedule = (r: typeof schedules.$inferSelect): Schedule => ({
  id: r.id,
  partnershipId: r.partnershipId,
  kind: r.kind as ScheduleKind,
  subject: r.subject,
  spec: r.spec,
  nextFireAt: r.nextFireAt,
  lastFiredAt: r.lastFiredAt,
  enabled: r.enabled,
});

export function scheduleRepo(db: Db): ScheduleRepo {
  return {
    async get(kind, subject) {
      const [row] = await db
        .select()
        .from(schedules)
        .where(and(eq(schedules.kind, kind), eq(schedules.subject, subject)));
      return row ? toSchedule(row) : null;
    },
    async ensure(s) {
      await db
        .insert(schedules)
        .values(s)
        .onConflictDoNothing({ target: [schedules.kind, schedules.subject] });
    },
    async put(s) {
      await db
        .insert(schedules)
        .values(s)
        .onConflictDoUpdate({
          target: [schedules.kind, schedules.subject],
          set: { spec: s.spec, nextFireAt: s.nextFireAt, enabled: s.enabled },
        });
    },
    async claimDue(now, limit, only) {
      const known = only.kinds.length ? inArray(schedules.kind, only.kinds) : sql`false`;
      const rows = await db
        .select()
        .from(schedules)
        .where(
          and(
            eq(schedules.enabled, true),
            lte(schedules.nextFireAt, now),
            or(known, lte(schedules.nextFireAt, only.othersDueBy)),
          ),
        )
        .orderBy(asc(schedules.nextFireAt), asc(schedules.id))
        .limit(limit)
        .for("update", { skipLocked: true });
      return rows.map(toSchedule);
    },
    async advanceMany(list, lastFiredAt) {
      if (list.length === 0) return;
      const rows = sql.join(
        list.map((s) => sql`(${s.id}::int, ${s.nextFireAt.toISOString()}::timestamptz)`),
        sql`, `,
      );
      await db.execute(sql`update schedules set next_fire_at = v.next, last_fired_at = ${lastFiredAt.toISOString()}::timestamptz
        from (values ${rows}) as v(id, next) where schedules.id = v.id`);
    },
  };
}

// Drizzle implementations of the partnership, organisation and group repositories (people: person-repo.ts).
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { GroupRepo, OrganisationRepo, PartnershipRepo } from "../../core/ports.ts";
import type { Access, Group } from "../../core/types.ts";
import type { Db } from "../open-database.ts";
import { groupMembers, groups, installations, organisations, partnerships, people } from "../schema.ts";
import { chunks, toPerson } from "./person-repo.ts";

const toGroup = (row: typeof groups.$inferSelect): Group => ({
  id: row.id,
  partnershipId: row.partnershipId,
  slug: row.slug,
  name: row.name,
  theme: row.theme,
  chairId: row.chairId,
  reminders: row.reminders as Group["reminders"],
  archivedAt: row.archivedAt,
});

const partnershipColumns = {
  id: partnerships.id,
  slug: partnerships.slug,
  name: partnerships.name,
  timeZone: partnerships.timeZone,
  replyTargetDays: partnerships.replyTargetDays,
  actionReminders: partnerships.actionReminders,
  closureDays: partnerships.closureDays,
  access: sql<Access>`${partnerships.access}`,
};

export function partnershipRepo(db: Db): PartnershipRepo {
  const bump = async (id: number, column: "next_action_no" | "next_enquiry_no") => {
    const col = column === "next_action_no" ? partnerships.nextActionNo : partnerships.nextEnquiryNo;
    const [row] = await db
      .update(partnerships)
      .set({ [column === "next_action_no" ? "nextActionNo" : "nextEnquiryNo"]: sql`${col} + 1` })
      .where(eq(partnerships.id, id))
      .returning({ n: col });
    if (!row) throw new Error(`partnership ${id} vanished`);
    return row.n - 1;
  };
  return {
    byId: async (id) =>
      (await db.select(partnershipColumns).from(partnerships).where(eq(partnerships.id, id)))[0] ?? null,
    bySlug: async (slug) =>
      (await db.select(partnershipColumns).from(partnerships).where(eq(partnerships.slug, slug)))[0] ?? null,
    list: () => db.select(partnershipColumns).from(partnerships).orderBy(asc(partnerships.id)),
    async create(p) {
      const [row] = await db.insert(partnerships).values(p).returning(partnershipColumns);
      if (!row) throw new Error("insert returned nothing");
      return row;
    },
    nextActionNumber: (id) => bump(id, "next_action_no"),
    nextEnquiryNumber: (id) => bump(id, "next_enquiry_no"),
    async forInstallation(platform, tenant) {
      const rows = await db
        .select(partnershipColumns)
        .from(installations)
        .innerJoin(partnerships, eq(partnerships.id, installations.partnershipId))
        .where(and(eq(installations.platform, platform), eq(installations.tenant, tenant)));
      return rows[0] ?? null;
    },
    async setActionReminders(id, on) {
      await db.update(partnerships).set({ actionReminders: on }).where(eq(partnerships.id, id));
    },
    async setClosureDays(id, days) {
      await db.update(partnerships).set({ closureDays: days }).where(eq(partnerships.id, id));
    },
    async update(id, patch) {
      if (Object.keys(patch).length) await db.update(partnerships).set(patch).where(eq(partnerships.id, id));
    },
    async linkInstallation(partnershipId, platform, tenant) {
      await db
        .insert(installations)
        .values({ partnershipId, platform, tenant })
        .onConflictDoUpdate({
          target: [installations.platform, installations.tenant],
          set: { partnershipId },
        });
    },
  };
}

export function organisationRepo(db: Db): OrganisationRepo {
  const cols = {
    id: organisations.id,
    partnershipId: organisations.partnershipId,
    code: organisations.code,
    name: organisations.name,
    domains: organisations.domains,
    removedAt: organisations.removedAt,
  };
  return {
    list: (pid) =>
      db
        .select(cols)
        .from(organisations)
        .where(and(eq(organisations.partnershipId, pid), isNull(organisations.removedAt)))
        .orderBy(asc(organisations.code)),
    byDomain: async (pid, domain) =>
      (
        await db
          .select(cols)
          .from(organisations)
          .where(
            and(
              eq(organisations.partnershipId, pid),
              isNull(organisations.removedAt),
              sql`${domain.toLowerCase()} = any(${organisations.domains})`,
            ),
          )
          .orderBy(asc(organisations.id))
          .limit(1)
      )[0] ?? null,
    byCode: async (pid, code) =>
      (
        await db
          .select(cols)
          .from(organisations)
          .where(and(eq(organisations.partnershipId, pid), eq(organisations.code, code)))
      )[0] ?? null,
    byId: async (id) =>
      (await db.select(cols).from(organisations).where(eq(organisations.id, id)))[0] ?? null,
    async create(o) {
      const [row] = await db.insert(organisations).values(o).returning(cols);
      if (!row) throw new Error("insert returned nothing");
      return row;
    },
    async update(id, patch) {
      if (Object.keys(patch).length)
        await db.update(organisations).set(patch).where(eq(organisations.id, id));
    },
  };
}

export function groupRepo(db: Db): GroupRepo {
  return {
    list: async (pid) =>
      (
        await db
          .select()
          .from(groups)
          .where(and(eq(groups.partnershipId, pid), isNull(groups.archivedAt)))
          .orderBy(asc(groups.name))
      ).map(toGroup),
    bySlug: async (pid, slug) => {
      const [row] = await db
        .select()
        .from(groups)
        .where(and(eq(groups.partnershipId, pid), eq(groups.slug, slug)));
      return row ? toGroup(row) : null;
    },
    byId: async (id) => {
      const [row] = await db.select().from(groups).where(eq(groups.id, id));
      return row ? toGroup(row) : null;
    },
    async create(g) {
      const [row] = await db.insert(groups).values(g).returning();
      if (!row) throw new Error("insert returned nothing");
      return toGroup(row);
    },
    async addMember(groupId, personId) {
      await db.insert(groupMembers).values({ groupId, personId }).onConflictDoNothing();
    },
    async addMembers(groupId, personIds) {
      for (const chunk of chunks(personIds))
        await db
          .insert(groupMembers)
          .values(chunk.map((personId) => ({ groupId, personId })))
          .onConflictDoNothing();
    },
    async removeMember(groupId, personId) {
      const rows = await db
        .delete(groupMembers)
        .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.personId, personId)))
        .returning({ id: groupMembers.personId });
      return rows.length > 0;
    },
    async update(id, patch) {
      if (Object.keys(patch).length) await db.update(groups).set(patch).where(eq(groups.id, id));
    },
    async members(groupId) {
      const rows = await db
        .select({ person: people })
        .from(groupMembers)
        .innerJoin(people, eq(people.id, groupMembers.personId))
        .where(eq(groupMembers.groupId, groupId))
        .orderBy(asc(people.name));
      return rows.map((r) => toPerson(r.person));
    },
    async setReminders(groupId, settings) {
      await db.update(groups).set({ reminders: settings }).where(eq(groups.id, groupId));
    },
    async memberships(personId) {
      const rows = await db
        .select({ group: groups })
        .from(groupMembers)
        .innerJoin(groups, eq(groups.id, groupMembers.groupId))
        .where(and(eq(groupMembers.personId, personId), isNull(groups.archivedAt)))
        .orderBy(asc(groups.name));
      return rows.map((r) => toGroup(r.group));
    },
  };
}

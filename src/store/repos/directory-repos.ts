// Drizzle implementations of the partnership, organisation, person and group repositories.
import { and, asc, desc, eq, ilike, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type { GroupRepo, OrganisationRepo, PartnershipRepo, PersonRepo } from "../../core/ports.ts";
import type { Access, Group, Identity, Person, PersonStatus, Platform, Role } from "../../core/types.ts";
import type { Db } from "../open-database.ts";
import {
  groupMembers,
  groups,
  identities,
  installations,
  organisations,
  partnerships,
  people,
} from "../schema.ts";

/** Rows 500 at a time: a multi-row insert stays far below PostgreSQL's 65,535-parameter limit. */
function chunks<T>(all: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}

const toPerson = (row: typeof people.$inferSelect): Person => ({
  id: row.id,
  partnershipId: row.partnershipId,
  handle: row.handle,
  name: row.name,
  title: row.title,
  email: row.email,
  phone: row.phone,
  organisationId: row.organisationId,
  role: row.role as Role,
  status: row.status as PersonStatus,
});

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

export function personRepo(db: Db): PersonRepo {
  const one = async (where: SQL | undefined) => {
    const [row] = await db.select().from(people).where(where);
    return row ? toPerson(row) : null;
  };
  return {
    byId: (id) => one(eq(people.id, id)),
    byHandle: (pid, handle) => one(and(eq(people.partnershipId, pid), eq(people.handle, handle))),
    byEmail: (pid, email) =>
      one(and(eq(people.partnershipId, pid), sql`lower(${people.email}) = ${email.toLowerCase()}`)),
    async search(pid, text) {
      const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = await db
        .select()
        .from(people)
        .where(
          and(
            eq(people.partnershipId, pid),
            ne(people.status, "inactive"),
            or(ilike(people.name, pattern), ilike(people.handle, pattern)),
          ),
        )
        .orderBy(asc(people.name))
        .limit(20);
      return rows.map(toPerson);
    },
    list: async (pid) =>
      (await db.select().from(people).where(eq(people.partnershipId, pid)).orderBy(asc(people.name))).map(
        toPerson,
      ),
    async byIds(ids) {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return [];
      return (await db.select().from(people).where(inArray(people.id, unique))).map(toPerson);
    },
    async create(p) {
      const [row] = await db.insert(people).values(p).returning();
      if (!row) throw new Error("insert returned nothing");
      return toPerson(row);
    },
    async createMany(ps) {
      const made: Person[] = [];
      for (const chunk of chunks(ps))
        made.push(...(await db.insert(people).values(chunk).returning()).map(toPerson));
      return made;
    },
    async setRole(id, role) {
      await db.update(people).set({ role }).where(eq(people.id, id));
    },
    async update(id, patch) {
      if (Object.keys(patch).length) await db.update(people).set(patch).where(eq(people.id, id));
    },
    async activeAdmins(pid) {
      const rows = await db
        .select()
        .from(people)
        .where(and(eq(people.partnershipId, pid), eq(people.role, "admin"), eq(people.status, "active")))
        .orderBy(asc(people.id))
        .for("update");
      return rows.map(toPerson);
    },
    async moveOrganisation(from, to) {
      const rows = await db
        .update(people)
        .set({ organisationId: to })
        .where(and(eq(people.organisationId, from), ne(people.status, "inactive")))
        .returning({ id: people.id });
      return rows.length;
    },
    async byIdentity(platform, tenant, externalId) {
      const [row] = await db
        .select({ person: people })
        .from(identities)
        .innerJoin(people, eq(people.id, identities.personId))
        .where(
          and(
            eq(identities.platform, platform),
            eq(identities.tenant, tenant),
            eq(identities.externalId, externalId),
          ),
        );
      return row ? toPerson(row.person) : null;
    },
    async byExternalId(partnershipId, platform, externalId) {
      const [row] = await db
        .select({ person: people })
        .from(identities)
        .innerJoin(people, eq(people.id, identities.personId))
        .where(
          and(
            eq(people.partnershipId, partnershipId),
            eq(identities.platform, platform),
            eq(identities.externalId, externalId),
          ),
        )
        .limit(1);
      return row ? toPerson(row.person) : null;
    },
    async addIdentity(personId, platform, tenant, externalId, conversationRef) {
      await db
        .insert(identities)
        .values({ personId, platform, tenant, externalId, conversationRef: conversationRef ?? null })
        .onConflictDoUpdate({
          target: [identities.platform, identities.tenant, identities.externalId],
          set: { personId, ...(conversationRef ? { conversationRef } : {}) },
        });
    },
    async identities(personId) {
      return (await identitiesWhere(db, eq(identities.personId, personId))).get(personId) ?? [];
    },
    async identitiesOf(personIds) {
      if (personIds.length === 0) return new Map();
      return identitiesWhere(db, inArray(identities.personId, [...new Set(personIds)]));
    },
  };
}

/** Identities by person, each person's where they were last first: last used, else most recently linked. */
async function identitiesWhere(db: Db, where: SQL): Promise<Map<number, Identity[]>> {
  const rows = await db
    .select()
    .from(identities)
    .where(where)
    .orderBy(desc(sql`coalesce(${identities.lastUsedAt}, ${identities.createdAt})`), desc(identities.id));
  const out = new Map<number, Identity[]>();
  for (const r of rows) {
    const list = out.get(r.personId) ?? [];
    list.push({
      personId: r.personId,
      platform: r.platform as Platform,
      tenant: r.tenant,
      externalId: r.externalId,
      conversationRef: (r.conversationRef as Record<string, unknown> | null) ?? null,
    });
    out.set(r.personId, list);
  }
  return out;
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

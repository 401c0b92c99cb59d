// Drizzle implementation of the person repository: people, their handles and where they are reached.
import { and, asc, desc, eq, ilike, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import type { PersonRepo } from "../../core/ports.ts";
import type { Identity, Person, PersonStatus, Platform, Role } from "../../core/types.ts";
import type { Db } from "../open-database.ts";
import { identities, people } from "../schema.ts";

/** Rows 500 at a time: a multi-row insert stays far below PostgreSQL's 65,535-parameter limit. */
export function chunks<T>(all: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}

export const toPerson = (row: typeof people.$inferSelect): Person => ({
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

export function personRepo(db: Db): PersonRepo {
  /** The person an identity belongs to (identities are unique per platform, tenant and id). */
  const byIdentityWhere = async (where: SQL | undefined) => {
    const [row] = await db
      .select({ person: people })
      .from(identities)
      .innerJoin(people, eq(people.id, identities.personId))
      .where(where)
      .limit(1);
    return row ? toPerson(row.person) : null;
  };
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
    byIdentity: (platform, tenant, externalId) =>
      byIdentityWhere(
        and(
          eq(identities.platform, platform),
          eq(identities.tenant, tenant),
          eq(identities.externalId, externalId),
        ),
      ),
    byExternalId: (partnershipId, platform, externalId) =>
      byIdentityWhere(
        and(
          eq(people.partnershipId, partnershipId),
          eq(identities.platform, platform),
          eq(identities.externalId, externalId),
        ),
      ),
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

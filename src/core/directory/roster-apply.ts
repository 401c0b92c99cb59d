// Roster import and export through the repositories: load the directory once, apply a plan, audited.
import { audit, type Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import type { Repos } from "../ports.ts";
import type { Group } from "../types.ts";
import { personSubject } from "./people.ts";
import type { Directory, RosterEntry, RosterPlan } from "./roster.ts";

/** Everything planning needs in a handful of queries: people, organisations, groups and their members. */
export async function loadDirectory(
  repos: Repos,
  partnershipId: number,
  entries: RosterEntry[],
): Promise<Directory> {
  const [people, orgs, groups] = await Promise.all([
    repos.people.list(partnershipId),
    repos.organisations.list(partnershipId),
    repos.groups.list(partnershipId),
  ]);
  const members = new Map<number, Set<number>>();
  for (const g of groups) members.set(g.id, new Set((await repos.groups.members(g.id)).map((p) => p.id)));
  // Only codes and slugs the file names but the lists lack can be removed or archived ones.
  const codes = new Set(orgs.map((o) => o.code));
  const slugs = new Set(groups.map((g) => g.slug));
  const removedOrgCodes = new Set<string>();
  const archivedGroups = new Set<string>();
  for (const code of new Set(entries.flatMap((e) => (e.orgCode ? [e.orgCode] : []))))
    if (!codes.has(code) && (await repos.organisations.byCode(partnershipId, code)))
      removedOrgCodes.add(code);
  for (const slug of new Set(entries.flatMap((e) => [...e.groups, ...e.chairOf])))
    if (!slugs.has(slug) && (await repos.groups.bySlug(partnershipId, slug))) archivedGroups.add(slug);
  return { people, orgs, groups, members, removedOrgCodes, archivedGroups };
}

export interface RosterCounts {
  added: number;
  updated: number;
  unchanged: number;
}

export const countPlan = (plan: RosterPlan): RosterCounts => ({
  added: plan.people.filter((p) => p.kind === "add").length,
  updated: plan.people.filter((p) => p.kind === "update").length,
  unchanged: plan.people.filter((p) => p.kind === "unchanged").length,
});

/** Writes the plan in the caller's transaction, one audit event per change and one for the import. */
export async function applyRoster(ctx: Context, plan: RosterPlan, source: string): Promise<RosterCounts> {
  const pid = ctx.partnership.id;
  const { repos } = ctx;
  const orgIds = new Map((await repos.organisations.list(pid)).map((o) => [o.code, o.id]));
  for (const o of plan.newOrgs) {
    const org = await repos.organisations.create({
      partnershipId: pid,
      code: o.code,
      name: o.name,
      domains: [],
    });
    orgIds.set(org.code, org.id);
    await audit(ctx, "org.add", `org:${org.code}`, { name: org.name, domains: [], via: source });
  }
  const groups = new Map<string, Group>((await repos.groups.list(pid)).map((g) => [g.slug, g]));
  for (const slug of plan.newGroups) {
    const group = await repos.groups.create({ partnershipId: pid, slug, name: slug });
    groups.set(slug, group);
    await audit(ctx, "group.add", `group:${slug}`, { name: slug, chair: null, via: source });
  }
  const joins = new Map<string, { ids: number[]; handles: string[] }>();
  for (const p of plan.people) {
    if (p.kind === "unchanged") continue;
    const organisationId = p.orgCode ? (orgIds.get(p.orgCode) ?? null) : null;
    let id = p.existing?.id;
    if (!p.existing) {
      const made = await repos.people.create({
        partnershipId: pid,
        handle: p.handle,
        name: p.name,
        email: p.email,
        organisationId,
        role: p.role,
      });
      id = made.id;
      await audit(ctx, "person.add", personSubject(made), {
        name: p.name,
        email: p.email,
        org: p.orgCode,
        role: p.role,
        via: source,
      });
    } else if (p.changes.some((c) => !c.startsWith("joins ") && !c.startsWith("chairs "))) {
      await repos.people.update(p.existing.id, {
        name: p.name,
        organisationId,
        role: p.role,
        ...(p.activate ? { status: "active" as const } : {}),
      });
      await audit(ctx, "person.update", personSubject(p.existing), { changes: p.changes, via: source });
    }
    for (const slug of p.joins) {
      const j = joins.get(slug) ?? { ids: [], handles: [] };
      j.ids.push(id ?? 0);
      j.handles.push(p.handle);
      joins.set(slug, j);
    }
    for (const slug of p.chairs) {
      const g = groups.get(slug);
      if (!g) continue;
      await repos.groups.update(g.id, { chairId: id ?? null });
      await audit(ctx, "group.chair", `group:${slug}`, { from: g.chairId, to: p.handle, via: source });
    }
  }
  for (const [slug, j] of joins) {
    const g = groups.get(slug);
    if (!g) continue;
    for (const personId of j.ids) await repos.groups.addMember(g.id, personId);
    await audit(ctx, "group.member.add", `group:${slug}`, { people: j.handles, via: source });
  }
  // The plan kept an admin; this re-checks under the admins' row lock, against concurrent demotions.
  if ((await repos.people.activeAdmins(pid)).length === 0)
    throw new QuorumError(
      "conflict",
      `The import would leave ${ctx.partnership.name} without an admin; nothing was imported.`,
    );
  const counts = countPlan(plan);
  await audit(ctx, "people.import", source, {
    ...counts,
    orgs: plan.newOrgs.map((o) => o.code),
    groups: plan.newGroups,
  });
  return counts;
}

/** The roster as rows of the import's columns: active people with an email (the import's key), by name. */
export async function exportRoster(
  repos: Repos,
  partnershipId: number,
): Promise<{ rows: Record<string, string>[]; withoutEmail: string[] }> {
  const [people, orgs, groups] = await Promise.all([
    repos.people.list(partnershipId),
    repos.organisations.list(partnershipId),
    repos.groups.list(partnershipId),
  ]);
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const memberOf = new Map<number, string[]>();
  for (const g of groups)
    for (const m of await repos.groups.members(g.id))
      memberOf.set(m.id, [...(memberOf.get(m.id) ?? []), g.slug]);
  const active = people.filter((p) => p.status === "active");
  const withoutEmail = active.filter((p) => !p.email).map((p) => `@${p.handle}`);
  const rows = active
    .filter((p) => p.email)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id)
    .map((p) => {
      const org = p.organisationId ? orgById.get(p.organisationId) : undefined;
      return {
        name: p.name,
        email: p.email ?? "",
        org: org?.code ?? "",
        handle: p.handle,
        org_name: org?.name ?? "",
        role: p.role,
        groups: (memberOf.get(p.id) ?? []).sort().join(";"),
        chair_of: groups
          .filter((g) => g.chairId === p.id)
          .map((g) => g.slug)
          .sort()
          .join(";"),
      };
    });
  return { rows, withoutEmail };
}

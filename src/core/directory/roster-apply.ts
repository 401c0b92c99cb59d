// Roster import and export through the repositories: load the directory once, apply a plan, audited.
import type { Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import type { Repos } from "../ports.ts";
import type { AuditInput, Group } from "../types.ts";
import { personSubject } from "./people.ts";
import type { Directory, PersonPlan, RosterEntry, RosterPlan } from "./roster.ts";

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

/**
 * Writes the plan in the caller's transaction, one audit event per change and one for the import; new
 * people, memberships and audit events go in multi-row inserts, so 5,000 rows take a few dozen statements.
 */
export async function applyRoster(ctx: Context, plan: RosterPlan, source: string): Promise<RosterCounts> {
  const pid = ctx.partnership.id;
  const { repos } = ctx;
  const events: AuditInput[] = [];
  const log = (verb: string, subject: string, detail: Record<string, unknown>) =>
    events.push({
      partnershipId: pid,
      actorId: ctx.actor.id,
      platform: ctx.platform,
      verb,
      subject,
      detail: { ...detail, via: source },
    });
  const orgIds = new Map((await repos.organisations.list(pid)).map((o) => [o.code, o.id]));
  for (const o of plan.newOrgs) {
    const org = await repos.organisations.create({
      partnershipId: pid,
      code: o.code,
      name: o.name,
      domains: [],
    });
    orgIds.set(org.code, org.id);
    log("org.add", `org:${org.code}`, { name: org.name, domains: [] });
  }
  const groups = new Map<string, Group>((await repos.groups.list(pid)).map((g) => [g.slug, g]));
  for (const slug of plan.newGroups) {
    groups.set(slug, await repos.groups.create({ partnershipId: pid, slug, name: slug }));
    log("group.add", `group:${slug}`, { name: slug, chair: null });
  }
  const orgOf = (p: PersonPlan) => (p.orgCode ? (orgIds.get(p.orgCode) ?? null) : null);
  const adding = plan.people.filter((p) => p.kind === "add");
  const made = await repos.people.createMany(
    adding.map((p) => ({
      partnershipId: pid,
      handle: p.handle,
      name: p.name,
      email: p.email,
      organisationId: orgOf(p),
      role: p.role,
    })),
  );
  const ids = new Map(made.map((m) => [m.handle, m.id]));
  for (const p of adding)
    log("person.add", `person:${p.handle}`, { name: p.name, email: p.email, org: p.orgCode, role: p.role });
  for (const p of plan.people) {
    if (!p.existing) continue;
    ids.set(p.handle, p.existing.id);
    if (p.kind === "update" && p.changes.some((c) => !c.startsWith("joins ") && !c.startsWith("chairs "))) {
      await repos.people.update(p.existing.id, {
        name: p.name,
        organisationId: orgOf(p),
        role: p.role,
        ...(p.activate ? { status: "active" as const } : {}),
      });
      log("person.update", personSubject(p.existing), { changes: p.changes });
    }
  }
  const joins = new Map<string, string[]>();
  for (const p of plan.people) {
    for (const slug of p.joins) joins.set(slug, [...(joins.get(slug) ?? []), p.handle]);
    for (const slug of p.chairs) {
      const g = groups.get(slug);
      if (!g) continue;
      await repos.groups.update(g.id, { chairId: ids.get(p.handle) ?? null });
      log("group.chair", `group:${slug}`, { from: g.chairId, to: p.handle });
    }
  }
  for (const [slug, handles] of joins) {
    const g = groups.get(slug);
    if (!g) continue;
    await repos.groups.addMembers(
      g.id,
      handles.flatMap((h) => ids.get(h) ?? []),
    );
    log("group.member.add", `group:${slug}`, { people: handles });
  }
  // The plan kept an admin; this re-checks under the admins' row lock, against concurrent demotions.
  if ((await repos.people.activeAdmins(pid)).length === 0)
    throw new QuorumError(
      "conflict",
      `The import would leave ${ctx.partnership.name} without an admin; nothing was imported.`,
    );
  const counts = countPlan(plan);
  // A template literal: the architecture test reads import"… in a string as an import.
  log(`people.import`, source, { ...counts, orgs: plan.newOrgs.map((o) => o.code), groups: plan.newGroups });
  await repos.audit.recordMany(events);
  return counts;
}

/** The roster as rows of the columns import people reads: active people with an email (what an import matches on), by name. */
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

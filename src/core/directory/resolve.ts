// Turns what people type (@sam, "Sam Patel", ECC, hwb, A-12) into records, with specific messages when it can't.
import type { Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import type { ActionView, Group, Organisation, Person } from "../types.ts";

export interface PersonLookup {
  /** Also find removed and pending people (person show, approve): by default only active people are. */
  anyStatus?: boolean;
}

export async function resolvePerson(ctx: Context, ref: string, opts: PersonLookup = {}): Promise<Person> {
  const text = ref.trim().replace(/^@/, "");
  if (!text) throw new QuorumError("bad_argument", 'Name a person, e.g. @sam or "Sam Patel".');
  if (text.toLowerCase() === "me") return ctx.actor;
  const pid = ctx.partnership.id;
  const exact = await ctx.repos.people.byHandle(pid, text.toLowerCase());
  if (exact) return opts.anyStatus ? exact : mustBeActive(exact);
  const found = (await ctx.repos.people.search(pid, text)).filter(
    (p) => opts.anyStatus || p.status === "active",
  );
  if (found.length === 1 && found[0]) return found[0];
  if (found.length === 0)
    throw new QuorumError(
      "not_found",
      `No one called "${text}" in ${ctx.partnership.name}. Type people to see everyone.`,
    );
  const names = found
    .slice(0, 5)
    .map((p) => `@${p.handle} (${p.name})`)
    .join(", ");
  throw new QuorumError("ambiguous", `"${text}" could be ${names}. Use the @handle.`);
}

function mustBeActive(p: Person): Person {
  if (p.status === "inactive")
    throw new QuorumError(
      "not_found",
      `@${p.handle} (${p.name}) has been removed and can't take part any more.`,
    );
  if (p.status === "pending")
    throw new QuorumError("forbidden", `@${p.handle} (${p.name}) is waiting for an admin's approval.`);
  return p;
}

export async function resolveOrganisation(ctx: Context, code: string): Promise<Organisation> {
  const org = await ctx.repos.organisations.byCode(ctx.partnership.id, code.trim().toUpperCase());
  if (org && !org.removedAt) return org;
  const codes = (await ctx.repos.organisations.list(ctx.partnership.id)).map((o) => o.code).join(", ");
  throw new QuorumError("not_found", `There is no organisation "${code}". Codes: ${codes || "none yet"}.`);
}

export async function resolveGroup(
  ctx: Context,
  slug: string,
  opts: { archived?: boolean } = {},
): Promise<Group> {
  const group = await ctx.repos.groups.bySlug(ctx.partnership.id, slug.trim().toLowerCase());
  if (group?.archivedAt && !opts.archived)
    throw new QuorumError("not_found", `The group "${group.slug}" (${group.name}) is archived.`);
  if (group) return group;
  const slugs = (await ctx.repos.groups.list(ctx.partnership.id)).map((g) => g.slug).join(", ");
  throw new QuorumError("not_found", `There is no group "${slug}". Groups: ${slugs || "none yet"}.`);
}

const ACTION_REF = /^a-?(\d{1,9})$/i;

export function parseActionRef(ref: string | undefined): number {
  const m = ACTION_REF.exec(ref?.trim() ?? "") ?? /^(\d{1,9})$/.exec(ref?.trim() ?? "");
  if (!m?.[1]) {
    throw new QuorumError(
      "bad_argument",
      ref ? `"${ref}" is not an action number like A-12.` : "Which action? Give its number, like A-12.",
    );
  }
  return Number(m[1]);
}

export async function resolveAction(ctx: Context, ref: string | undefined): Promise<ActionView> {
  const n = parseActionRef(ref);
  const action = await ctx.repos.actions.byNumber(ctx.partnership.id, n);
  if (!action) throw new QuorumError("not_found", `There is no action A-${n} in ${ctx.partnership.name}.`);
  return action;
}

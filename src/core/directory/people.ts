// Rules for changing who is in the partnership: adding people, roles, moves and removal with history kept.
import { actionRef } from "../actions/service.ts";
import { audit, type Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import type { ActionView, Group, Organisation, Person, Role } from "../types.ts";
import { checkEmail, checkHandle, checkName } from "./validate.ts";

export interface NewPersonInput {
  handle: string;
  name: string;
  email: string;
  org: Organisation;
  role: Role;
}

export async function addPerson(ctx: Context, input: NewPersonInput): Promise<Person> {
  const pid = ctx.partnership.id;
  const handle = checkHandle(input.handle);
  const name = checkName(input.name, "person's name");
  const email = checkEmail(input.email);
  const sameHandle = await ctx.repos.people.byHandle(pid, handle);
  if (sameHandle)
    throw new QuorumError(
      "conflict",
      `@${handle} is already taken by ${sameHandle.name}${formerly(sameHandle)}.`,
    );
  const sameEmail = await ctx.repos.people.byEmail(pid, email);
  if (sameEmail)
    throw new QuorumError(
      "conflict",
      `${email} already belongs to @${sameEmail.handle} (${sameEmail.name})${formerly(sameEmail)}.`,
    );
  const person = await ctx.repos.people.create({
    partnershipId: pid,
    handle,
    name,
    email,
    organisationId: input.org.id,
    role: input.role,
  });
  await audit(ctx, "person.add", personSubject(person), {
    name,
    email,
    org: input.org.code,
    role: input.role,
  });
  return person;
}

const formerly = (p: Person) => (p.status === "inactive" ? " (removed, kept for history)" : "");
export const personSubject = (p: Person) => `person:${p.handle}`;

/** The partnership must always keep one active admin: refuse to demote or remove the last. */
export async function assertNotLastAdmin(ctx: Context, person: Person, doing: string): Promise<void> {
  if (person.role !== "admin" || person.status !== "active") return;
  const admins = await ctx.repos.people.activeAdmins(ctx.partnership.id);
  if (admins.every((a) => a.id === person.id)) {
    throw new QuorumError(
      "conflict",
      `${person.name} is the last admin of ${ctx.partnership.name}, so I can't ${doing}. Make someone else an admin first (person role @handle admin).`,
    );
  }
}

export async function changeRole(ctx: Context, person: Person, role: Role): Promise<void> {
  if (person.role === role)
    throw new QuorumError("conflict", `@${person.handle} is already ${articled(role)}.`);
  if (role !== "admin") await assertNotLastAdmin(ctx, person, `make them ${articled(role)}`);
  await ctx.repos.people.update(person.id, { role });
  await audit(ctx, "person.role", personSubject(person), { from: person.role, to: role });
}

export const articled = (role: Role) =>
  role === "admin" || role === "observer" ? `an ${role}` : `a ${role}`;

/** Moves a person and the open actions they own on behalf of their old organisation. */
export async function movePerson(ctx: Context, person: Person, to: Organisation): Promise<number> {
  if (person.organisationId === to.id)
    throw new QuorumError("conflict", `@${person.handle} is already at ${to.code}.`);
  await ctx.repos.people.update(person.id, { organisationId: to.id });
  const open = await ownedOpen(ctx, person);
  const moving = open.filter((a) => a.organisationId === person.organisationId);
  for (const a of moving) await ctx.repos.actions.update(a.id, { organisationId: to.id });
  await audit(ctx, "person.move", personSubject(person), {
    from: person.organisationId,
    to: to.code,
    actions: moving.map((a) => actionRef(a.number)),
  });
  return moving.length;
}

export const ownedOpen = (ctx: Context, person: Person): Promise<ActionView[]> =>
  ctx.repos.actions.list(ctx.partnership.id, { statuses: ["open"], ownerId: person.id, limit: 100_000 });

export interface Removal {
  openActions: ActionView[];
  leftGroups: Group[];
  chairOf: Group[];
  topics: string[];
  /** They answered questions no topic claims; now nobody does until an admin sets someone. */
  wasDefault: boolean;
  /** FAQ entries they owned: each falls back to its topic's contact, as an entry with no owner does. */
  faqEntries: number[];
}

/**
 * Removal keeps the person's record for history (their actions, answers and the audit still name them)
 * but they can no longer act, be matched to a chat identity, or be chosen; what they held is listed.
 */
export async function removePerson(ctx: Context, person: Person): Promise<Removal> {
  if (person.status === "inactive")
    throw new QuorumError("conflict", `@${person.handle} is already removed.`);
  await assertNotLastAdmin(ctx, person, "remove them");
  const leftGroups = await ctx.repos.groups.memberships(person.id);
  for (const g of leftGroups) await ctx.repos.groups.removeMember(g.id, person.id);
  const chairOf = (await ctx.repos.groups.list(ctx.partnership.id)).filter((g) => g.chairId === person.id);
  for (const g of chairOf) await ctx.repos.groups.update(g.id, { chairId: null });
  // Questions must not route to someone who can no longer answer: their topics fall to the default.
  const topics = (await ctx.repos.topics.list(ctx.partnership.id)).filter((t) => t.contactId === person.id);
  for (const { id: _id, ...t } of topics) await ctx.repos.topics.upsert({ ...t, contactId: null });
  const wasDefault = (await ctx.repos.topics.defaultContactId(ctx.partnership.id)) === person.id;
  if (wasDefault) await ctx.repos.topics.setDefaultContact(ctx.partnership.id, null);
  // Nor may "faq show" name them as the one keeping an entry true.
  const faqEntries = await ctx.repos.faqReview.clearOwner(ctx.partnership.id, person.id);
  const openActions = await ownedOpen(ctx, person);
  await ctx.repos.people.update(person.id, { status: "inactive" });
  await audit(ctx, "person.remove", personSubject(person), {
    groups: leftGroups.map((g) => g.slug),
    chairOf: chairOf.map((g) => g.slug),
    openActions: openActions.map((a) => actionRef(a.number)),
    topics: topics.map((t) => t.slug),
    wasDefault,
    faqEntries: faqEntries.map((id) => `F-${id}`),
  });
  return { openActions, leftGroups, chairOf, topics: topics.map((t) => t.slug), wasDefault, faqEntries };
}

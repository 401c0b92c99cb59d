// Who may join from chat: a new user is placed by their email domain, or waits for an admin's approval,
// as the partnership's access rule says ("domains" by default; "approval"; "open").
import { type Card, card, fields, text } from "../card.ts";
import type { Repos } from "../ports.ts";
import { notifyPerson } from "../reach/notify-person.ts";
import { cardToText } from "../render-text.ts";
import type { Partnership, Person, Platform } from "../types.ts";
import { emailDomain } from "./validate.ts";

export interface Newcomer {
  email: string;
  name?: string | undefined;
  platform: Platform;
  /** The workspace they wrote from: its default organisation (set when it was accepted) places them. */
  tenant?: string | undefined;
}

/** Creates the person for a first-time chat user; a pending one makes each admin hear of it once. */
export async function admitNewcomer(
  repos: Repos,
  partnership: Partnership,
  who: Newcomer,
  now: Date,
): Promise<Person> {
  const org =
    (await repos.organisations.byDomain(partnership.id, emailDomain(who.email))) ??
    (await workspaceOrganisation(repos, partnership, who));
  const joins = partnership.access === "open" || (partnership.access === "domains" && org !== null);
  const person = await repos.people.create({
    partnershipId: partnership.id,
    handle: await freeHandle(repos, partnership, who.email),
    name: who.name?.trim() || who.email,
    email: who.email,
    organisationId: org?.id ?? null,
    status: joins ? "active" : "pending",
  });
  await repos.audit.record({
    partnershipId: partnership.id,
    actorId: person.id,
    platform: who.platform,
    verb: joins ? "person.join" : "person.request",
    subject: `person:${person.handle}`,
    detail: { email: who.email, org: org?.code ?? null, access: partnership.access },
  });
  if (!joins) await tellAdmins(repos, partnership, person, org?.code ?? null, now);
  return person;
}

async function workspaceOrganisation(repos: Repos, partnership: Partnership, who: Newcomer) {
  if (!who.tenant) return null;
  const id = await repos.workspaces.defaultOrganisation(who.platform, who.tenant);
  const org = id === null ? null : await repos.organisations.byId(id);
  return org && org.partnershipId === partnership.id && !org.removedAt ? org : null;
}

async function freeHandle(repos: Repos, partnership: Partnership, email: string): Promise<string> {
  const base = (email.split("@")[0] ?? "user").toLowerCase().replace(/[^a-z0-9._-]/g, "") || "user";
  let handle = base;
  for (let n = 2; await repos.people.byHandle(partnership.id, handle); n++) handle = `${base}${n}`;
  return handle;
}

export function requestCard(person: Person, orgCode: string | null): Card {
  return card(
    `${person.name} would like to use Quorum`,
    [
      fields(
        { label: "Email", value: person.email ?? "—" },
        { label: "Organisation", value: orgCode ?? "none matches their email domain" },
        { label: "Handle", value: `@${person.handle}` },
      ),
      text("Until someone approves, they can only ask questions."),
      {
        kind: "buttons",
        buttons: [
          { label: "Approve", command: `person approve @${person.handle}`, style: "primary" },
          { label: "Decline", command: `person decline @${person.handle}`, style: "danger" },
        ],
      },
    ],
    { audience: "personal" },
  );
}

async function tellAdmins(
  repos: Repos,
  partnership: Partnership,
  person: Person,
  orgCode: string | null,
  now: Date,
): Promise<void> {
  const c = requestCard(person, orgCode);
  const payload = { card: c, text: cardToText(c) };
  const admins = (await repos.people.list(partnership.id)).filter(
    (p) => p.role === "admin" && p.status === "active",
  );
  for (const admin of admins)
    await notifyPerson({ repos, partnership, now }, admin, "access-request", `person:${person.id}`, payload);
}

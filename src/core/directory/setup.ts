// Setting up a partnership from nothing: checks each answer, then creates the partnership and its first admin.
import { IANAZone } from "luxon";
import { z } from "zod";
import { QuorumError } from "../errors.ts";
import type { Repos } from "../ports.ts";
import type { Partnership, Person } from "../types.ts";

/** The settings key naming the partnership the command line opens when none is chosen. */
export const DEFAULT_PARTNERSHIP_KEY = "default_partnership";
export const DEFAULT_ZONE = "Europe/London";
/** The demo partnership's slug; kept for the demo so real data never mixes with it. */
export const DEMO_SLUG = "demo";

export interface SetupInput {
  name: string;
  slug: string;
  timeZone: string;
  adminName: string;
  adminEmail: string;
  adminHandle: string;
}
export type SetupField = keyof SetupInput;

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const HANDLE = /^[a-z0-9][a-z0-9._-]{0,31}$/;
const email = z.email();

/** What is wrong with one answer, or null: pure, so the CLI can ask again for just that one. */
export function checkSetupField(field: SetupField, raw: string): string | null {
  const value = raw.trim();
  switch (field) {
    case "name":
    case "adminName":
      if (!value) return `The ${field === "name" ? "partnership" : "admin's"} name is empty.`;
      return value.length > 120 ? "A name can be at most 120 characters." : null;
    case "slug":
      if (!SLUG.test(value))
        return `"${value}" is not a valid slug: use 1 to 40 lower-case letters, digits and hyphens, e.g. essex-partners.`;
      return value === DEMO_SLUG ? `The slug "${DEMO_SLUG}" is kept for the demo partnership.` : null;
    case "timeZone":
      return IANAZone.isValidZone(value)
        ? null
        : `"${value}" is not an IANA time zone; try Europe/London or America/New_York.`;
    case "adminEmail":
      return email.safeParse(value).success ? null : `"${value}" is not a valid email address.`;
    case "adminHandle":
      return HANDLE.test(value.replace(/^@/, ""))
        ? null
        : `"${value}" is not a valid handle: lower-case letters, digits, dots, hyphens or underscores.`;
  }
}

/** A handle to offer when none is given: the first name, else the email's local part. */
export function suggestHandle(name: string, emailAddress: string): string {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]/g, "");
  return clean(name.trim().split(/\s+/)[0] ?? "") || clean(emailAddress.split("@")[0] ?? "") || "admin";
}

/**
 * Creates the partnership, its first admin (reachable from the shell under the partnership's slug) and
 * makes it the default for the command line, all audited, in the caller's transaction.
 */
export async function setUpPartnership(
  repos: Repos,
  raw: SetupInput,
): Promise<{ partnership: Partnership; admin: Person }> {
  const input = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.trim()])) as SetupInput;
  input.adminHandle = input.adminHandle.replace(/^@/, "").toLowerCase();
  for (const field of Object.keys(input) as SetupField[]) {
    const problem = checkSetupField(field, input[field]);
    if (problem) throw new QuorumError("bad_argument", problem);
  }
  const taken = await repos.partnerships.bySlug(input.slug);
  if (taken) throw new QuorumError("conflict", `The slug "${input.slug}" is already used by ${taken.name}.`);
  const partnership = await repos.partnerships.create({
    slug: input.slug,
    name: input.name,
    timeZone: input.timeZone,
  });
  const admin = await repos.people.create({
    partnershipId: partnership.id,
    handle: input.adminHandle,
    name: input.adminName,
    email: input.adminEmail,
    role: "admin",
  });
  await repos.partnerships.linkInstallation(partnership.id, "shell", partnership.slug);
  await repos.people.addIdentity(admin.id, "shell", partnership.slug, admin.handle);
  const record = (verb: string, subject: string, detail: Record<string, unknown>) =>
    repos.audit.record({
      partnershipId: partnership.id,
      actorId: admin.id,
      platform: "shell",
      verb,
      subject,
      detail,
    });
  await record("partnership.create", partnership.slug, { name: partnership.name, timeZone: input.timeZone });
  await record("person.add", `@${admin.handle}`, { name: admin.name, email: admin.email, role: "admin" });
  await repos.settings.set(DEFAULT_PARTNERSHIP_KEY, partnership.slug);
  return { partnership, admin };
}

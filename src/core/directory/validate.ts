// Checks for what admins type into the directory: emails (zod), zones (luxon), handles, codes, domains.
import { IANAZone } from "luxon";
import { z } from "zod";
import { badArgument } from "../errors.ts";
import { ROLES, type Role } from "../types.ts";

const EMAIL = z.email();
const HANDLE = /^[a-z0-9][a-z0-9._-]{0,39}$/;
const ORG_CODE = /^[A-Z0-9][A-Z0-9-]{0,19}$/;
const GROUP_SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;
// A DNS name with at least two labels: nhs.uk, essex.gov.uk.
const DOMAIN = /^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const MAX_NAME = 120;

export function checkEmail(raw: string): string {
  const email = raw.trim();
  if (!EMAIL.safeParse(email).success)
    throw badArgument(`"${raw}" is not an email address; write it like email:sam.okafor@essex.gov.uk.`);
  return email;
}

export function checkHandle(raw: string): string {
  const handle = raw.trim().replace(/^@/, "").toLowerCase();
  if (!HANDLE.test(handle) || handle === "me")
    throw badArgument(
      `"${raw}" is not a handle: use up to 40 lower-case letters, digits, dots, dashes or underscores, e.g. @sam.okafor.`,
    );
  return handle;
}

export function checkOrgCode(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (!ORG_CODE.test(code))
    throw badArgument(
      `"${raw}" is not an organisation code: use up to 20 letters, digits and dashes, e.g. NHS-MSE.`,
    );
  return code;
}

export function checkGroupSlug(raw: string): string {
  const slug = raw.trim().toLowerCase();
  if (!GROUP_SLUG.test(slug))
    throw badArgument(`"${raw}" is not a group slug: use lower-case letters, digits and dashes, e.g. hwb.`);
  return slug;
}

export function checkName(raw: string, what: string): string {
  const name = raw.replace(/\s+/g, " ").trim();
  if (!name) throw badArgument(`Give the ${what} in quotes, e.g. "Health and Wellbeing Board".`);
  if (name.length > MAX_NAME)
    throw badArgument(`The ${what} is ${name.length} characters; the limit is ${MAX_NAME}.`);
  return name;
}

/** "a.gov.uk, b.nhs.uk" (commas or spaces; a leading @ allowed) → distinct lower-case domains. */
export function checkDomains(raw: string): string[] {
  const list = raw
    .split(/[\s,;]+/)
    .map((d) => d.trim().replace(/^@/, "").toLowerCase())
    .filter(Boolean);
  const bad = list.filter((d) => !DOMAIN.test(d));
  if (bad.length)
    throw badArgument(`Not an email domain: ${bad.join(", ")}. Write them like a.gov.uk,b.nhs.uk.`);
  if (list.length > 50) throw badArgument("Give at most 50 domains for one organisation.");
  return [...new Set(list)];
}

export function checkZone(raw: string): string {
  const zone = raw.trim();
  if (!IANAZone.isValidZone(zone))
    throw badArgument(`"${raw}" is not a time zone; use an IANA name like Europe/London or Europe/Dublin.`);
  // Canonical spelling (europe/london → Europe/London), so stored zones compare equal.
  return new Intl.DateTimeFormat("en-GB", { timeZone: zone }).resolvedOptions().timeZone;
}

export function checkRole(raw: string): Role {
  const role = raw.trim().toLowerCase();
  if (!(ROLES as readonly string[]).includes(role))
    throw badArgument(`"${raw}" is not a role; say ${ROLES.join(", ")}.`);
  return role as Role;
}

export const emailDomain = (email: string): string => email.split("@").pop()?.toLowerCase() ?? "";

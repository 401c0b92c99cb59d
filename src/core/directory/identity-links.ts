// "link me": a chat identity Quorum can't match by email gets a one-time code, finished by the person
// themselves from a chat where Quorum already knows them, or by an admin; then that identity acts as them.
import { createHash, randomInt } from "node:crypto";
import type { Stranger } from "../commands/spec.ts";
import { audit, type Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import type { IdentityLink } from "../ports.ts";
import { checkEnrolmentRate } from "../rate-limits.ts";
import type { Person } from "../types.ts";
import { homeTenant } from "./guests.ts";
import { personSubject } from "./people.ts";

/** Long enough to switch to another workspace and back; short enough that a code left in a chat dies. */
export const LINK_CODE_TTL_MS = 30 * 60_000;
/** No 0/O, 1/I/L: read off a screen and typed elsewhere. 31^8 codes, each alive for minutes, used once. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LENGTH = 8;

const normalise = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, "");
const hashOf = (code: string) => createHash("sha256").update(normalise(code)).digest("hex");

function newCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Issues a fresh code for the stranger's identity (their own workspace), retiring any earlier one. */
export async function issueLinkCode(who: Stranger): Promise<{ code: string; link: IdentityLink }> {
  const { repos, partnership, event, now } = who;
  // A code is a step towards a new identity: capped like enrolments, so a flood can't fill the table.
  await checkEnrolmentRate(repos, who.limits, partnership.id, now);
  const code = newCode();
  const link = await repos.identityLinks.create({
    partnershipId: partnership.id,
    platform: event.platform,
    tenant: homeTenant(event),
    externalId: event.userId,
    name: event.profile?.name?.trim() || null,
    expiresAt: new Date(now.getTime() + LINK_CODE_TTL_MS),
    codeHash: hashOf(code),
  });
  return { code, link };
}

/**
 * Links the identity that asked for `code` to `person`: once, before it expires, and never over an identity
 * that already belongs to someone else. The code's partnership must be the caller's.
 */
export async function redeemLinkCode(ctx: Context, code: string, person: Person): Promise<IdentityLink> {
  if (normalise(code).length !== CODE_LENGTH)
    throw new QuorumError("bad_argument", `"${code}" is not a link code like ABCD-2345.`);
  const link = await ctx.repos.identityLinks.byCode(ctx.partnership.id, hashOf(code));
  const gone = new QuorumError(
    "not_found",
    'That link code is unknown, used or expired. Ask the person to type "link me" again for a new one.',
  );
  if (!link || link.usedAt || link.expiresAt.getTime() <= ctx.now.getTime()) throw gone;
  const holder = await ctx.repos.people.byIdentity(link.platform, link.tenant, link.externalId);
  if (holder && holder.id !== person.id)
    throw new QuorumError(
      "conflict",
      holder.partnershipId === ctx.partnership.id
        ? `That account is already linked to @${holder.handle}. An admin can remove the wrong person first.`
        : "That account already belongs to someone in another partnership, so it can't be linked here.",
    );
  if (!(await ctx.repos.identityLinks.use(link.id, person.id, ctx.now))) throw gone;
  await ctx.repos.people.addIdentity(person.id, link.platform, link.tenant, link.externalId);
  await audit(ctx, "person.link", personSubject(person), {
    platform: link.platform,
    tenant: link.tenant,
    user: link.externalId,
    by: ctx.actor.handle,
  });
  return link;
}

// "link me": a chat identity Quorum can't match by email gets a one-time code, finished by the person
// themselves from a chat where Quorum already knows them, or by an admin (see link-offers.ts).
import { createHash, randomInt } from "node:crypto";
import type { Stranger } from "../commands/spec.ts";
import type { IdentityLink } from "../ports.ts";
import { checkLinkCodeRate } from "../rate-limits.ts";
import { homeTenant } from "./guests.ts";

/** Long enough to switch to another workspace and back; short enough that a code left in a chat dies. */
export const LINK_CODE_TTL_MS = 30 * 60_000;
/** No 0/O, 1/I/L: read off a screen and typed elsewhere. 31^8 codes, each alive for minutes, used once. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 8;

export const normalise = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, "");
export const hashOf = (code: string) => createHash("sha256").update(normalise(code)).digest("hex");

/** `length` characters from the unambiguous alphabet, from the system's secure random source. */
export function randomWord(length: number): string {
  let word = "";
  for (let i = 0; i < length; i++) word += ALPHABET[randomInt(ALPHABET.length)];
  return word;
}

function newCode(): string {
  const code = randomWord(CODE_LENGTH);
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Issues a fresh code for the stranger's identity (their own workspace), retiring any earlier one. */
export async function issueLinkCode(who: Stranger): Promise<{ code: string; link: IdentityLink }> {
  const { repos, partnership, event, now } = who;
  // Capped per account (a code replaces the account's last one, so the table can't fill), and not against
  // the partnership's first contacts: one account repeating "link me" must not hold newcomers back.
  const tenant = homeTenant(event);
  await checkLinkCodeRate(repos, who.limits, { platform: event.platform, tenant, userId: event.userId }, now);
  const code = newCode();
  const link = await repos.identityLinks.create({
    partnershipId: partnership.id,
    platform: event.platform,
    tenant,
    externalId: event.userId,
    name: event.profile?.name?.trim() || null,
    expiresAt: new Date(now.getTime() + LINK_CODE_TTL_MS),
    codeHash: hashOf(code),
  });
  return { code, link };
}

// Email's one-click links: an HMAC-SHA256-signed, expiring token naming one person, one action and one
// verb, so a click is that person acting. Made when a mail is rendered, checked by src/server/email-links.ts.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** What a link may do: the two buttons an action's reminder carries. */
export type LinkVerb = "done" | "snooze";

export interface LinkClaim {
  /** The partnership and person the link acts for. */
  partnershipId: number;
  personId: number;
  verb: LinkVerb;
  /** The action's reference, e.g. "A-12". */
  ref: string;
  /** When the link stops working. */
  expiresAt: Date;
  /** Unique per link: used once, a link is spent (src/server/email-links.ts). */
  nonce: string;
}

export type LinkCheck = { ok: true; claim: LinkClaim } | { ok: false; reason: "forged" | "expired" };

const b64 = (b: Buffer) => b.toString("base64url");
const mac = (key: string, body: string) =>
  createHmac("sha256", key).update(`quorum-link.v1.${body}`).digest();

export function signLink(key: string, claim: Omit<LinkClaim, "nonce"> & { nonce?: string }): string {
  const body = b64(
    Buffer.from(
      JSON.stringify({
        p: claim.partnershipId,
        u: claim.personId,
        v: claim.verb,
        r: claim.ref,
        x: Math.floor(claim.expiresAt.getTime() / 1000),
        n: claim.nonce ?? b64(randomBytes(12)),
      }),
    ),
  );
  return `${body}.${b64(mac(key, body))}`;
}

/** Checks the signature before reading anything, then the expiry; a changed byte is "forged". */
export function verifyLink(key: string, token: string, now: Date): LinkCheck {
  const [body, sig, extra] = token.split(".");
  if (!body || !sig || extra !== undefined || token.length > 1000) return { ok: false, reason: "forged" };
  const want = mac(key, body);
  const got = Buffer.from(sig, "base64url");
  if (got.length !== want.length || !timingSafeEqual(got, want)) return { ok: false, reason: "forged" };
  const c = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
  const { p, u, v, r, x, n } = c;
  if (
    typeof p !== "number" ||
    typeof u !== "number" ||
    (v !== "done" && v !== "snooze") ||
    typeof r !== "string" ||
    !/^A-\d{1,9}$/.test(r) ||
    typeof x !== "number" ||
    typeof n !== "string"
  )
    return { ok: false, reason: "forged" };
  if (x * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return {
    ok: true,
    claim: { partnershipId: p, personId: u, verb: v, ref: r, expiresAt: new Date(x * 1000), nonce: n },
  };
}

/** The button commands a link can stand for ("action done A-12"); anything else gets no link. */
export function linkableCommand(command: string): { verb: LinkVerb; ref: string } | null {
  const m = /^action (done|snooze) (A-\d{1,9})$/i.exec(command.trim());
  return m?.[1] && m[2] ? { verb: m[1].toLowerCase() as LinkVerb, ref: m[2].toUpperCase() } : null;
}

/** The command a verified link runs, in the shared grammar. */
export const linkCommand = (claim: Pick<LinkClaim, "verb" | "ref">): string =>
  `action ${claim.verb} ${claim.ref}`;

// A group's read-only page behind an unguessable link: 256-bit random tokens, of which only the SHA-256 is kept.
import { createHash, randomBytes } from "node:crypto";

export interface ViewLink {
  partnershipId: number;
  groupId: number;
  createdAt: Date;
}

export interface ViewLinkRepo {
  /** Makes this hash the group's one link; any earlier link stops working. True when one was replaced. */
  replace(link: {
    partnershipId: number;
    groupId: number;
    tokenHash: string;
    createdBy: number | null;
  }): Promise<boolean>;
  /** Ends the group's link; false when it had none. */
  remove(groupId: number): Promise<boolean>;
  byTokenHash(tokenHash: string): Promise<ViewLink | null>;
}

/** base64url of 32 random bytes: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const newViewToken = () => randomBytes(32).toString("base64url");

export const viewTokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/** False for anything that cannot be a token, so a lookup is never made for it. */
export const isViewToken = (token: string) => TOKEN.test(token);

/** The page's path on Quorum's public address. */
export const viewPath = (token: string) => `/view/${token}`;

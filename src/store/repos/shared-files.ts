// Files behind unguessable, expiring links: 256-bit random tokens, stored only as their SHA-256.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../open-database.ts";
import { sharedFiles } from "../schema.ts";

export const DEFAULT_FILE_LINK_HOURS = 24;

export interface SharedFile {
  partnershipId: number;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
  expiresAt: Date;
}

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");
/** base64url of 32 random bytes: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Stores the file and returns the token for its link; the link stops working after `hours`. */
export async function shareFile(
  db: Db,
  file: Omit<SharedFile, "expiresAt">,
  now: Date,
  hours = DEFAULT_FILE_LINK_HOURS,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  await db.insert(sharedFiles).values({
    partnershipId: file.partnershipId,
    tokenHash: hashOf(token),
    filename: file.filename,
    contentType: file.contentType,
    body: Buffer.from(file.bytes).toString("base64"),
    expiresAt,
  });
  return { token, expiresAt };
}

/** The file for a token, or null when the token is malformed, unknown or expired (the caller answers 404). */
export async function openSharedFile(db: Db, token: string, now: Date): Promise<SharedFile | null> {
  if (!TOKEN.test(token)) return null;
  const [row] = await db
    .select()
    .from(sharedFiles)
    .where(and(eq(sharedFiles.tokenHash, hashOf(token)), gt(sharedFiles.expiresAt, now)));
  if (!row) return null;
  return {
    partnershipId: row.partnershipId,
    filename: row.filename,
    contentType: row.contentType,
    bytes: new Uint8Array(Buffer.from(row.body, "base64")),
    expiresAt: row.expiresAt,
  };
}

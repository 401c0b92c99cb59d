// Secrets at rest: AES-256-GCM (node:crypto) under a keyring, each ciphertext stored beside its key's id.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** A 32-byte key and its id: the first 12 hex digits of its SHA-256, so no one has to name keys. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

export interface Sealed {
  keyId: string;
  /** base64 of iv (12) + tag (16) + ciphertext. */
  value: string;
}

export interface SecretBox {
  /** The id new ciphertexts are written under. */
  readonly currentKeyId: string;
  seal(plain: string, context: string): Sealed;
  /** Throws when the key is not in the keyring or the ciphertext (or its context) was tampered with. */
  open(sealed: Sealed, context: string): string;
  has(keyId: string): boolean;
}

export const KEY_HELP =
  "Make one with: openssl rand -base64 32 (keep it outside the database, e.g. in your secret manager), " +
  "and set it as QUORUM_SECRET_KEY.";

/** Reads a base64 key; throws a message naming the setting (never the value) when it is not 32 bytes. */
export function parseKey(base64: string, setting: string): SecretKey {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== 32 || !/^[A-Za-z0-9+/=\s]+$/.test(base64)) {
    throw new Error(`${setting} must be 32 random bytes in base64 (44 characters). ${KEY_HELP}`);
  }
  return { id: createHash("sha256").update(key).digest("hex").slice(0, 12), key };
}

/** The current key seals; it and any older keys open (so `quorum secrets rotate` can re-seal). */
export function secretBox(current: SecretKey, older: readonly SecretKey[] = []): SecretBox {
  const ring = new Map<string, Buffer>([...older, current].map((k) => [k.id, k.key]));
  return {
    currentKeyId: current.id,
    has: (keyId) => ring.has(keyId),
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", current.key, iv);
      // The context (e.g. "slack:T123:bot") is authenticated: a ciphertext copied to another row won't open.
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return { keyId: current.id, value: Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64") };
    },
    open(sealed, context) {
      const key = ring.get(sealed.keyId);
      if (!key)
        throw new Error(
          `A secret is sealed under key ${sealed.keyId}, which is not configured: set it as QUORUM_SECRET_KEY_OLD.`,
        );
      const raw = Buffer.from(sealed.value, "base64");
      // 12-byte nonce and a full 16-byte tag: a truncated value (a shorter tag is easier to forge) is refused.
      if (raw.length < 28)
        throw new Error("A sealed secret is too short to be one of Quorum's: refusing it.");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12), { authTagLength: 16 });
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    },
  };
}

/** The keyring from the configuration: QUORUM_SECRET_KEY seals, QUORUM_SECRET_KEY_OLD entries only open. */
export function secretBoxFrom(secrets: { current: string; old: readonly string[] }): SecretBox {
  return secretBox(
    parseKey(secrets.current, "QUORUM_SECRET_KEY"),
    secrets.old.map((k) => parseKey(k, "QUORUM_SECRET_KEY_OLD")),
  );
}

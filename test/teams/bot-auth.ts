// Bot Framework-style tokens for tests: a local RSA key, its JWKS on the fake connector, and the env that trusts it.
import { createPrivateKey, generateKeyPairSync, sign } from "node:crypto";
import type { FakeConnector } from "./fake-connector.ts";

export const APP_ID = "6f1c2a9e-4b7d-4c1e-9a3f-2d5e8b7c6a10";
/** The Bot Framework's issuer: TEAMS_OPENID_METADATA_URL moves the keys, not the issuer the SDK expects. */
const ISSUER = "https://api.botframework.com";
const KID = "quorum-test-key";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
// A second key the connector does not publish: tokens it signs must be refused.
const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;

/** Publishes the key on the fake connector and returns the setting that points token checks at it. */
export function trustConnector(connector: FakeConnector): { TEAMS_OPENID_METADATA_URL: string } {
  if (!connector.jwks.keys.some((k) => k.kid === KID)) {
    connector.jwks.keys.push({ ...publicKey.export({ format: "jwk" }), kid: KID, use: "sig", alg: "RS256" });
  }
  return { TEAMS_OPENID_METADATA_URL: `${connector.url}/v1/.well-known/openidconfiguration` };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function botToken(
  serviceUrl: string,
  opts: { audience?: string; key?: "trusted" | "stranger"; expiresIn?: number } = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64({ alg: "RS256", typ: "JWT", kid: KID });
  const payload = b64({
    iss: ISSUER,
    aud: opts.audience ?? APP_ID,
    serviceurl: serviceUrl,
    nbf: now - 60,
    iat: now - 60,
    exp: now + (opts.expiresIn ?? 3600),
  });
  const key =
    opts.key === "stranger"
      ? stranger
      : createPrivateKey(privateKey.export({ format: "pem", type: "pkcs8" }));
  const signature = sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), key).toString("base64url");
  return `${header}.${payload}.${signature}`;
}

/** An unsigned token shape for the SDK's outbound token override: only its form is checked. */
export const OUTBOUND_TOKEN = `${b64({ alg: "none", typ: "JWT" })}.${b64({ aud: "https://api.botframework.com", exp: 4102444800 })}.sig`;

export const authEnv = {
  TEAMS_APP_ID: APP_ID,
  TEAMS_APP_PASSWORD: "not-a-real-secret",
  TEAMS_TENANT_ID: "tenant-essex-0001",
};

/** Teams with authentication on, trusting the connector's key and allowing only its address. */
export function signedTeamsEnv(connector: FakeConnector): Record<string, string> {
  return {
    ...authEnv,
    ...trustConnector(connector),
    TEAMS_SERVICE_URL_HOSTS: new URL(connector.url).host,
  };
}

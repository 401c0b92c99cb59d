// Reads and validates the environment once; nothing else in Quorum touches process.env.
import { isIP } from "node:net";
import { z } from "zod";

const optional = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();

/** A positive whole number, or unset (blank counts as unset) for the core's default. */
const optionalCount = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.coerce.number().int().min(1).optional(),
);

/** A comma-separated setting: blanks dropped, so "a, b," is ["a", "b"] and "" is []. */
const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** A yes/no setting: only 1/true switch it on, so a typo is an error rather than a silent "off". */
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .refine((v) => v === undefined || ["", "0", "1", "true", "false"].includes(v), "use 1 or 0")
  .transform((v) => v === "1" || v === "true");

const KEY_PROBLEM = "must be 32 random bytes in base64 (make one with: openssl rand -base64 32)";

function isKey(v: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, "base64").length === 32;
}

const envSchema = z.object({
  DATABASE_URL: optional,
  HOST: optional,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  QUORUM_USER: optional,
  QUORUM_PARTNERSHIP: optional,
  // Where people reach quorum serve from their browser, for file links in chat (https, or http on loopback).
  QUORUM_PUBLIC_URL: optional.refine(
    (v) => v === undefined || localOrHttps(v),
    "must be an https URL (or http on a loopback address, for tests)",
  ),
  QUORUM_FILE_LINK_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: optional,
  // Several workspaces, each installing through Slack's OAuth (README "Install into several workspaces").
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: optional,
  // Seals workspace tokens at rest (AES-256-GCM); _OLD: earlier keys, comma-separated, still able to open.
  QUORUM_SECRET_KEY: optional.refine((v) => v === undefined || isKey(v), KEY_PROBLEM),
  QUORUM_SECRET_KEY_OLD: list.refine((l) => l.every(isKey), KEY_PROBLEM),
  TEAMS_APP_ID: optional,
  TEAMS_APP_PASSWORD: optional,
  TEAMS_TENANT_ID: list,
  TEAMS_SERVICE_URL_HOSTS: list,
  TEAMS_OPENID_METADATA_URL: optional.refine(
    (v) => v === undefined || localOrHttps(v),
    "must be an https URL (or http on a loopback address, for tests)",
  ),
  QUORUM_TEAMS_INSECURE: flag,
  // A server on PGlite keeps V8's optimising WebAssembly compiler (more memory, faster scans): src/cli/wasm-tier.ts.
  QUORUM_WASM_OPTIMIZE: flag,
  // The HTTP server's limits against slow and oversized clients (see README "Server limits").
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1).default(5_000),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(500),
  HTTP_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  // Email delivery (src/adapters/email): an smtp:// or smtps:// URL, the From address, and a send timeout.
  SMTP_URL: optional.refine(
    (v) => v === undefined || /^smtps?:\/\//i.test(v),
    "must be an smtp:// or smtps:// URL",
  ),
  MAIL_FROM: optional,
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  // Signs email's one-click links; without it emails carry no buttons (at least 32 characters).
  QUORUM_LINK_KEY: optional.refine((v) => v === undefined || v.length >= 32, "use at least 32 characters"),
  QUORUM_EMAIL_LINK_DAYS: z.coerce.number().int().min(1).max(30).default(7),
  QUORUM_RATE_USER_PER_MIN: optionalCount,
  QUORUM_RATE_PARTNERSHIP_PER_MIN: optionalCount,
  QUORUM_RATE_ENROL_PER_MIN: optionalCount,
  QUORUM_RATE_LINK_ME_PER_MIN: optionalCount,
});

export type Config = ReturnType<typeof loadConfig>;
export type TeamsConfig = NonNullable<Config["teams"]>;
export type EmailConfig = NonNullable<Config["email"]>;

export function loadConfig(env: NodeJS.ProcessEnv) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Configuration problem: ${problems}`);
  }
  const e = parsed.data;
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS)
    throw new Error(
      "Configuration problem: HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS",
    );
  const host = e.HOST ?? "0.0.0.0";
  return {
    databaseUrl: e.DATABASE_URL,
    /** The address quorum serve listens on; 0.0.0.0 (every interface) unless HOST says otherwise. */
    host,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    /** A server compiles PGlite's WebAssembly with TurboFan too (V8's default) instead of Liftoff alone. */
    wasmOptimize: e.QUORUM_WASM_OPTIMIZE,
    /** The shell's person; unset means the chosen partnership's first admin. */
    shellUser: e.QUORUM_USER?.replace(/^@/, "").toLowerCase(),
    /** The partnership's slug, where several exist; unset means the one init made the default. */
    partnership: e.QUORUM_PARTNERSHIP,
    /** Base of the file links offered in chat (no trailing slash); unset: chat replies say how to get the file. */
    publicUrl: e.QUORUM_PUBLIC_URL?.replace(/\/+$/, ""),
    fileLinkHours: e.QUORUM_FILE_LINK_HOURS,
    rateLimits: definedOnly({
      userPerMinute: e.QUORUM_RATE_USER_PER_MIN,
      partnershipPerMinute: e.QUORUM_RATE_PARTNERSHIP_PER_MIN,
      enrolmentsPerMinute: e.QUORUM_RATE_ENROL_PER_MIN,
      linkCodesPerMinute: e.QUORUM_RATE_LINK_ME_PER_MIN,
    }),
    slack: slackConfig(e),
    /** Keys that seal tokens at rest (base64, 32 bytes); unset: nothing secret may be stored. */
    secrets: e.QUORUM_SECRET_KEY ? { current: e.QUORUM_SECRET_KEY, old: e.QUORUM_SECRET_KEY_OLD } : undefined,
    teams: teamsConfig(e, host),
    email: emailConfig(e),
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
      maxBodyBytes: e.HTTP_MAX_BODY_BYTES,
    },
  };
}

/**
 * One workspace with SLACK_BOT_TOKEN, or many with SLACK_CLIENT_ID (each installs through OAuth and its
 * tokens are sealed in the database, so that mode needs QUORUM_SECRET_KEY). Not both: which token a
 * workspace gets would be a guess.
 */
function slackConfig(e: z.infer<typeof envSchema>) {
  const base = {
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    apiUrl: e.SLACK_API_URL,
  };
  if (!e.SLACK_CLIENT_ID)
    return e.SLACK_BOT_TOKEN ? { ...base, botToken: e.SLACK_BOT_TOKEN, oauth: undefined } : undefined;
  if (e.SLACK_BOT_TOKEN)
    throw new Error(
      "Configuration problem: SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: use SLACK_BOT_TOKEN for one " +
        "workspace, or SLACK_CLIENT_ID (with SLACK_CLIENT_SECRET and SLACK_STATE_SECRET) to install into several.",
    );
  const missing = ["SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "SLACK_SIGNING_SECRET"].filter(
    (k) => !e[k as "SLACK_CLIENT_SECRET"],
  );
  if (missing.length)
    throw new Error(
      `Configuration problem: SLACK_CLIENT_ID is set, so several workspaces can install Quorum; set ${missing.join(", ")} too.`,
    );
  if (!e.QUORUM_SECRET_KEY)
    throw new Error(
      "Configuration problem: installing into several Slack workspaces stores their tokens, and Quorum only " +
        "stores them encrypted: set QUORUM_SECRET_KEY. Make one with: openssl rand -base64 32",
    );
  return {
    ...base,
    botToken: undefined,
    oauth: {
      clientId: e.SLACK_CLIENT_ID,
      clientSecret: e.SLACK_CLIENT_SECRET as string,
      stateSecret: e.SLACK_STATE_SECRET as string,
    },
  };
}

/** Drops unset entries, so the core's defaults fill them (exactOptionalPropertyTypes forbids `undefined`). */
function definedOnly<T extends Record<string, number | undefined>>(o: T): { [K in keyof T]?: number } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: number;
  };
}

/**
 * Teams is on with an app id (every activity must carry a Bot Framework token), or, for local
 * development only, with QUORUM_TEAMS_INSECURE=1 on a loopback address. Otherwise it is off and
 * /api/messages does not exist.
 */
function teamsConfig(e: z.infer<typeof envSchema>, host: string) {
  const shared = {
    /** Tenants allowed to use Quorum; empty means "those linked to a partnership". */
    tenantIds: e.TEAMS_TENANT_ID,
    /** Host patterns a serviceUrl may name; empty means Microsoft's channel hosts. */
    serviceUrlHosts: e.TEAMS_SERVICE_URL_HOSTS,
  };
  if (e.QUORUM_TEAMS_INSECURE) {
    if (e.TEAMS_APP_ID) {
      throw new Error(
        "Configuration problem: QUORUM_TEAMS_INSECURE: it turns Teams authentication off and is for local " +
          "development without an app; unset it when TEAMS_APP_ID is set.",
      );
    }
    if (!isLoopbackHost(host)) {
      throw new Error(
        `Configuration problem: QUORUM_TEAMS_INSECURE: unauthenticated Teams is only allowed on a loopback ` +
          `address, and HOST is ${host}. Set HOST=127.0.0.1, or configure TEAMS_APP_ID and unset QUORUM_TEAMS_INSECURE.`,
      );
    }
    return {
      ...shared,
      insecure: true as const,
      appId: undefined,
      appPassword: undefined,
      openIdMetadataUrl: undefined,
    };
  }
  if (!e.TEAMS_APP_ID) return undefined;
  return {
    ...shared,
    insecure: false as const,
    appId: e.TEAMS_APP_ID,
    appPassword: e.TEAMS_APP_PASSWORD,
    /** Test-only: where inbound tokens' signing keys are published, instead of the Bot Framework's. */
    openIdMetadataUrl: e.TEAMS_OPENID_METADATA_URL,
  };
}

/** Email is on with SMTP_URL; it then needs MAIL_FROM. Links need a key and the public URL, or are left out. */
function emailConfig(e: z.infer<typeof envSchema>) {
  if (!e.SMTP_URL) return undefined;
  if (!e.MAIL_FROM)
    throw new Error(
      "Configuration problem: MAIL_FROM: set the address Quorum's email comes from (e.g. Quorum <quorum@example.org>) when SMTP_URL is set.",
    );
  return {
    smtpUrl: e.SMTP_URL,
    from: e.MAIL_FROM,
    timeoutMs: e.SMTP_TIMEOUT_MS,
    links:
      e.QUORUM_LINK_KEY && e.QUORUM_PUBLIC_URL
        ? {
            key: e.QUORUM_LINK_KEY,
            publicUrl: e.QUORUM_PUBLIC_URL.replace(/\/+$/, ""),
            days: e.QUORUM_EMAIL_LINK_DAYS,
          }
        : undefined,
  };
}

/** 127.0.0.0/8, ::1 or localhost: reachable only from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1";
  return false;
}

function localOrHttps(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
  } catch {
    return false;
  }
}

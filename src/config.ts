// Reads and validates the environment once; nothing else in Quorum touches process.env.
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

const envSchema = z.object({
  DATABASE_URL: optional,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  QUORUM_USER: optional,
  QUORUM_PARTNERSHIP: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: optional,
  TEAMS_APP_ID: optional,
  TEAMS_APP_PASSWORD: optional,
  TEAMS_TENANT_ID: optional,
  // The HTTP server's limits against slow and oversized clients (see README "Server limits").
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1).default(5_000),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(500),
  HTTP_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  QUORUM_RATE_USER_PER_MIN: optionalCount,
  QUORUM_RATE_PARTNERSHIP_PER_MIN: optionalCount,
  QUORUM_RATE_ENROL_PER_MIN: optionalCount,
});

export type Config = ReturnType<typeof loadConfig>;

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
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    /** The shell's person; unset means the chosen partnership's first admin. */
    shellUser: e.QUORUM_USER?.replace(/^@/, "").toLowerCase(),
    /** The partnership's slug, where several exist; unset means the one init made the default. */
    partnership: e.QUORUM_PARTNERSHIP,
    rateLimits: definedOnly({
      userPerMinute: e.QUORUM_RATE_USER_PER_MIN,
      partnershipPerMinute: e.QUORUM_RATE_PARTNERSHIP_PER_MIN,
      enrolmentsPerMinute: e.QUORUM_RATE_ENROL_PER_MIN,
    }),
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
        }
      : undefined,
    teams: e.TEAMS_APP_ID
      ? { appId: e.TEAMS_APP_ID, appPassword: e.TEAMS_APP_PASSWORD, tenantId: e.TEAMS_TENANT_ID }
      : undefined,
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
      maxBodyBytes: e.HTTP_MAX_BODY_BYTES,
    },
  };
}

/** Drops unset entries, so the core's defaults fill them (exactOptionalPropertyTypes forbids `undefined`). */
function definedOnly<T extends Record<string, number | undefined>>(o: T): { [K in keyof T]?: number } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: number;
  };
}

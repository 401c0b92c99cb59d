// The Teams SDK's logger over pino: activities and other payloads never reach the log, at any level.
import type { ILogger } from "@microsoft/teams.common";
import type { Logger } from "../../log.ts";

/** The SDK's logger interface over pino, so its warnings land in Quorum's log and not on stdout. */
export function sdkLogger(logger: Logger, name = "teams-sdk"): ILogger {
  const child = logger.child({ sdk: name });
  const at = (level: "debug" | "warn" | "error" | "trace") => (msg: unknown[]) => {
    if (child.isLevelEnabled(level)) child[level](sdkLine(msg));
  };
  const out: ILogger = {
    debug: (...m) => at("debug")(m),
    // The SDK's info lines (start-up chatter) are debug detail for Quorum.
    info: (...m) => at("debug")(m),
    warn: (...m) => at("warn")(m),
    error: (...m) => at("error")(m),
    trace: (...m) => at("trace")(m),
    log: (level, ...m) => out[level](...m),
    child: (n) => sdkLogger(logger, `${name}/${n}`),
  };
  return out;
}

/**
 * One log line from the SDK's arguments. The SDK passes whole activities (names, emails, message
 * text), decoded tokens and request configs as extra arguments, even at debug level; those become a
 * short description. Strings and error messages are kept, minus control characters and any
 * user:password@ in a URL.
 */
export function sdkLine(msg: unknown[]): string {
  return msg
    .map((m) => (typeof m === "string" ? clean(m) : m instanceof Error ? clean(m.message) : describe(m)))
    .join(" ");
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value !== "object")
    return typeof value === "number" || typeof value === "boolean" ? String(value) : `[${typeof value}]`;
  const v = value as Record<string, unknown>;
  if (typeof v.type === "string" && ("from" in v || "conversation" in v || "serviceUrl" in v)) {
    const name = typeof v.name === "string" ? `/${clean(v.name)}` : "";
    const id = typeof v.id === "string" ? ` id=${clean(v.id)}` : "";
    return `[activity ${clean(v.type)}${name}${id}]`;
  }
  return Array.isArray(value) ? `[array of ${value.length}]` : "[object]";
}

const clean = (s: string) =>
  s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/\/\/[^/\s@]*@/g, "//[redacted]@")
    .slice(0, 300);

/**
 * HTTP errors from the SDK carry the request config, Authorization header (the bot's token) included;
 * log only what helps, so no token reaches the log.
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: unknown; response?: { status?: unknown; data?: unknown } };
  if (e.response || e.code) {
    return {
      name: e.name,
      message: e.message,
      code: e.code,
      status: e.response?.status,
      data: e.response?.data,
    };
  }
  return { name: e.name, message: e.message, stack: e.stack };
}

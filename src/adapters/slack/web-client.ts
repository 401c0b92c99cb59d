// Web API client settings shared by bolt and the outbox sender, and a bolt logger that writes through pino.
import { type Logger as BoltLogger, LogLevel, type webApi } from "@slack/bolt";
import type { Logger } from "../../log.ts";

export interface SlackClientSettings {
  /** SLACK_API_URL: a local stand-in or a proxy; Slack's own API when unset. */
  apiUrl?: string | undefined;
  timeoutMs?: number;
}

/**
 * No hidden retries (the outbox owns retrying, and a person waiting on a reply should not sit through
 * backoff), a timeout so a hung call can't hold a request forever, and 429s rejected at once: the
 * client's default pauses its whole queue, so one busy channel would stall every other one.
 */
export function slackClientOptions(settings: SlackClientSettings, logger: Logger): webApi.WebClientOptions {
  return {
    ...(settings.apiUrl ? { slackApiUrl: withSlash(settings.apiUrl) } : {}),
    retryConfig: { retries: 0 },
    timeout: settings.timeoutMs ?? 10_000,
    rejectRateLimitedCalls: true,
    logger: boltLogger(logger),
  };
}

const withSlash = (url: string) => (url.endsWith("/") ? url : `${url}/`);

const LEVELS: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
};

/** bolt and the Web API log through this, at pino's level; they already redact tokens in request dumps. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "slack" });
  const line = (msg: unknown[]) => msg.map((m) => (typeof m === "string" ? m : safeJson(m))).join(" ");
  return {
    debug: (...msg) => child.debug(line(msg)),
    info: (...msg) => child.info(line(msg)),
    warn: (...msg) => child.warn(line(msg)),
    error: (...msg) => child.error(line(msg)),
    setLevel: () => {},
    getLevel: () => LEVELS[child.level] ?? LogLevel.ERROR,
    setName: () => {},
  };
}

function safeJson(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

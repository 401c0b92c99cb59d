// pino logger on stderr (stdout belongs to the shell's replies), with secrets redacted wherever they appear.
import pino, { type Logger } from "pino";

export type { Logger };

export const REDACT_PATHS = [
  "*.token",
  "*.botToken",
  "*.appToken",
  "*.signingSecret",
  "*.appPassword",
  "*.refreshToken",
  "*.clientSecret",
  "*.stateSecret",
  "*.access_token",
  "*.refresh_token",
  "*.client_secret",
  "*.password",
  "*.authorization",
  "*.headers.authorization",
  "config.slack",
  "config.teams",
  "config.secrets",
  "config.email",
];

/** What LOG_LEVEL defaults to (README, Configuration): warnings and errors only. */
export const DEFAULT_LOG_LEVEL = "warn";

export function createLogger(level: string = DEFAULT_LOG_LEVEL): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } }, pino.destination(2));
}

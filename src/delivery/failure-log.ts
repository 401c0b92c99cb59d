// Log backoff for a job that keeps failing (PostgreSQL down): the first failure, a summary a minute, and the recovery.
import { safeError } from "../error-log.ts";

export interface FailureLogger {
  error(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
}

export interface FailureLog {
  failed(err: unknown): void;
  succeeded(): void;
}

/**
 * The drain runs every half second: without this, a database outage writes two error lines a second for
 * as long as it lasts, burying everything else. Every failure is still counted; only the lines are spaced.
 */
export function failureLog(opts: {
  logger: FailureLogger;
  job: string;
  /** At most one "still failing" line per this many ms (default one minute). */
  everyMs?: number;
  now?: () => number;
}): FailureLog {
  const now = opts.now ?? Date.now;
  const everyMs = opts.everyMs ?? 60_000;
  let failures = 0;
  let since = 0;
  let lastLine = 0;
  let unlogged = 0;
  return {
    failed(err) {
      const t = now();
      failures++;
      if (failures === 1) {
        since = t;
        lastLine = t;
        opts.logger.error(
          { error: safeError(err), job: opts.job },
          `${opts.job} failed; it keeps retrying, and says so at most once a minute until it recovers`,
        );
        return;
      }
      unlogged++;
      if (t - lastLine < everyMs) return;
      opts.logger.error(
        { error: safeError(err), job: opts.job, failures, sinceLastLine: unlogged, failingForMs: t - since },
        `${opts.job} is still failing`,
      );
      lastLine = t;
      unlogged = 0;
    },
    succeeded() {
      if (failures === 0) return;
      opts.logger.warn(
        { job: opts.job, failures, failedForMs: now() - since },
        `${opts.job} recovered after ${failures} failed ${failures === 1 ? "run" : "runs"}`,
      );
      failures = 0;
      unlogged = 0;
    },
  };
}

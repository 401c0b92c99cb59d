// Typed errors with stable codes: adapters show the message (and usage line), never a stack trace.
export type ErrorCode =
  | "unknown_command"
  | "missing_argument"
  | "bad_argument"
  | "bad_date"
  | "too_long"
  | "not_found"
  | "ambiguous"
  | "forbidden"
  | "conflict"
  | "not_linked"
  | "rate_limited";

export class QuorumError extends Error {
  override readonly name = "QuorumError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The usage line of the command that failed, shown under the message. */
    readonly usage?: string,
    /** The input the error belongs to (a form field or option name, e.g. "due"), so a form can show it there. */
    readonly field?: string,
  ) {
    super(message);
  }

  withUsage(usage: string): QuorumError {
    return this.usage ? this : new QuorumError(this.code, this.message, usage, this.field);
  }

  /** The same error, marked as belonging to `field` unless a more specific check already marked it. */
  inField(field: string): QuorumError {
    return this.field ? this : new QuorumError(this.code, this.message, this.usage, field);
  }
}

/** Runs a check on one input and marks any QuorumError it throws as belonging to that input. */
export async function inField<T>(field: string, check: () => T | Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (err) {
    throw err instanceof QuorumError ? err.inField(field) : err;
  }
}

export const notFound = (what: string) => new QuorumError("not_found", what);
export const forbidden = (why: string) => new QuorumError("forbidden", why);
export const badArgument = (why: string) => new QuorumError("bad_argument", why);

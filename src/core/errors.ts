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
  ) {
    super(message);
  }

  withUsage(usage: string): QuorumError {
    return this.usage ? this : new QuorumError(this.code, this.message, usage);
  }
}

export const notFound = (what: string) => new QuorumError("not_found", what);
export const forbidden = (why: string) => new QuorumError("forbidden", why);
export const badArgument = (why: string) => new QuorumError("bad_argument", why);

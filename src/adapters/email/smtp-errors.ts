// The one place SMTP failures become Quorum's delivery codes: 4xx and refused connections are retried,
// a mailbox that does not exist is gone, other 5xx are rejected, and a timeout after the message may
// have been handed over is ambiguous (never re-sent blindly).
import { DeliveryError } from "../../core/outbound.ts";

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  timeoutType?: string;
  message?: string;
}

/** RFC 5321: 550 mailbox unavailable, 551 user not local, 553 mailbox name not allowed. */
const NO_SUCH_MAILBOX = new Set([550, 551, 553]);
/** Timeouts before anything was sent: the message cannot have been delivered. */
const BEFORE_SENDING = new Set(["CONNECT_TIMEOUT", "GREETING_TIMEOUT", "UPGRADE_TIMEOUT"]);
const NETWORK_DOWN = new Set(["ECONNECTION", "EDNS", "ESOCKET", "ETLS"]);

export function smtpDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (err ?? {}) as SmtpFailure;
  const reply = (e.response ?? e.message ?? String(err)).replace(/\s+/g, " ").slice(0, 300);
  const status = e.responseCode;
  if (typeof status === "number" && status >= 400 && status < 500)
    return new DeliveryError("unreachable", `SMTP ${status} (try later): ${reply}`);
  if (typeof status === "number" && status >= 500) {
    return NO_SUCH_MAILBOX.has(status)
      ? new DeliveryError("gone", `SMTP ${status} (address refused): ${reply}`)
      : new DeliveryError("rejected", `SMTP ${status} (refused): ${reply}`);
  }
  if (e.code === "ETIMEDOUT")
    return BEFORE_SENDING.has(e.timeoutType ?? "")
      ? new DeliveryError("unreachable", `SMTP timed out before sending (${e.timeoutType}): ${reply}`)
      : new DeliveryError("ambiguous", `SMTP timed out mid-send (${e.timeoutType ?? "socket"}): ${reply}`);
  if (e.code && NETWORK_DOWN.has(e.code))
    return new DeliveryError("unreachable", `SMTP server not reachable (${e.code}): ${reply}`);
  if (e.code === "EAUTH" || e.code === "ENOAUTH")
    return new DeliveryError("unreachable", `SMTP login failed (${e.code}); check SMTP_URL: ${reply}`);
  return new DeliveryError("rejected", `SMTP ${e.code ?? "error"}: ${reply}`);
}

// Slack Web API failures in one place: the outbox's DeliveryError code, a log line and words for the user.
import { webApi } from "@slack/bolt";
import { DeliveryError } from "../../core/outbound.ts";

/** This channel or person is gone for good (deleted, archived, bot removed): stop posting to it. */
const GONE = new Set(["channel_not_found", "not_in_channel", "is_archived", "user_not_found"]);

/**
 * The whole workspace connection is broken (revoked, expired, uninstalled). Not "gone": that would switch
 * off every channel's digest one by one; the row is parked and the channels stay linked for the reinstall.
 */
const CONNECTION_LOST = new Set([
  "account_inactive",
  "token_revoked",
  "token_expired",
  "invalid_auth",
  "not_authed",
  "app_uninstalled",
  "team_not_found",
]);

/** The workspace's token will never work again (token_expired is left out: a refresh may cure it). */
const TOKEN_DEAD = new Set([
  "account_inactive",
  "token_revoked",
  "invalid_auth",
  "app_uninstalled",
  "team_not_found",
]);

export const isConnectionLost = (err: unknown): boolean =>
  err instanceof webApi.WebAPIPlatformError && TOKEN_DEAD.has(err.data.error);

/** Slack's own server trouble: the message may or may not have been posted. */
const SERVER_TROUBLE = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

/** The request never left this machine, so sending again cannot duplicate anything. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** The Slack error string ("not_in_channel"), HTTP status or network code, for logs and tests. */
export function slackErrorCode(err: unknown): string {
  if (err instanceof webApi.WebAPIPlatformError) return err.data.error;
  if (err instanceof webApi.WebAPIRateLimitedError) return "ratelimited";
  if (err instanceof webApi.WebAPIHTTPError) return `http_${err.statusCode}`;
  if (err instanceof webApi.WebAPIRequestError) return networkCode(err.original);
  return err instanceof Error ? err.name : "unknown";
}

export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const code = slackErrorCode(err);
  const message = `Slack: ${code}`;
  if (err instanceof webApi.WebAPIRateLimitedError) {
    return new DeliveryError("rate_limited", message, { retryAfterMs: err.retryAfter * 1000 });
  }
  if (err instanceof webApi.WebAPIPlatformError) {
    if (code === "ratelimited" || code === "rate_limited") {
      const after = Number(err.data.response_metadata?.retryAfter ?? 1);
      return new DeliveryError("rate_limited", message, { retryAfterMs: after * 1000 });
    }
    if (GONE.has(code)) return new DeliveryError("gone", message);
    if (CONNECTION_LOST.has(code))
      return new DeliveryError("rejected", `${message} (reinstall the Slack app)`);
    if (SERVER_TROUBLE.has(code)) return new DeliveryError("ambiguous", message);
    return new DeliveryError("rejected", message);
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    return new DeliveryError(err.statusCode >= 500 ? "ambiguous" : "rejected", message);
  }
  if (err instanceof webApi.WebAPIRequestError) {
    if (NEVER_SENT.has(code)) return new DeliveryError("unreachable", message);
    // A timeout or a dropped connection after the request left: Slack may have posted it.
    if (
      code === "TimeoutError" ||
      code === "AbortError" ||
      code === "ECONNRESET" ||
      code === "UND_ERR_SOCKET"
    ) {
      return new DeliveryError("ambiguous", message);
    }
  }
  return new DeliveryError("rejected", message);
}

/** What to tell the person when a Slack call made on their behalf fails: plain words, no stack trace. */
export function userMessageFor(err: unknown): string {
  const code = slackErrorCode(err);
  switch (code) {
    case "not_in_channel":
      return "Quorum isn't a member of this channel, so it can't post here. Invite it with /invite @Quorum, then try again.";
    case "channel_not_found":
      return "Slack says that channel doesn't exist or Quorum can't see it (it may be private). Invite Quorum to it first.";
    case "is_archived":
      return "That channel is archived, so Quorum can't post there.";
    case "account_inactive":
    case "token_revoked":
    case "token_expired":
    case "invalid_auth":
    case "not_authed":
      return "Quorum's Slack connection has been revoked or deactivated. Ask a workspace admin to reinstall the app.";
    case "ratelimited":
      return "Slack is asking Quorum to slow down. Please try again in a minute.";
    case "expired_trigger_id":
      return "That took too long for Slack to open the form. Please try again.";
    default:
      return `Slack couldn't complete that (${code}). Nothing else was changed; please try again.`;
  }
}

/** fetch wraps socket errors as TypeError("fetch failed") with the code on `cause`; DOMException has a numeric code. */
function networkCode(err: Error): string {
  const own = (err as Error & { code?: unknown }).code;
  const cause = (err as Error & { cause?: { code?: unknown } }).cause?.code;
  if (typeof own === "string") return own;
  if (typeof cause === "string") return cause;
  return err.name;
}

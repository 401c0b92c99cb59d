// Outbound messages: what the core asks adapters to post unprompted, and how senders report failure.
import type { Card } from "./card.ts";
import type { NewOutboxMessage } from "./ports.ts";
import type { ChannelLink, Platform } from "./types.ts";

/** Where an outbox message goes, resolved when it is enqueued so delivery needs no lookups. */
export interface DeliveryTarget {
  platform: Platform;
  tenant: string;
  kind: "channel" | "person";
  /** Slack channel or user id, Teams conversation or user id, shell handle. */
  id: string;
  /** The adapter's stored conversation reference, if it needs one to post unprompted. */
  ref: Record<string, unknown> | null;
  /** For notes and logs: who or what this is, e.g. "#hwb-board" or "Helen Marsh". */
  label: string;
}

export interface OutboundPayload {
  card: Card;
  /** Plain-text fallback for notifications and screen readers. */
  text: string;
}

/**
 * Stable failure kinds every sender maps its platform's errors to; the outbox decides what to do:
 * rate_limited waits retryAfterMs; unreachable retries with backoff; gone marks the target uninstalled;
 * ambiguous (a timeout or 5xx after the request left) is not re-sent blindly; rejected is parked.
 */
export type DeliveryErrorCode = "rate_limited" | "unreachable" | "gone" | "ambiguous" | "rejected";

export class DeliveryError extends Error {
  override readonly name = "DeliveryError";
  readonly retryAfterMs: number | undefined;
  /**
   * "gone" because the whole workspace is out of reach (no installation, a dead token), not because the
   * person left: their chat account stays linked (a Slack Connect guest's, say) while others are tried.
   */
  readonly workspaceGone: boolean;

  /** Named options, so a call site says which it means (a bare `true` after an optional time did not). */
  constructor(
    readonly code: DeliveryErrorCode,
    message: string,
    opts: { retryAfterMs?: number | undefined; workspaceGone?: boolean } = {},
  ) {
    super(message);
    this.retryAfterMs = opts.retryAfterMs;
    this.workspaceGone = opts.workspaceGone ?? false;
  }
}

/** One per platform adapter. Resolves with the platform's id for the posted message. */
export interface Sender {
  readonly platform: Platform;
  send(target: DeliveryTarget, payload: OutboundPayload): Promise<{ messageId: string }>;
}

export const linkTarget = (link: ChannelLink): DeliveryTarget => ({
  platform: link.platform,
  tenant: link.tenant,
  kind: "channel",
  id: link.channelId,
  ref: link.conversationRef,
  label: link.name ?? link.channelId,
});

/** The one shape of an outbox row for a resolved target, queued now and due now. */
export function outboxMessage(
  partnershipId: number,
  dedupeKey: string,
  kind: string,
  target: DeliveryTarget,
  payload: OutboundPayload,
  now: Date,
): NewOutboxMessage {
  return {
    partnershipId,
    dedupeKey,
    kind,
    platform: target.platform,
    target: { ...target },
    payload: { ...payload },
    createdAt: now,
    notBefore: now,
  };
}

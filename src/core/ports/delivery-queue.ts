// The outbox as delivery workers see it, a port the store implements: claim, pace, record each outcome.
import type { DeliveryTarget, OutboundPayload } from "../outbound.ts";
import type { Platform } from "../types.ts";

export type OutboxStatus = "pending" | "sending" | "sent" | "unknown" | "parked";

export interface OutboxRow {
  id: number;
  partnershipId: number;
  kind: string;
  platform: Platform;
  target: DeliveryTarget;
  targetKey: string;
  payload: OutboundPayload;
  status: OutboxStatus;
  attempts: number;
  notBefore: Date;
  lastError: string | null;
  messageId: string | null;
  createdAt: Date;
  /** Parked unsent as stale after this (scheduled posts); null: delivered however late. */
  expiresAt: Date | null;
}

export interface PaceKey {
  key: string;
  /** Minimum time between two sends to this key, on average (the key's rate is 1000 / gapMs a second). */
  gapMs: number;
  /**
   * How early a send may take its slot (default 0: never). A token bucket in GCRA form: the schedule keeps
   * its rate even when the worker wakes late, instead of losing the lateness at every send.
   */
  earlyMs?: number;
  /**
   * The platform's own count, where it has one: at most `max` sends in any `ms`. The slot above is taken
   * before a send leaves, and a lock wait or a pause between the two can bunch sends that left their slots
   * evenly; so each instance also keeps the sends it lets go, as they go, under this window.
   */
  window?: { max: number; ms: number };
}

/**
 * A platform's tenant (a Slack workspace, a Teams tenant, a partnership's email): the unit the worker claims
 * and drains on its own, so a lane paced slowly never holds up another.
 */
export interface Lane {
  platform: Platform;
  tenant: string;
}

export interface DeliveryQueue {
  /**
   * The lanes of the given platforms with pending rows, and when each lane's first row falls due. Rows whose
   * lease ran out mid-send first become "unknown": they may have been sent.
   */
  lanes(now: Date, platforms: Platform[]): Promise<Array<Lane & { dueAt: Date }>>;
  /**
   * Leases up to `limit` due rows of one lane (or of every lane of the given platforms), each the earliest
   * pending row of its target and none of a target with a send under way, so one conversation's rows go
   * in order; rows another instance has locked are skipped.
   */
  claim(now: Date, platforms: Platform[], limit: number, leaseMs: number, lane?: Lane): Promise<OutboxRow[]>;
  /** Takes the next slot of every key, or none of them: false when any key is still cooling down. */
  takePace(keys: PaceKey[], now: Date): Promise<boolean>;
  /** Holds a key until `until` (a platform's Retry-After), for every instance. */
  holdPace(key: string, until: Date): Promise<void>;
  sent(id: number, messageId: string, now: Date): Promise<void>;
  /** Back to pending; `failed` counts the attempt (a pacing wait does not). */
  retry(id: number, notBefore: Date, error: string | null, failed: boolean): Promise<void>;
  finish(id: number, status: "parked" | "unknown", error: string): Promise<void>;
  /** The platform says the channel is gone or the bot was removed: stop posting there. */
  markChannelGone(row: OutboxRow): Promise<void>;
  /**
   * A person's platform says they are gone: forget that identity and queue the message once for their
   * next way to reach them among `platforms`, then email, with the rest of that target's pending messages
   * after it, in order (those are parked). Returns the new target, or null when none is left.
   */
  retarget?(
    row: OutboxRow,
    platforms: Platform[],
    now: Date,
    forgetIdentity: boolean,
  ): Promise<DeliveryTarget | null>;
  list(statuses: OutboxStatus[], limit: number): Promise<OutboxRow[]>;
  /** Operator actions from `quorum outbox`: send a parked or unknown row again, or drop it. */
  requeue(id: number, now: Date): Promise<boolean>;
  drop(id: number): Promise<boolean>;
}

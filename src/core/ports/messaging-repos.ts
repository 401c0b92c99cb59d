// Ports for what crosses the chat boundary: channel links, the outbox, the event ledger and rate counts.
import type { ChannelLink, Platform } from "../types.ts";

export type NewChannelLink = Pick<ChannelLink, "partnershipId" | "platform" | "tenant" | "channelId"> &
  Partial<Pick<ChannelLink, "name" | "groupId" | "conversationRef" | "digestEnabled">>;

export interface ChannelLinkRepo {
  byChannel(platform: Platform, tenant: string, channelId: string): Promise<ChannelLink | null>;
  list(partnershipId: number): Promise<ChannelLink[]>;
  /** Creates the link or refreshes its name and reference; an uninstalled link becomes active again. */
  upsert(link: NewChannelLink): Promise<ChannelLink>;
  update(
    id: number,
    patch: Partial<
      Pick<ChannelLink, "groupId" | "digestSchedule" | "digestEnabled" | "digestAllClear" | "status" | "name">
    >,
  ): Promise<void>;
}

export interface NewOutboxMessage {
  partnershipId: number;
  /** kind:subject:occurrence:target; a second enqueue with the same key is ignored. */
  dedupeKey: string;
  kind: string;
  platform: Platform;
  target: Record<string, unknown>;
  payload: Record<string, unknown>;
  notBefore?: Date;
  /** When it was queued by the core's clock; default: now. */
  createdAt?: Date;
  /** After this the worker parks it unsent, as stale (scheduled posts); null or absent: never. */
  expiresAt?: Date | null;
}

export interface OutboxRepo {
  /** False when a message with the same dedupe key already exists. */
  enqueue(m: NewOutboxMessage): Promise<boolean>;
  /** Many at once, in one statement; returns how many were new. */
  enqueueMany(list: NewOutboxMessage[]): Promise<number>;
  /** When the latest message whose dedupe key starts with `keyPrefix` was queued, if after `since`. */
  lastQueuedAt(partnershipId: number, keyPrefix: string, since: Date): Promise<Date | null>;
}

/** A key in the processed-events ledger: true the first time it is claimed, for the platform's events. */
export interface EventClaim {
  platform: Platform;
  key: string;
}

export interface ProcessedEventRepo {
  /** True the first time an event id is seen; false for a retry or redelivery of the same event. */
  claim(platform: Platform, eventId: string): Promise<boolean>;
}

/** Installation-wide choices, such as the partnership the command line opens by default. */
export interface SettingsRepo {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

/** One counter to add a hit to, and the most hits its window allows. */
export interface RateKey {
  key: string;
  limit: number;
}

export interface RateLimitRepo {
  /**
   * Adds one hit to each key's count for the window starting at `windowStart`, atomically (one statement,
   * so concurrent instances count exactly), in order, and stops after the first key whose new count is
   * over its limit: a refused hit must not use up the wider allowances after it. Returns the new counts of
   * the keys it counted, in order.
   */
  hit(windowStart: Date, keys: RateKey[]): Promise<number[]>;
  /**
   * An inbound event's statement: claims `claim` in the processed-events ledger and, only if the claim is
   * new, counts the hits as `hit` does, in one round trip; a claim taken before counts nothing (counts []).
   * Without a claim (the event was claimed apart, as a Teams turn is) it counts and is always `claimed`.
   * Either way it also reads `seen`, for the event's transaction to start from.
   */
  hitOnce(
    claim: EventClaim | undefined,
    windowStart: Date,
    keys: RateKey[],
  ): Promise<{ claimed: boolean; counts: number[]; seen?: ReadPoint }>;
}

/**
 * What a statement run just before a transaction saw, for that transaction to take as its own first read:
 * the statement that counts an event (and claims it, if run once) reads the directory's version in the same round trip, and
 * the event's transaction then need not read it again (store/directory-cache.ts). Opaque to the core,
 * which only hands it from the one to the other; it must come from the same event.
 */
export interface ReadPoint {
  readonly directoryVersion?: number;
}

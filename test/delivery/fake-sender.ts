// An in-process platform for delivery tests: records what arrives, and fails on a seeded schedule the
// way Slack and Teams do (429 with Retry-After, refused connections, timeouts after delivery, removal).
import {
  DeliveryError,
  type DeliveryTarget,
  type OutboundPayload,
  type Sender,
} from "../../src/core/outbound.ts";
import type { Platform } from "../../src/core/types.ts";

export interface Received {
  target: DeliveryTarget;
  payload: OutboundPayload;
  at: Date;
}

export type Fault = "ok" | "429" | "refused" | "timeout-after-send" | "500-before-send" | "gone";

export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function createFakeSender(
  platform: Platform,
  clock: { now(): Date },
  pickFault: () => Fault = () => "ok",
) {
  const received: Received[] = [];
  let n = 0;
  const sender: Sender = {
    platform,
    async send(target, payload) {
      const fault = pickFault();
      if (fault === "429") throw new DeliveryError("rate_limited", "ratelimited", { retryAfterMs: 2000 });
      if (fault === "refused") throw new DeliveryError("unreachable", "connect ECONNREFUSED");
      if (fault === "500-before-send") throw new DeliveryError("ambiguous", "HTTP 500");
      if (fault === "gone") throw new DeliveryError("gone", "channel_not_found");
      received.push({ target, payload, at: clock.now() });
      if (fault === "timeout-after-send") throw new DeliveryError("ambiguous", "timed out after 10000 ms");
      return { messageId: `${platform}-${++n}` };
    },
  };
  return { sender, received };
}

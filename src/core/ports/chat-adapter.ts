// The port every chat platform implements: its name, how it posts unprompted, how fast, and its lifecycle.
import type { DeliveryTarget, Sender } from "../outbound.ts";
import type { Platform } from "../types.ts";
import type { PaceKey } from "./delivery-queue.ts";

/**
 * What delivery needs from a platform: its sender, and the rate limits one send counts against. The worker
 * takes a slot of every key before sending and sends rows that share the first key one after another.
 */
export interface Outlet {
  readonly platform: Platform;
  readonly sender: Sender;
  /**
   * The limits a send to `target` counts against, widest first (e.g. a Teams tenant, then the
   * conversation). `targetKey` is the outbox's key for the target (one channel, conversation or person).
   * None: sends are not paced.
   */
  paceKeys(target: DeliveryTarget, targetKey: string): PaceKey[];
}

/**
 * One chat platform as the server and the delivery worker see it. `Mount` is the shared HTTP server's
 * type (express in src/server); the core does not need to know it.
 */
export interface ChatAdapter<Mount = unknown> extends Outlet {
  /** For logs and health: "slack", "slack (socket mode)", "teams", "shell". */
  readonly name: string;
  /** Adds the platform's routes to the shared HTTP server, before it listens. */
  mount?(server: Mount): Promise<void> | void;
  /** Work after the server listens (Socket Mode connects here). */
  start?(): Promise<void>;
  /** Finishes what is in flight and disconnects. */
  stop?(): Promise<void>;
}

/** An outlet whose sends are not paced (the shell, a test's sender). */
export const unpaced = (sender: Sender): Outlet => ({
  platform: sender.platform,
  sender,
  paceKeys: () => [],
});

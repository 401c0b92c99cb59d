// Slack's posting limit as the outbox worker sees it: about one message a second per channel.
import type { Sender } from "../../core/outbound.ts";
import type { Outlet } from "../../core/ports/chat-adapter.ts";

export const SLACK_PER_CHANNEL_MS = 1000;

/** Slack delivery for the worker: this sender, one slot per channel (or DM) a second. */
export const slackOutlet = (sender: Sender): Outlet => ({
  platform: "slack",
  sender,
  paceKeys: (_target, targetKey) => [{ key: targetKey, gapMs: SLACK_PER_CHANNEL_MS }],
});

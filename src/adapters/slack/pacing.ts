// Slack's posting limits as the outbox worker sees them: about one message a second per channel, and a
// workspace-wide ceiling on chat.postMessage that Slack documents as "several hundred a minute".
import type { Sender } from "../../core/outbound.ts";
import type { Outlet } from "../../core/ports/chat-adapter.ts";

export const SLACK_PER_CHANNEL_MS = 1000;

/**
 * 280 a minute per workspace (a margin under 300, the low end of "several hundred"), so a digest fanned
 * out to a workspace's many channels never meets the ceiling. Slack allows short bursts, so a token
 * bucket (kept as one timestamp) lets ten sends go early: a handful of notices go at once, and a worker
 * that wakes late keeps the rate. Any minute still sees at most floor((60000 + early) / gap) + 1 = 291.
 */
export const SLACK_PER_WORKSPACE_MS = 60_000 / 280;
export const SLACK_WORKSPACE_EARLY_MS = 10 * SLACK_PER_WORKSPACE_MS;

/** Slack delivery for the worker: the workspace's slot first (rows sharing it go one after another), then the channel's. */
export const slackOutlet = (sender: Sender): Outlet => ({
  platform: "slack",
  sender,
  paceKeys: (target, targetKey) => [
    {
      key: `slack-workspace:${target.tenant}`,
      gapMs: SLACK_PER_WORKSPACE_MS,
      earlyMs: SLACK_WORKSPACE_EARLY_MS,
    },
    { key: targetKey, gapMs: SLACK_PER_CHANNEL_MS },
  ],
});

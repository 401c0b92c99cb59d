// Slack's posting limits as the outbox worker sees them: about one message a second per channel, and a
// workspace-wide ceiling on chat.postMessage that Slack documents as "several hundred a minute".
import type { Sender } from "../../core/outbound.ts";
import type { Outlet } from "../../core/ports/chat-adapter.ts";

export const SLACK_PER_CHANNEL_MS = 1000;

/**
 * 290 a minute per workspace (a margin under 300, the low end of "several hundred"), so a digest fanned
 * out to a workspace's many channels never meets the ceiling. The slot may be taken up to half a gap
 * early (a token bucket kept as one timestamp) so a worker that wakes late keeps the rate; any minute
 * still sees at most floor((60000 + early) / gap) + 1 = 291 sends.
 */
export const SLACK_PER_WORKSPACE_MS = 60_000 / 290;
export const SLACK_WORKSPACE_EARLY_MS = SLACK_PER_WORKSPACE_MS / 2;

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

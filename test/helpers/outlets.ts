// Test senders as delivery outlets, paced exactly as the real platform adapters pace them.
import { slackOutlet } from "../../src/adapters/slack/pacing.ts";
import { teamsOutlet } from "../../src/adapters/teams/pacing.ts";
import type { Sender } from "../../src/core/outbound.ts";
import { type Outlet, unpaced } from "../../src/core/ports/chat-adapter.ts";

export function outletsFor(...senders: Sender[]): Outlet[] {
  return senders.map((s) =>
    s.platform === "slack" ? slackOutlet(s) : s.platform === "teams" ? teamsOutlet(s) : unpaced(s),
  );
}

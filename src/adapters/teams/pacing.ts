// Teams' posting limits as the outbox worker sees them: 30 messages a second per tenant, 7 per conversation.
import type { Sender } from "../../core/outbound.ts";
import type { Outlet } from "../../core/ports/chat-adapter.ts";

export const TEAMS_PER_TENANT_MS = Math.ceil(1000 / 30);
export const TEAMS_PER_CONVERSATION_MS = Math.ceil(1000 / 7);

/** Teams delivery for the worker: the tenant's slot first (rows sharing it go one after another). */
export const teamsOutlet = (sender: Sender): Outlet => ({
  platform: "teams",
  sender,
  paceKeys: (target, targetKey) => [
    { key: `teams-tenant:${target.tenant}`, gapMs: TEAMS_PER_TENANT_MS },
    { key: targetKey, gapMs: TEAMS_PER_CONVERSATION_MS },
  ],
});

// Teams' posting limits as the outbox worker sees them: 30 messages a second per tenant, 7 per conversation.
import type { Sender } from "../../core/outbound.ts";
import type { Outlet } from "../../core/ports/chat-adapter.ts";

/**
 * The tenant's allowance is used at 29 a second (a small margin) through a token bucket shared by every
 * instance, which lets a send go up to half a gap early so the rate holds when the worker wakes late. Any
 * 1-second window then sees at most floor((1000 + early) / gap) + 1 = 30 sends: never over the limit.
 */
export const TEAMS_PER_TENANT_MS = 1000 / 29;
export const TEAMS_TENANT_EARLY_MS = TEAMS_PER_TENANT_MS / 2;
/**
 * The bound above holds for the times slots are taken. A send leaves a little after (its slot's commit, a
 * pause): if the first of 31 leaves 17 ms late and the last on time, Teams counts 31 in a second. So each
 * instance also lets at most 30 sends a tenant leave in any 1,020 ms, 20 ms of room for the way to Teams. At
 * 29 a second, 31 sends span 1,034 ms, so an even run does not wait; a bunched one waits its bunch out.
 */
export const TEAMS_TENANT_WINDOW = { max: 30, ms: 1020 };
/** A conversation gets a message or two in a fan-out; it keeps a plain gap, well inside 7 a second. */
export const TEAMS_PER_CONVERSATION_MS = Math.ceil(1000 / 7);

/** Teams delivery for the worker: the tenant's slot first (rows sharing it go one after another). */
export const teamsOutlet = (sender: Sender): Outlet => ({
  platform: "teams",
  sender,
  paceKeys: (target, targetKey) => [
    {
      key: `teams-tenant:${target.tenant}`,
      gapMs: TEAMS_PER_TENANT_MS,
      earlyMs: TEAMS_TENANT_EARLY_MS,
      window: TEAMS_TENANT_WINDOW,
    },
    { key: targetKey, gapMs: TEAMS_PER_CONVERSATION_MS },
  ],
});

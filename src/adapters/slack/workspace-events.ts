// A workspace uninstalling Quorum or revoking its bot token: forget the tokens and every channel link in it.
import type { SlackRoutes } from "./routes.ts";

export function registerWorkspaceLifecycle(
  routes: SlackRoutes,
  forget: (team: string) => Promise<void>,
): void {
  // bolt delivers these two without authorizing first: by now there is no token to authorize with.
  routes.event("app_uninstalled", async ({ body }) => {
    if (body.team_id) await forget(body.team_id);
  });
  routes.event("tokens_revoked", async ({ event, body }) => {
    // A user token revoked (Quorum asks for none) leaves the bot working.
    if (body.team_id && (event.tokens.bot?.length ?? 0) > 0) await forget(body.team_id);
  });
}

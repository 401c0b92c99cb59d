// A workspace uninstalling Quorum or revoking its bot token: forget the tokens and every channel link in it.
import type { App } from "@slack/bolt";

export function registerWorkspaceLifecycle(bolt: App, forget: (team: string) => Promise<void>): void {
  // bolt delivers these two without authorizing first: by now there is no token to authorize with.
  bolt.event("app_uninstalled", async ({ body }) => {
    if (body.team_id) await forget(body.team_id);
  });
  bolt.event("tokens_revoked", async ({ event, body }) => {
    // A user token revoked (Quorum asks for none) leaves the bot working.
    if (body.team_id && (event.tokens.bot?.length ?? 0) > 0) await forget(body.team_id);
  });
}

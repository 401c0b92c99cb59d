// The port for a chat workspace's credentials from an OAuth install: plaintext here, sealed at rest by the store.

/** One Slack workspace's bot credentials, as the adapter uses them. */
export interface WorkspaceTokens {
  teamId: string;
  enterpriseId?: string | undefined;
  teamName?: string | undefined;
  appId?: string | undefined;
  botId?: string | undefined;
  botUserId?: string | undefined;
  scopes: string[];
  botToken: string;
  /** Present when Slack's token rotation is on: the bot token then expires at `expiresAt` (epoch seconds). */
  refreshToken?: string | undefined;
  expiresAt?: number | undefined;
  installerUserId?: string | undefined;
}

export interface WorkspaceTokenStore {
  /** Saves (or replaces, on a reinstall or a token refresh) a workspace's credentials. */
  save(tokens: WorkspaceTokens): Promise<void>;
  get(teamId: string): Promise<WorkspaceTokens | null>;
  /** Deletes them (uninstalled or revoked); true when there was something to delete. */
  remove(teamId: string): Promise<boolean>;
}

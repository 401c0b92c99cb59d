// What every chat adapter is built from (the Quorum facade, a logger, the config) and what it gives the server.
import type { Express } from "express";
import type { Config } from "../config.ts";
import type { ChatAdapter } from "../core/ports/chat-adapter.ts";
import type { WorkspaceTokenStore } from "../core/ports/workspace-tokens.ts";
import type { Quorum } from "../core/quorum.ts";
import type { Logger } from "../log.ts";

/** A chat adapter on the shared express server. */
export type ServerAdapter = ChatAdapter<Express>;

export interface AdapterDeps {
  /** The core's facade: the only way an adapter reads or changes anything. */
  quorum: Quorum;
  /** Each adapter reads its own section (config.slack, config.teams) and nothing else. */
  config: Config;
  logger: Logger;
  /** Installed workspaces' tokens, sealed at rest; present only when QUORUM_SECRET_KEY is set. */
  tokens?: WorkspaceTokenStore | undefined;
}

/** Builds the adapter when the config enables its platform, else undefined. One line per platform in src/server/adapters.ts. */
export type AdapterFactory = (deps: AdapterDeps) => ServerAdapter | undefined;

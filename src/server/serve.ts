// quorum serve: the HTTP server with every configured chat adapter mounted on it.
import type { Express } from "express";
import type { App } from "../app.ts";
import { type Config, isLoopbackHost } from "../config.ts";
import type { Sender } from "../core/outbound.ts";
import type { Logger } from "../log.ts";
import { fileLinkOptions, withFileLinks } from "./file-links.ts";
import { mountFileRoutes } from "./file-routes.ts";
import { type HealthChecks, type HttpServer, startHttpServer } from "./http-server.ts";

/** What a chat adapter contributes to the server: its routes, its outbound sender, its shutdown. */
export interface ServerAdapter {
  readonly name: string;
  mount(app: Express): Promise<void> | void;
  sender?: Sender;
  /** Extra start-up work after the server listens (Socket Mode connects here). */
  start?(): Promise<void>;
  close?(): Promise<void>;
}

export interface AdapterDeps {
  app: App;
  config: Config;
  logger: Logger;
}

export type AdapterFactory = (deps: AdapterDeps) => ServerAdapter | undefined;

export interface Running {
  http: HttpServer;
  adapters: ServerAdapter[];
  close(): Promise<void>;
}

export async function serve(
  deps: AdapterDeps,
  factories: AdapterFactory[],
  opts: { host?: string; port?: number; health?: HealthChecks } = {},
): Promise<Running> {
  const host = opts.host ?? deps.config.host;
  // loadConfig refuses this for HOST; a caller's own host must obey the same rule.
  if (deps.config.teams?.insecure && !isLoopbackHost(host)) {
    throw new Error(`QUORUM_TEAMS_INSECURE=1 is only allowed on a loopback address, not ${host}.`);
  }
  const linked = {
    ...deps,
    app: { ...deps.app, quorum: withFileLinks(deps.app.quorum, fileLinkOptions(deps)) },
  };
  const adapters = factories.map((make) => make(linked)).filter((a): a is ServerAdapter => a !== undefined);
  const http = await startHttpServer({
    port: opts.port ?? deps.config.port,
    host,
    ...(opts.health ? { health: opts.health } : {}),
    limits: deps.config.http,
    mount: async (express) => {
      mountFileRoutes(express, { db: deps.app.database.db, clock: deps.app.clock });
      for (const adapter of adapters) await adapter.mount(express);
    },
  });
  for (const adapter of adapters) await adapter.start?.();
  // Migrations ran before the server was built (openApp); now every adapter is up too.
  http.setReady(true);
  deps.logger.info({ url: http.url, adapters: adapters.map((a) => a.name) }, "Quorum is listening");
  return {
    http,
    adapters,
    async close() {
      http.setReady(false);
      for (const adapter of adapters) await adapter.close?.();
      await http.close();
    },
  };
}

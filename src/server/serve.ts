// quorum serve: the HTTP server with every configured chat adapter mounted on it.
import type { AdapterFactory, ServerAdapter } from "../adapters/factory.ts";
import type { App } from "../app.ts";
import { type Config, isLoopbackHost } from "../config.ts";
import type { Logger } from "../log.ts";
import { secretBoxFrom } from "../store/secret-box.ts";
import { workspaceTokenStore } from "../store/workspace-token-store.ts";
import { withCalendarLinks } from "./calendar-links.ts";
import { mountCalendarRoutes } from "./calendar-routes.ts";
import { mountEmailLinks } from "./email-links.ts";
import { fileLinkOptions, withFileLinks } from "./file-links.ts";
import { mountFileRoutes } from "./file-routes.ts";
import { type HealthChecks, type HttpServer, startHttpServer } from "./http-server.ts";
import { mountViewRoutes } from "./view-routes.ts";

export type { AdapterFactory, ServerAdapter } from "../adapters/factory.ts";

/** What the server is built from; adapters get the facade (app.quorum), the config and the logger (AdapterDeps). */
export interface ServeDeps {
  app: App;
  config: Config;
  logger: Logger;
}

export interface Running {
  http: HttpServer;
  adapters: ServerAdapter[];
  close(): Promise<void>;
}

export async function serve(
  deps: ServeDeps,
  factories: AdapterFactory[],
  opts: { host?: string; port?: number; health?: HealthChecks } = {},
): Promise<Running> {
  const host = opts.host ?? deps.config.host;
  // loadConfig refuses this for HOST; a caller's own host must obey the same rule.
  if (deps.config.teams?.insecure && !isLoopbackHost(host)) {
    throw new Error(`QUORUM_TEAMS_INSECURE=1 is only allowed on a loopback address, not ${host}.`);
  }
  const adapterDeps = {
    // Replies carrying a file get a download link from this server instead.
    quorum: withCalendarLinks(withFileLinks(deps.app.quorum, fileLinkOptions(deps)), deps.config.publicUrl),
    config: deps.config,
    logger: deps.logger,
    store: deps.app.store,
    tokens: deps.config.secrets
      ? workspaceTokenStore(deps.app.database.db, secretBoxFrom(deps.config.secrets))
      : undefined,
  };
  const adapters = factories
    .map((make) => make(adapterDeps))
    .filter((a): a is ServerAdapter => a !== undefined);
  const http = await startHttpServer({
    port: opts.port ?? deps.config.port,
    host,
    ...(opts.health ? { health: opts.health } : {}),
    limits: deps.config.http,
    mount: async (express) => {
      mountFileRoutes(express, { db: deps.app.database.db, clock: deps.app.clock });
      mountViewRoutes(express, { store: deps.app.store, clock: deps.app.clock });
      mountEmailLinks(express, deps);
      mountCalendarRoutes(express, { store: deps.app.store, clock: deps.app.clock });
      for (const adapter of adapters) await adapter.mount?.(express);
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
      for (const adapter of adapters) await adapter.stop?.();
      await http.close();
    },
  };
}

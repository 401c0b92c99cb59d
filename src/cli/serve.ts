// quorum serve: the HTTP server with every configured chat adapter, plus background delivery, until stopped.
// The HTTP server, express and the chat SDKs load only here, so the shell commands never pay for them.
import { loadAdapterFactories } from "../server/adapters.ts";
import { pingDatabase } from "../store/open-database.ts";
import { startServerDelivery } from "./background.ts";
import { type CliCommand, type CliEnv, withApp } from "./command.ts";

export function runServer(env: CliEnv): Promise<number> {
  const { config, logger, io } = env;
  return withApp(env, async (app) => {
    const [{ serve }, adapterFactories] = await Promise.all([
      import("../server/serve.ts"),
      loadAdapterFactories(config),
    ]);
    const running = await serve({ app, config, logger }, adapterFactories, {
      health: { database: () => pingDatabase(app.database) },
    });
    const scheduler = startServerDelivery(app, running.adapters, logger);
    if (config.teams?.insecure) io.stderr.write(INSECURE_TEAMS_BANNER);
    io.stderr.write(`Quorum is listening on ${running.http.url}\n`);
    await (io.stopSignal ?? untilSignal());
    await scheduler.stop();
    await running.close();
    return 0;
  });
}

const INSECURE_TEAMS_BANNER = `
**********************************************************************************
*  INSECURE: QUORUM_TEAMS_INSECURE=1. /api/messages accepts UNAUTHENTICATED Teams  *
*  activities from anyone who can reach this loopback address. Local use only.    *
**********************************************************************************
`;

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}

export const serveCommand: CliCommand = {
  name: "serve",
  usage: [["serve", "run the HTTP server for Slack (/slack/events) and Teams (/api/messages)"]],
  run: (_args, env) => runServer(env),
};

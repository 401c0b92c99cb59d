// The quorum command line: start, shell, say, demo, migrate.
import type { Readable, Writable } from "node:stream";
import { parseArgs } from "node:util";
import { renderForShell, runShell, shellEvent } from "./adapters/shell/shell-adapter.ts";
import { type App, ensureSomePartnership, openApp } from "./app.ts";
import type { Config } from "./config.ts";
import type { Clock } from "./core/ports.ts";
import { shellDelivery, startServerDelivery } from "./delivery/background.ts";
import { loadDemo } from "./demo/load-demo.ts";
import { FAQ_CLI_USAGE, runFaqCli } from "./faq-cli.ts";
import type { Logger } from "./log.ts";
import { OUTBOX_CLI_USAGE, runOutboxCli } from "./outbox-cli.ts";
import { adapterFactories } from "./server/adapters.ts";
import { serve } from "./server/serve.ts";

export interface Io {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
  /** Resolves when a long-running command (serve) should stop; SIGINT or SIGTERM by default. */
  stopSignal?: Promise<void>;
}

export const CLI_USAGE = `Usage: quorum <command>
  start                      run the bot: serve when Slack or Teams credentials are set, else the shell
  serve                      run the HTTP server for Slack (/slack/events) and Teams (/api/messages)
  shell [--as <handle>]      interactive shell as a partnership member (default: QUORUM_USER or jo)
  say [--as <handle>] "<command>"   run one command and print the reply
  demo                       load the demo partnership into the database
  migrate                    apply database migrations
  slack link <team_id> <partnership>     link a Slack workspace to a partnership (by slug)
  teams link <tenant_id> <partnership>   link a Teams tenant to a partnership (by slug)
${FAQ_CLI_USAGE}
${OUTBOX_CLI_USAGE}`;

export async function runCli(
  argv: string[],
  config: Config,
  io: Io,
  logger: Logger,
  clock?: Clock,
): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { as: { type: "string" } },
    allowPositionals: true,
    strict: false,
  });
  const user = typeof values.as === "string" ? values.as.replace(/^@/, "").toLowerCase() : config.shellUser;
  const withApp = async (fn: (app: App) => Promise<number>) => {
    const app = await openApp({ databaseUrl: config.databaseUrl, logger, ...(clock ? { clock } : {}) });
    try {
      return await fn(app);
    } finally {
      await app.close();
    }
  };
  const runShellCommand = () =>
    withApp(async (app) => {
      if (await ensureSomePartnership(app)) io.stderr.write("Loaded the demo partnership (first run).\n");
      await runShell({
        quorum: app.quorum,
        user,
        input: io.stdin,
        output: io.stdout,
        interactive: io.stdin.isTTY === true,
        afterEach: shellDelivery(app, (text) => io.stdout.write(text)),
      });
      return 0;
    });
  const runServer = () =>
    withApp(async (app) => {
      const running = await serve({ app, config, logger }, adapterFactories);
      const senders = running.adapters.flatMap((a) => (a.sender ? [a.sender] : []));
      const scheduler = startServerDelivery(app, senders, logger);
      if (config.teams?.insecure) io.stderr.write(INSECURE_TEAMS_BANNER);
      io.stderr.write(`Quorum is listening on ${running.http.url}\n`);
      await (io.stopSignal ?? untilSignal());
      await scheduler.stop();
      await running.close();
      return 0;
    });
  switch (command) {
    case "serve":
      return runServer();
    case "start":
      if (config.slack || config.teams) return runServer();
      return runShellCommand();
    case "shell":
      return runShellCommand();
    case "slack":
    case "teams":
      return withApp((app) => linkInstallation(app, command, positionals, io));
    case "say":
      return withApp(async (app) => {
        await ensureSomePartnership(app);
        const reply = await app.quorum.handle(shellEvent(user, positionals.join(" ")));
        io.stdout.write(`${renderForShell(reply)}\n`);
        await shellDelivery(app, (text) => io.stdout.write(text))();
        return reply.tone === "error" ? 1 : 0;
      });
    case "demo":
      return withApp(async (app) => {
        const loaded = await loadDemo(app.store, app.clock);
        io.stdout.write(
          loaded ? "Loaded the demo partnership.\n" : "The demo partnership is already loaded.\n",
        );
        return 0;
      });
    case "outbox":
      return withApp((app) => runOutboxCli(app, positionals, io));
    case "faq":
      return withApp((app) => runFaqCli(app, rest, io, user));
    case "migrate":
      return withApp(async () => {
        io.stdout.write("Migrations applied.\n");
        return 0;
      });
    default:
      io.stderr.write(
        `${command && command !== "help" && command !== "--help" ? `Unknown command "${command}".\n` : ""}${CLI_USAGE}\n`,
      );
      return command && command !== "help" && command !== "--help" ? 2 : 0;
  }
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

async function linkInstallation(
  app: App,
  platform: "slack" | "teams",
  args: string[],
  io: Io,
): Promise<number> {
  const [verb, tenant, slug] = args;
  const idName = platform === "slack" ? "team_id" : "tenant_id";
  if (verb !== "link" || !tenant || !slug) {
    io.stderr.write(`Usage: quorum ${platform} link <${idName}> <partnership>\n`);
    return 2;
  }
  return app.store.transaction(async (repos) => {
    const partnership = await repos.partnerships.bySlug(slug);
    if (!partnership) {
      const known = (await repos.partnerships.list()).map((p) => p.slug).join(", ");
      io.stderr.write(`There is no partnership "${slug}". Partnerships: ${known || "none yet"}.\n`);
      return 1;
    }
    await repos.partnerships.linkInstallation(partnership.id, platform, tenant);
    io.stdout.write(`Linked ${platform} ${idName} ${tenant} to ${partnership.name}.\n`);
    return 0;
  });
}

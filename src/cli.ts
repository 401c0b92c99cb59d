// The quorum command line: start, shell, say, demo, migrate.
import type { Readable, Writable } from "node:stream";
import { parseArgs } from "node:util";
import { renderForShell, runShell, shellEvent } from "./adapters/shell/shell-adapter.ts";
import { type App, ensureSomePartnership, openApp } from "./app.ts";
import type { Config } from "./config.ts";
import type { Clock } from "./core/ports.ts";
import { loadDemo } from "./demo/load-demo.ts";
import type { Logger } from "./log.ts";

export interface Io {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
}

export const CLI_USAGE = `Usage: quorum <command>
  start                      run the bot (the local shell when no Slack or Teams credentials are set)
  shell [--as <handle>]      interactive shell as a partnership member (default: QUORUM_USER or jo)
  say [--as <handle>] "<command>"   run one command and print the reply
  demo                       load the demo partnership into the database
  migrate                    apply database migrations`;

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
  switch (command) {
    case "start":
    case "shell":
      return withApp(async (app) => {
        if (await ensureSomePartnership(app)) io.stderr.write("Loaded the demo partnership (first run).\n");
        await runShell({
          quorum: app.quorum,
          user,
          input: io.stdin,
          output: io.stdout,
          interactive: io.stdin.isTTY === true,
        });
        return 0;
      });
    case "say":
      return withApp(async (app) => {
        await ensureSomePartnership(app);
        const reply = await app.quorum.handle(shellEvent(user, positionals.join(" ")));
        io.stdout.write(`${renderForShell(reply)}\n`);
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

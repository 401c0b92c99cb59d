// quorum start (npm start): serve when Slack or Teams credentials are set, else open the shell.
import type { CliCommand } from "./command.ts";
import { runServer } from "./serve.ts";
import { runShellCommand } from "./shell.ts";

export const startCommand: CliCommand = {
  name: "start",
  usage: [["start", "run the bot: serve when Slack or Teams credentials are set, else the shell"]],
  run: (args, env) => (env.config.slack || env.config.teams ? runServer(env) : runShellCommand(args, env)),
};

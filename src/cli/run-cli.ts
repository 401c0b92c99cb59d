// The quorum command line: finds the command in the table, runs it, and turns refusals into messages.
import type { Config } from "../config.ts";
import { QuorumError } from "../core/errors.ts";
import type { Clock } from "../core/ports.ts";
import type { Logger } from "../log.ts";
import { DataFolderBusyError } from "../store/data-folder-lock.ts";
import { CliError, usageLines } from "./command.ts";
import { CLI_COMMANDS } from "./commands.ts";
import type { Io } from "./io.ts";

export type { Io } from "./io.ts";

export const CLI_USAGE = `Usage: quorum <command>\n${usageLines(CLI_COMMANDS)}`;

export async function runCli(
  argv: string[],
  config: Config,
  io: Io,
  logger: Logger,
  clock?: Clock,
): Promise<number> {
  const [name, ...rest] = argv;
  const command = CLI_COMMANDS.find((c) => c.name === name);
  if (!command) {
    const asked = name === undefined || name === "help" || name === "--help" || name === "-h";
    io.stderr.write(`${asked ? "" : `Unknown command "${name}".\n`}${CLI_USAGE}\n`);
    return asked ? 0 : 2;
  }
  try {
    return await command.run(rest, { config, io, logger, ...(clock ? { clock } : {}) });
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof DataFolderBusyError) {
      io.stderr.write(`${err.message}\n`);
      return 1;
    }
    if (err instanceof QuorumError) {
      io.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

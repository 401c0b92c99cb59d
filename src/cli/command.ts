// The shape of a CLI command, what it runs with, and the shared helpers: open the app, parse options.
import { parseArgs } from "node:util";
import { type App, openApp } from "../app.ts";
import type { Config } from "../config.ts";
import type { Clock } from "../core/ports.ts";
import type { Logger } from "../log.ts";
import type { Io } from "./io.ts";

export interface CliEnv {
  config: Config;
  io: Io;
  logger: Logger;
  clock?: Clock;
  /** How often the shell fires due schedules, in milliseconds; each minute unless a test moves its clock faster. */
  tickEvery?: number;
}

export interface CliCommand {
  /** The first word on the command line. */
  name: string;
  /** One [syntax, what it does] pair per form of the command; the CLI usage is built from these. */
  usage: [string, string][];
  run(args: string[], env: CliEnv): Promise<number>;
}

/** A refusal the CLI prints as is (no stack trace), with the exit code it should end with. */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const COLUMN = 38;

/** One line per form; a long syntax gets its description on the next line, in the same column. */
export const usageLines = (commands: CliCommand[]) =>
  commands
    .flatMap((c) =>
      c.usage.map(([syntax, what]) =>
        syntax.length > COLUMN
          ? `  ${syntax}\n  ${" ".repeat(COLUMN)} ${what}`
          : `  ${syntax.padEnd(COLUMN)} ${what}`,
      ),
    )
    .join("\n");

/** Opens the database (migrating it) for the length of fn, and always closes it. */
export async function withApp(env: CliEnv, fn: (app: App) => Promise<number>): Promise<number> {
  const app = await openApp({
    databaseUrl: env.config.databaseUrl,
    logger: env.logger,
    rateLimits: env.config.rateLimits,
    publicUrl: env.config.publicUrl,
    // Email queued by any command is sent by quorum serve, whose email adapter reads the same setting.
    reach: { email: env.config.email !== undefined },
    ...(env.clock ? { clock: env.clock } : {}),
  });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

type OptionSpec = Record<string, { type: "string" | "boolean" }>;

/** Options every command understands (--as, --partnership) plus its own; unknown flags are kept as words. */
export function cliArgs(args: string[], options: OptionSpec = {}) {
  const { values, positionals } = parseArgs({
    args,
    options: { as: { type: "string" }, partnership: { type: "string" }, ...options },
    allowPositionals: true,
    strict: false,
  });
  const str = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const as = str("as")?.replace(/^@/, "").toLowerCase();
  return { values, positionals, str, as };
}

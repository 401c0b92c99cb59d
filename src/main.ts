// Composition root: the only reader of the environment; hands config and process streams to the CLI.
import { runCli } from "./cli/run-cli.ts";
import { chooseWasmTier } from "./cli/wasm-tier.ts";
import { loadConfig } from "./config.ts";
import { createLogger, DEFAULT_LOG_LEVEL } from "./log.ts";

async function main(): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const logger = createLogger(config.logLevel ?? DEFAULT_LOG_LEVEL);
  const argv = process.argv.slice(2);
  chooseWasmTier(argv, config);
  try {
    return await runCli(
      argv,
      config,
      { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
      logger,
    );
  } catch (err) {
    logger.error({ err }, "quorum stopped");
    process.stderr.write(`Quorum could not run: ${(err as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main();

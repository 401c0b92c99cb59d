// Which WebAssembly compiler a CLI run uses: a short-lived command keeps PGlite's WASM on V8's baseline tier.
import { setFlagsFromString } from "node:v8";
import type { Config } from "../config.ts";

/**
 * Whether the command named by argv should compile WebAssembly with Liftoff (V8's baseline compiler)
 * alone. V8 otherwise also compiles all of PGlite's WASM with TurboFan in the background: ~1 s of CPU,
 * ~60 MB of RSS and, on a busy machine, most of a command's wall time, paid back only by a process that
 * runs long enough to use the optimised code. So every command but a server takes the baseline only:
 * `serve`, and `start` when it serves (Slack or Teams credentials set).
 */
export function wantsBaselineWasmOnly(argv: readonly string[], config: Pick<Config, "slack" | "teams">) {
  const [name] = argv;
  if (name === "serve") return false;
  if (name === "start") return !(config.slack || config.teams);
  return true;
}

/**
 * Sets --liftoff-only for this process when wantsBaselineWasmOnly says so. Must run before PGlite compiles
 * its module (at PGlite.create, not at import): V8 reads the flag when it compiles a WASM module.
 */
export function chooseWasmTier(argv: readonly string[], config: Pick<Config, "slack" | "teams">): void {
  if (wantsBaselineWasmOnly(argv, config)) setFlagsFromString("--liftoff-only");
}

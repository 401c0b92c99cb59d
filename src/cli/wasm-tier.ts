// Which WebAssembly compiler a CLI run uses: PGlite's WASM stays on V8's baseline tier unless a server asks.
import { setFlagsFromString } from "node:v8";
import type { Config } from "../config.ts";

/**
 * Whether the command named by argv should compile WebAssembly with Liftoff (V8's baseline compiler)
 * alone. V8 otherwise also compiles PGlite's hot WASM functions with TurboFan in the background: ~1 s of CPU
 * and ~60 MB of RSS for a command that lasts a second, and for a server ~55 MB idle and ~80 MB more once
 * warm, for no throughput gain on chat traffic (bench/server-memory: 149 vs 151 mixed requests a second).
 * TurboFan pays off only for long scans inside PGlite (an unindexed ILIKE ran 2x faster), so a server,
 * `serve` or `start` with Slack or Teams credentials, keeps it when QUORUM_WASM_OPTIMIZE=1; nothing else does.
 */
export function wantsBaselineWasmOnly(
  argv: readonly string[],
  config: Pick<Config, "slack" | "teams" | "wasmOptimize">,
): boolean {
  if (!config.wasmOptimize) return true;
  const [name] = argv;
  const serves = name === "serve" || (name === "start" && Boolean(config.slack || config.teams));
  return !serves;
}

/**
 * Sets --liftoff-only for this process when wantsBaselineWasmOnly says so. Must run before PGlite compiles
 * its module (at PGlite.create, not at import): V8 reads the flag when it compiles a WASM module.
 */
export function chooseWasmTier(
  argv: readonly string[],
  config: Pick<Config, "slack" | "teams" | "wasmOptimize">,
): void {
  if (wantsBaselineWasmOnly(argv, config)) setFlagsFromString("--liftoff-only");
}

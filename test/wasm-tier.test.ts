// Which CLI commands compile PGlite's WebAssembly with V8's baseline compiler only (src/cli/wasm-tier.ts).
import { describe, expect, it } from "vitest";
import { CLI_COMMANDS } from "../src/cli/commands.ts";
import { wantsBaselineWasmOnly } from "../src/cli/wasm-tier.ts";
import { loadConfig } from "../src/config.ts";

const none = { slack: undefined, teams: undefined, wasmOptimize: false };
const withSlack = { slack: {} as never, teams: undefined, wasmOptimize: false };
const optimising = { ...none, wasmOptimize: true };
const optimisingSlack = { ...withSlack, wasmOptimize: true };
const optimisingTeams = { slack: undefined, teams: {} as never, wasmOptimize: true };

describe("wantsBaselineWasmOnly", () => {
  it("takes the baseline only for every command by default, a server included", () => {
    for (const { name } of CLI_COMMANDS) {
      expect(wantsBaselineWasmOnly([name], none), name).toBe(true);
      expect(wantsBaselineWasmOnly([name], withSlack), name).toBe(true);
    }
  });

  it("keeps the optimising tier for a server when QUORUM_WASM_OPTIMIZE asks: serve, whatever the credentials", () => {
    expect(wantsBaselineWasmOnly(["serve"], optimising)).toBe(false);
    expect(wantsBaselineWasmOnly(["serve"], optimisingSlack)).toBe(false);
  });

  it("keeps it for start only when start serves (Slack or Teams set), not when it opens the shell", () => {
    expect(wantsBaselineWasmOnly(["start"], optimisingSlack)).toBe(false);
    expect(wantsBaselineWasmOnly(["start"], optimisingTeams)).toBe(false);
    expect(wantsBaselineWasmOnly(["start"], optimising)).toBe(true);
  });

  it("never keeps it for a short command, an unknown one or none, even when asked", () => {
    const others = CLI_COMMANDS.map((c) => c.name).filter((n) => n !== "serve" && n !== "start");
    expect(others).toContain("say");
    for (const name of others)
      expect(wantsBaselineWasmOnly([name, "whoami"], optimisingSlack), name).toBe(true);
    expect(wantsBaselineWasmOnly([], optimising)).toBe(true);
    expect(wantsBaselineWasmOnly(["nonsense"], optimisingTeams)).toBe(true);
  });

  it("reads QUORUM_WASM_OPTIMIZE as a yes/no setting, off when unset, and refuses anything else", () => {
    expect(loadConfig({}).wasmOptimize).toBe(false);
    expect(loadConfig({ QUORUM_WASM_OPTIMIZE: "1" }).wasmOptimize).toBe(true);
    expect(() => loadConfig({ QUORUM_WASM_OPTIMIZE: "yes please" })).toThrow(
      /QUORUM_WASM_OPTIMIZE: use 1 or 0/,
    );
  });
});

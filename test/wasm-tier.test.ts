// Which CLI commands compile PGlite's WebAssembly with V8's baseline compiler only (src/cli/wasm-tier.ts).
import { describe, expect, it } from "vitest";
import { CLI_COMMANDS } from "../src/cli/commands.ts";
import { wantsBaselineWasmOnly } from "../src/cli/wasm-tier.ts";

const none = { slack: undefined, teams: undefined };
const withSlack = { slack: {} as never, teams: undefined };
const withTeams = { slack: undefined, teams: {} as never };

describe("wantsBaselineWasmOnly", () => {
  it("keeps the optimising tier for a server: serve, whatever the credentials", () => {
    expect(wantsBaselineWasmOnly(["serve"], none)).toBe(false);
    expect(wantsBaselineWasmOnly(["serve"], withSlack)).toBe(false);
  });

  it("keeps it for start when start serves (Slack or Teams set), not when it opens the shell", () => {
    expect(wantsBaselineWasmOnly(["start"], withSlack)).toBe(false);
    expect(wantsBaselineWasmOnly(["start"], withTeams)).toBe(false);
    expect(wantsBaselineWasmOnly(["start"], none)).toBe(true);
  });

  it("takes the baseline only for every other command, even with credentials set", () => {
    const others = CLI_COMMANDS.map((c) => c.name).filter((n) => n !== "serve" && n !== "start");
    expect(others).toContain("say");
    for (const name of others) {
      expect(wantsBaselineWasmOnly([name, "whoami"], none), name).toBe(true);
      expect(wantsBaselineWasmOnly([name], withSlack), name).toBe(true);
    }
  });

  it("takes it for no command or an unknown one, which only print the usage", () => {
    expect(wantsBaselineWasmOnly([], none)).toBe(true);
    expect(wantsBaselineWasmOnly(["nonsense"], withTeams)).toBe(true);
  });
});

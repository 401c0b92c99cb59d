// The quorum command line as a user runs it: a real process, piped stdin, and a database that persists.
import { execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { useFresh } from "./helpers/fresh.ts";
import { openTestDatabaseUrl } from "./helpers/test-db.ts";

const BIN = join(import.meta.dirname, "..", "bin", "quorum.js");
let env: NodeJS.ProcessEnv;

// Each test's processes share a fresh, migrated database with no partnership yet: on PostgreSQL a new
// database, on PGlite a data folder of their own.
const database = useFresh(() => openTestDatabaseUrl());
beforeEach(() => {
  const url = database.url;
  env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent", SLACK_BOT_TOKEN: "", TEAMS_APP_ID: "" };
});

const run = async (args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)("node", [BIN, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

const pipe = (args: string[], input: string) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn("node", [BIN, ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });

// Each test spawns real processes (tsx start-up plus migrations): generous on a shared, loaded machine.
describe("quorum CLI", { timeout: 180_000 }, () => {
  it("start with piped input loads the demo, answers each line and exits at end of input", async () => {
    const { code, stdout, stderr } = await pipe(["start"], "help\nactions overdue\nas sam\nwhoami\n");
    expect(code).toBe(0);
    expect(stderr).toContain("Loaded the demo partnership (first run).");
    expect(stdout).toContain("action add");
    expect(stdout).toMatch(/Overdue actions: 3/);
    expect(stdout).toContain("You are Sam Okafor (@sam)");
  });

  it("say runs one command as a chosen user, and the change persists", async () => {
    await run(["demo"]); // say never loads the demo itself: a real partnership must not get demo data
    const added = await run(["say", "--as", "tom", 'action add "Recruit winter volunteers" due:friday']);
    expect(added.code).toBe(0);
    const number = /A-(\d+) added/.exec(added.stdout)?.[1];
    expect(number).toBeDefined();
    const mine = await run(["say", "--as", "tom", "actions mine"]);
    expect(mine.stdout).toContain(`A-${number} Recruit winter volunteers`);
  });

  it("bad input exits 1 with the message and usage, never a stack trace", async () => {
    await run(["demo"]);
    const { code, stdout, stderr } = await run(["say", "action add"]);
    expect(code).toBe(1);
    expect(stdout).toContain('Usage: action add "<title>"');
    expect(`${stdout}${stderr}`).not.toMatch(/\n\s+at /);
  });

  it("an unknown subcommand exits 2 with the CLI usage", async () => {
    const { code, stderr } = await run(["frob"]);
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown command "frob"');
    expect(stderr).toContain("Usage: quorum <command>");
  });

  it("links a workspace to a partnership by slug, and names the choices when the slug is wrong", async () => {
    expect((await run(["demo"])).stdout).toContain("Loaded the demo partnership.");
    expect((await run(["slack", "link", "T0CLI", "demo"])).stdout).toContain("Linked slack team_id T0CLI");
    const wrong = await run(["teams", "link", "tenant-1", "kent"]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('There is no partnership "kent". Partnerships: demo.');
  });
});

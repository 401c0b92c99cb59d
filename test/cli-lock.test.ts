// One writer per data folder, with real processes: a running shell holds the folder, a second quorum
// refuses at once and writes nothing, every ✓ reply is a stored row, and a killed holder blocks nothing.
import { type ChildProcessWithoutNullStreams, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./helpers/test-db.ts";

const BIN = join(import.meta.dirname, "..", "bin", "quorum.js");
const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") === true;

let dir: string | undefined;
let server: TestDatabase | undefined;
let holder: Holder | undefined;

async function freshEnv(): Promise<NodeJS.ProcessEnv> {
  server = onPostgres ? await openTestDatabase() : undefined;
  dir = server ? undefined : mkdtempSync(join(tmpdir(), "quorum-lock-"));
  const url = server?.url ?? pathToFileURL(join(dir ?? "", "data")).href;
  return { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent", SLACK_BOT_TOKEN: "", TEAMS_APP_ID: "" };
}

afterEach(async () => {
  holder?.child.kill("SIGKILL");
  holder = undefined;
  await server?.close();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const run = async (env: NodeJS.ProcessEnv, args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)("node", [BIN, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

interface Holder {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  /** Types a line into the shell and waits until its reply contains `until`. */
  send(line: string, until: string): Promise<void>;
  end(): Promise<number | null>;
}

/** `quorum shell` with a pipe for stdin that stays open: a shell someone has left running. */
function startShell(env: NodeJS.ProcessEnv): Holder {
  const child = spawn("node", [BIN, "shell"], { env });
  let out = "";
  const waiters: (() => void)[] = [];
  child.stdout.on("data", (d) => {
    out += d;
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return {
    child,
    stdout: () => out,
    send(line, until) {
      const from = out.length;
      child.stdin.write(`${line}\n`);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (out.slice(from).includes(until)) resolve();
          else if (child.exitCode !== null) reject(new Error(`shell exited: ${out}`));
          else waiters.push(check);
        };
        check();
      });
    },
    end() {
      child.stdin.end();
      return exited;
    },
  };
}

const added = (text: string) => [...text.matchAll(/✓ (A-\d+) added/g)].map((m) => m[1] ?? "");

describe("one writer per data folder", { timeout: 240_000 }, () => {
  it("a second quorum beside a running shell refuses at once and writes nothing; every ✓ is a stored row", async () => {
    const env = await freshEnv();
    const shell = startShell(env);
    holder = shell;
    await shell.send("whoami", "You are Jo Whitfield");

    const second = await run(env, ["say", 'action add "Typed in a second terminal"']);
    if (onPostgres) {
      // PostgreSQL serialises the writers itself: both processes may answer.
      expect(second.code).toBe(0);
    } else {
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(
        `is in use by process ${shell.child.pid} (quorum shell), running since`,
      );
      expect(second.stderr).toContain("Use that shell, or stop that process");
      expect(second.stderr).toContain("DATABASE_URL");
      expect(second.stdout).toBe("");
    }
    await shell.send('action add "Typed in the shell"', "added for Jo Whitfield");
    expect(await shell.end()).toBe(0);
    holder = undefined;
    if (dir) expect(existsSync(join(dir, "data", "quorum.lock"))).toBe(false);

    const replies = [...added(shell.stdout()), ...added(second.stdout)];
    expect(replies.length).toBe(onPostgres ? 2 : 1);
    expect(new Set(replies).size).toBe(replies.length);
    for (const ref of replies) {
      const shown = await run(env, ["say", "action show", ref]);
      expect(shown.stdout).toMatch(new RegExp(`${ref} Typed in (the shell|a second terminal)`));
    }
    const mine = await run(env, ["say", "actions mine"]);
    expect(mine.stdout.includes("Typed in a second terminal")).toBe(onPostgres);
  });

  it.skipIf(onPostgres)(
    "after kill -9 of the holder the next start proceeds (PGlite only: PostgreSQL takes no folder lock)",
    async () => {
      const env = await freshEnv();
      const shell = startShell(env);
      holder = shell;
      await shell.send("whoami", "You are Jo Whitfield");
      shell.child.kill("SIGKILL");
      await new Promise((resolve) => shell.child.on("close", resolve));
      holder = undefined;

      const next = await run(env, ["say", 'action add "After the crash"']);
      expect(next.code).toBe(0);
      expect(next.stdout).toMatch(/✓ A-\d+ added for Jo Whitfield/);
      expect(next.stderr).toContain(
        `Took over the data folder lock left by process ${shell.child.pid} (quorum shell`,
      );
      expect(existsSync(join(dir ?? "", "data", "quorum.lock"))).toBe(false);
    },
  );
});

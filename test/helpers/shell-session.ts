// Drives the real `quorum shell` session in-process: lines typed into an open stdin, output read as it
// comes, a clock the test moves, and due schedules fired every few milliseconds instead of each minute.
import { PassThrough } from "node:stream";
import { runShellCommand } from "../../src/cli/shell.ts";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";

export interface ShellSession {
  /** Types text as is (end a command with "\n"). */
  type(text: string): void;
  /** Everything printed so far, terminal escapes removed. */
  output(): string;
  /** Everything printed so far, escapes and all. */
  raw(): string;
  /** Waits until the output matches, failing with the output so far if it does not in time. */
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Sets the session's clock. */
  setNow(now: Date): void;
  /** Ends the input and waits for the shell to exit; returns its exit code. */
  close(): Promise<number>;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing terminal escapes is the point
const ESCAPES = /\u001b\[[0-9;]*[A-Za-z]/g;
export const plain = (s: string) => s.replace(ESCAPES, "").replace(/\r\n/g, "\n");

export function openShellSession(opts: {
  url: string;
  now: Date;
  interactive?: boolean;
  args?: string[];
}): ShellSession {
  let now = opts.now;
  const stdin = Object.assign(new PassThrough(), { isTTY: opts.interactive === true });
  const [stdout, stderr] = [new PassThrough(), new PassThrough()];
  let out = "";
  stdout.on("data", (d) => (out += d));
  stderr.on("data", (d) => (out += d));
  const done = runShellCommand(opts.args ?? [], {
    config: loadConfig({ DATABASE_URL: opts.url, LOG_LEVEL: "silent" }),
    io: { stdin, stdout, stderr },
    logger: createLogger("silent"),
    clock: { now: () => now },
    tickEvery: 50,
  });
  return {
    type: (text) => stdin.write(text),
    output: () => plain(out),
    raw: () => out,
    async waitFor(pattern, timeoutMs = 60_000) {
      const matches = () =>
        typeof pattern === "string" ? plain(out).includes(pattern) : pattern.test(plain(out));
      for (const start = Date.now(); !matches(); await new Promise((r) => setTimeout(r, 25)))
        if (Date.now() - start > timeoutMs)
          throw new Error(
            `the shell never printed ${String(pattern)}; it printed:\n${plain(out)}\nescapes and all, at the end: ${JSON.stringify(out.slice(-1500))}`,
          );
      return plain(out);
    },
    setNow: (t) => {
      now = t;
    },
    async close() {
      stdin.end();
      return done;
    },
  };
}

// Start-up of the real CLI (bin/quorum.js, running the compiled dist/) in fresh processes: the first start
// on an empty data folder (quorum demo), `say whoami` on a reopened one, and an idle shell's memory, each
// beside a bare Node process opening the same PGlite folder and running one query (bench/startup-floor.mjs),
// on V8's defaults and with --liftoff-only as the CLI runs (src/cli/wasm-tier.ts): a ratio against each.
// Wall time, CPU time and peak RSS come from the child itself (bench/startup-probe.mjs).
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { recordFigure, sized, TINY } from "./stats.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PROBE = pathToFileURL(join(root, "bench", "startup-probe.mjs")).href;
const FLOOR = join(root, "bench", "startup-floor.mjs");
const QUORUM = join(root, "bin", "quorum.js");
const RUNS = sized(5, 1);
/** The goals of issue 17 for a first start, which has no floor: initdb is what it avoids. */
const FIRST_START_GOAL = { ms: 2500, mb: 500 };

interface Run {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
  stdout: string;
}

/** Runs node with the probe preloaded; rejects on a non-zero exit, naming the command and its stderr. */
function runNode(args: string[], env: Record<string, string>, scratch: string): Promise<Run> {
  const probeFile = join(scratch, `probe-${performance.now()}.json`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", PROBE, ...args], {
      cwd: scratch,
      env: {
        ...process.env,
        QUORUM_FROM_SOURCE: "",
        LOG_LEVEL: "warn",
        ...env,
        STARTUP_PROBE_FILE: probeFile,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`node ${args.join(" ")} exited ${code}: ${stderr}`));
      // The figures are the compiled code's: a stale dist/ makes bin/quorum.js run the sources instead.
      if (stderr.includes("from its TypeScript sources"))
        return reject(new Error(`dist/ is stale, run npm run build: ${stderr}`));
      const probe = JSON.parse(readFileSync(probeFile, "utf8")) as { cpuMs: number; maxRssKb: number };
      resolve({ wallMs, cpuMs: probe.cpuMs, rssMb: probe.maxRssKb / 1024, stdout });
    });
  });
}

/** Resident memory of a process that has settled: its VmRSS after it said it was ready (Linux only). */
async function idleRss(
  args: string[],
  env: Record<string, string>,
  input: string,
  ready: RegExp,
  scratch: string,
) {
  const child = spawn(process.execPath, args, {
    cwd: scratch,
    env: { ...process.env, QUORUM_FROM_SOURCE: "", LOG_LEVEL: "warn", ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  child.stdin.write(input);
  let out = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      if (ready.test(out)) resolve();
    });
    child.on("close", (code) =>
      reject(new Error(`node ${args.join(" ")} exited ${code} before it was ready`)),
    );
  });
  // Settled: the start-up's garbage collected, the shell waiting for its next line.
  await new Promise((r) => setTimeout(r, 1500));
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  child.stdin.end();
  await new Promise((r) => child.on("close", r));
  return kb / 1024;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Both floors of a figure: the bare open on V8's defaults and with --liftoff-only, as the CLI runs. */
interface Floors {
  defaults: Run[];
  liftoff: Run[];
}

function line(label: string, subject: Run[], floors: Floors | undefined): void {
  const m = (rs: Run[], k: keyof Omit<Run, "stdout">) => median(rs.map((r) => r[k]));
  const parts = (["wallMs", "cpuMs", "rssMb"] as const).map((k) => {
    const unit = k === "rssMb" ? "MB" : "ms";
    const short = k === "wallMs" ? "wall" : k === "cpuMs" ? "CPU" : "peak RSS";
    const v = m(subject, k);
    if (!floors) {
      recordFigure(`${label} ${short}`, v, unit);
      return `${short} ${v.toFixed(0)} ${unit}`;
    }
    const f = m(floors.defaults, k);
    const fl = m(floors.liftoff, k);
    // Recorded against the defaults' floor, as before, so the baseline's ratios stay comparable.
    recordFigure(`${label} ${short}`, v, unit, f);
    recordFigure(`${label} ${short} vs liftoff floor`, v, unit, fl);
    return `${short} ${v.toFixed(0)} ${unit} (floor ${f.toFixed(0)}, ${(v / f).toFixed(2)}x; liftoff floor ${fl.toFixed(0)}, ${(v / fl).toFixed(2)}x)`;
  });
  console.log(`${label.padEnd(28)} ${parts.join(" | ")}  (median of ${subject.length})`);
}

export async function run(): Promise<void> {
  if (!existsSync(join(root, "dist", "BUILT")))
    throw new Error("dist/ is not built: run npm run build first");
  const seeded = existsSync(join(root, "dist", "seed", "manifest.json"));
  console.log(`bin/quorum.js on dist/ (${seeded ? "with" : "WITHOUT"} the first-start seed, dist/seed)`);
  const scratch = mkdtempSync(join(tmpdir(), "quorum-startup-bench-"));
  try {
    // First start: an empty folder, the demo loaded, as npm start does on a fresh clone.
    const firsts: Run[] = [];
    for (let i = 0; i < sized(3, 1); i++) {
      const dir = join(scratch, `first-${i}`);
      firsts.push(await runNode([QUORUM, "demo"], { DATABASE_URL: pathToFileURL(dir).href }, scratch));
      if (i > 0) rmSync(dir, { recursive: true, force: true });
    }
    line("first start (quorum demo)", firsts, undefined);
    const first = median(firsts.map((r) => r.wallMs));
    const peak = median(firsts.map((r) => r.rssMb));
    console.log(
      `   goal <= ${FIRST_START_GOAL.ms} ms and <= ${FIRST_START_GOAL.mb} MB: ${first <= FIRST_START_GOAL.ms ? "met" : "not met"} / ${peak <= FIRST_START_GOAL.mb ? "met" : "not met"}${TINY ? " (tiny: not judged)" : ""}`,
    );

    // Reopened: say whoami on a copy of that folder, alternating with the floor on the same copy.
    const dir = join(scratch, "reopened");
    cpSync(join(scratch, "first-0"), dir, { recursive: true });
    const url = pathToFileURL(dir).href;
    const says: Run[] = [];
    const floors: Floors = { defaults: [], liftoff: [] };
    for (let i = 0; i < RUNS; i++) {
      says.push(await runNode([QUORUM, "say", "whoami"], { DATABASE_URL: url }, scratch));
      floors.defaults.push(await runNode([FLOOR, dir], {}, scratch));
      floors.liftoff.push(await runNode(["--liftoff-only", FLOOR, dir], {}, scratch));
    }
    if (!says[0]?.stdout.includes("You are")) throw new Error(`say whoami answered: ${says[0]?.stdout}`);
    line("say whoami (reopened)", says, floors);

    if (process.platform === "linux") {
      const shell = await idleRss([QUORUM, "shell"], { DATABASE_URL: url }, "whoami\n", /You are/, scratch);
      const bare = await idleRss([FLOOR, dir, "--idle"], {}, "", /ready/, scratch);
      const bareLiftoff = await idleRss(["--liftoff-only", FLOOR, dir, "--idle"], {}, "", /ready/, scratch);
      recordFigure("idle shell RSS", shell, "MB", bare);
      recordFigure("idle shell RSS vs liftoff floor", shell, "MB", bareLiftoff);
      console.log(
        `${"idle shell RSS".padEnd(28)} ${shell.toFixed(0)} MB (bare PGlite open ${bare.toFixed(0)} MB, ${(shell / bare).toFixed(2)}x; with --liftoff-only ${bareLiftoff.toFixed(0)} MB, ${(shell / bareLiftoff).toFixed(2)}x)`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// A long-running server's memory (issue 17): the real compiled `quorum serve` (bin/quorum.js on dist/) on a
// PGlite data folder with the demo, Slack signed against a fake Web API and Teams unauthenticated on loopback,
// beside its floor, a bare Node process that opens a copy of the same folder and runs one query (with V8's
// defaults, and with --liftoff-only as the server runs). Its idle RSS, then RSS, JS heap and PGlite's
// WebAssembly memory sampled while it answers a long mixed load; the memory must stay flat once warm. Each
// process reports its own memory (bench/memory-probe.mjs).
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { closedPort } from "../test/helpers/net.ts";
import { startFakeSlack } from "../test/slack/fake-slack.ts";
import { SECRET, TOKEN, USERS } from "../test/slack/slack-harness.ts";
import { startFakeConnector } from "../test/teams/fake-connector.ts";
import { JO, SAM, TENANT } from "../test/teams/teams-harness.ts";
import { sendMix } from "./server-memory-load.ts";
import { recordFigure, sized, TINY } from "./stats.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PROBE = pathToFileURL(join(root, "bench", "memory-probe.mjs")).href;
const FLOOR = join(root, "bench", "startup-floor.mjs");
const QUORUM = join(root, "bin", "quorum.js");
const REQUESTS = sized(10_000, 300);
const SENDERS = 4;
const SAMPLES = 40;
/**
 * The live JS heap (after a full collection) growing less than this over the second half is flat. RSS is
 * not judged: between major collections V8 lets the heap reach a few times the live size, so it saws.
 */
const FLAT_PCT = 5;
const IDLE_GOAL = 1.3;
const MB = 1024 * 1024;

/** What the probe reports (bytes): process.memoryUsage() and PGlite's WebAssembly memory. */
interface Memory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** PGlite's WebAssembly memory: its size, and how much of it is resident (Linux). */
  wasm: number;
  wasmRss: number;
}

interface Watched {
  /** The process's memory now, after a full collection with `gc`. */
  sample(gc?: boolean): Promise<Memory>;
  /** The output so far (its last few kB). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts node with the probe preloaded and an IPC channel to it; resolves once `ready` matches its output. */
async function startWatched(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  cwd: string,
): Promise<Watched & { ready: RegExpExecArray }> {
  const child: ChildProcess = spawn(process.execPath, ["--import", PROBE, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", QUORUM_FROM_SOURCE: "", LOG_LEVEL: "warn", ...env },
    stdio: ["pipe", "pipe", "pipe", "ipc"],
  });
  let out = "";
  const take = (d: Buffer) => {
    out = (out + d.toString()).slice(-8000);
  };
  child.stdout?.on("data", take);
  child.stderr?.on("data", take);
  const exited = once(child, "exit");
  const matched = await Promise.race([
    new Promise<RegExpExecArray>((resolve) => {
      const check = () => {
        const m = ready.exec(out);
        if (m) resolve(m);
      };
      child.stdout?.on("data", check);
      child.stderr?.on("data", check);
    }),
    exited.then(([code]) => {
      throw new Error(`node ${args.join(" ")} exited ${code} before it was ready: ${out}`);
    }),
  ]);
  // One question at a time, so each answer is the one asked for.
  let asking: Promise<unknown> = Promise.resolve();
  const ask = (gc: boolean) =>
    new Promise<Memory>((resolve) => {
      const answer = (m: { probe?: string } & Memory) => {
        if (m?.probe !== "memory") return;
        child.off("message", answer);
        resolve(m);
      };
      child.on("message", answer);
      child.send({ probe: "memory", gc });
    });
  return {
    ready: matched,
    sample(gc = false) {
      const next = asking.then(() => ask(gc));
      asking = next;
      return next;
    },
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      child.stdin?.end();
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The memory of a process that has settled: start-up garbage collected, timers quiet. */
async function settled(p: Watched): Promise<{ raw: Memory; collected: Memory }> {
  await sleep(1500);
  const raw = await p.sample();
  return { raw, collected: await p.sample(true) };
}

/** How much `after` grew on `before`, in %. */
const growth = (before: number, after: number) => (before === 0 ? 0 : ((after - before) / before) * 100);
const signed = (pct: number) => `${pct >= 0 ? "+" : ""}${pct.toFixed(1)}%`;

const mb = (bytes: number) => bytes / MB;
const row = (label: string, m: Memory) =>
  `${label.padStart(8)} ${[m.rss, m.heapTotal, m.heapUsed, m.external, m.arrayBuffers, m.wasm, m.wasmRss]
    .map((v) => mb(v).toFixed(0).padStart(9))
    .join("")}`;

/** The demo on a fresh data folder, as `quorum demo` leaves it (from the first-start seed when built). */
async function demoFolder(dir: string, cwd: string): Promise<void> {
  const child = spawn(process.execPath, [QUORUM, "demo"], {
    cwd,
    env: { PATH: process.env.PATH ?? "", QUORUM_FROM_SOURCE: "", DATABASE_URL: pathToFileURL(dir).href },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const [code] = await once(child, "exit");
  if (code !== 0) throw new Error(`quorum demo exited ${code}: ${stderr}`);
}

export async function run(): Promise<void> {
  if (process.platform !== "linux") return console.log("skipped: reads memory the way Linux reports it");
  if (!existsSync(join(root, "dist", "BUILT")))
    throw new Error("dist/ is not built: run npm run build first");
  const scratch = mkdtempSync(join(tmpdir(), "quorum-memory-bench-"));
  const slack = await startFakeSlack();
  const teams = await startFakeConnector();
  let server: Watched | undefined;
  try {
    const data = join(scratch, "data");
    await demoFolder(data, scratch);
    const copy = join(scratch, "floor");
    cpSync(data, copy, { recursive: true });
    const bare = await startWatched([FLOOR, copy, "--idle"], {}, /ready/, scratch);
    const floor = await settled(bare);
    await bare.stop();
    // The same open with the flag the server runs PGlite's WASM with (src/cli/wasm-tier.ts): the like-for-like floor.
    const bareLiftoff = await startWatched(["--liftoff-only", FLOOR, copy, "--idle"], {}, /ready/, scratch);
    const liftoffFloor = await settled(bareLiftoff);
    await bareLiftoff.stop();

    for (const u of Object.values(USERS))
      slack.users.set(u.id, { name: u.name, ...("email" in u ? { email: u.email } : {}) });
    for (const user of [SAM, JO]) teams.members.set(user.id, { ...user });
    const unlimited = "1000000000";
    const started = await startWatched(
      [QUORUM, "serve"],
      {
        DATABASE_URL: pathToFileURL(data).href,
        HOST: "127.0.0.1",
        PORT: String(await closedPort()),
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        QUORUM_TEAMS_INSECURE: "1",
        TEAMS_TENANT_ID: TENANT,
        TEAMS_SERVICE_URL_HOSTS: new URL(teams.url).host,
        // The senders are three people sending thousands of commands a minute: time the check, not refusals.
        QUORUM_RATE_USER_PER_MIN: unlimited,
        QUORUM_RATE_PARTNERSHIP_PER_MIN: unlimited,
      },
      /Quorum is listening on (http:\/\/\S+)/,
      scratch,
    );
    server = started;
    // The figures are the compiled code's: a stale dist/ makes bin/quorum.js run the sources instead.
    if (server.output().includes("from its TypeScript sources"))
      throw new Error(`dist/ is stale, run npm run build: ${server.output()}`);
    const baseUrl = started.ready[1] as string;
    const watched = server;
    const idle = await settled(watched);

    const replies = { slack: 0, teams: 0 };
    const tally = () => {
      replies.slack += ["chat.postMessage", "chat.postEphemeral", "response_url"].reduce(
        (n, method) => n + slack.callsTo(method).length,
        0,
      );
      replies.teams += teams.posts.length;
      // The fakes record every call: dropped, so the bench's own memory stays flat too.
      slack.clear();
      teams.reset();
    };
    const points: ({ sent: number } & Memory)[] = [{ sent: 0, ...idle.raw }];
    // At each quarter also the live heap, after a full collection: what a leak would grow.
    const live: ({ sent: number } & Memory)[] = [{ sent: 0, ...idle.collected }];
    const interval = Math.max(1, Math.floor(REQUESTS / SAMPLES));
    const load = await sendMix({ baseUrl, slack, teams }, REQUESTS, SENDERS, interval, async (sent) => {
      points.push({ sent, ...(await watched.sample()) });
      if (sent >= (REQUESTS / 4) * live.length) live.push({ sent, ...(await watched.sample(true)) });
      tally();
    });
    const after = await settled(watched);
    tally();
    // Events and Teams messages are acked empty and answered through the fakes: they must have answered.
    if (replies.slack === 0 || replies.teams === 0)
      throw new Error(`no replies through fake Slack (${replies.slack}) or Teams (${replies.teams})`);
    const failures = [...load.failed].map(([k, n]) => `${n} ${k}`).join(", ");
    if (failures) throw new Error(`answers that were not 200: ${failures}\n${watched.output()}`);

    console.log(
      `bin/quorum.js serve on PGlite, ${load.sent} mixed requests from ${SENDERS} senders (answered through the fakes: ${replies.slack} Slack posts, ${replies.teams} Teams); MB, sampled every ${interval}:`,
    );
    console.log(
      `${"sent".padStart(8)}${["RSS", "heap", "used", "external", "arrayBuf", "WASM", "resident"].map((h) => h.padStart(9)).join("")}`,
    );
    console.log(row("floor", floor.raw));
    console.log(row("liftoff", liftoffFloor.raw));
    const shown = Math.max(1, Math.round(points.length / 10));
    for (const [i, p] of points.entries())
      if (i % shown === 0 || i === points.length - 1) console.log(row(String(p.sent), p));
    console.log(row("settled", after.raw));
    console.log("after a full collection, at each quarter:");
    for (const p of live) console.log(row(String(p.sent), p));
    console.log(row("settled", after.collected));

    const idleRss = mb(idle.raw.rss);
    const floorRss = mb(floor.raw.rss);
    const half = live.find((p) => p.sent >= REQUESTS / 2) ?? idle.collected;
    const heapGrowth = growth(half.heapUsed, after.collected.heapUsed);
    const peak = (ps: Memory[]) => mb(Math.max(...ps.map((p) => p.rss)));
    const firstPeak = peak(points.filter((p) => p.sent <= REQUESTS / 2));
    const lastPeak = peak(points);
    const rate = load.sent / (load.ms / 1000);
    recordFigure("idle server RSS", idleRss, "MB", floorRss);
    const liftoffRss = mb(liftoffFloor.raw.rss);
    recordFigure("idle server RSS vs liftoff floor", idleRss, "MB", liftoffRss);
    recordFigure("server RSS after the load vs liftoff floor", mb(after.raw.rss), "MB", liftoffRss);
    // What V8's memory reducer reaches on its own after a while idle: start-up garbage collected.
    recordFigure("idle server RSS, collected", mb(idle.collected.rss), "MB", mb(floor.collected.rss));
    recordFigure("server RSS after the load", mb(after.raw.rss), "MB", floorRss);
    recordFigure("server RSS after the load, collected", mb(after.collected.rss), "MB", floorRss);
    recordFigure(
      "JS heap used after the load, collected",
      mb(after.collected.heapUsed),
      "MB",
      mb(idle.collected.heapUsed),
    );
    recordFigure("PGlite WASM resident after the load", mb(after.raw.wasmRss), "MB", mb(idle.raw.wasmRss));
    recordFigure("second-half live JS heap growth", heapGrowth, "%");
    recordFigure("peak server RSS", lastPeak, "MB", floorRss);
    recordFigure("mixed requests a second", rate, "req/s");
    console.log(
      `idle server RSS ${idleRss.toFixed(0)} MB (bare PGlite open ${floorRss.toFixed(0)} MB, ${(idleRss / floorRss).toFixed(2)}x; goal <= ${IDLE_GOAL}x: ${idleRss / floorRss <= IDLE_GOAL ? "met" : "not met"}); after a full collection ${mb(idle.collected.rss).toFixed(0)} MB (floor ${mb(floor.collected.rss).toFixed(0)}, ${(idle.collected.rss / floor.collected.rss).toFixed(2)}x)`,
    );
    console.log(
      `beside the same open with --liftoff-only, as the server runs (${liftoffRss.toFixed(0)} MB): idle ${(idleRss / liftoffRss).toFixed(2)}x, after the load ${(mb(after.raw.rss) / liftoffRss).toFixed(2)}x`,
    );
    console.log(
      `after ${load.sent}: RSS ${mb(after.raw.rss).toFixed(0)} MB (${(mb(after.raw.rss) / floorRss).toFixed(2)}x the floor), ${mb(after.collected.rss).toFixed(0)} MB after a full GC; JS heap live ${mb(idle.collected.heapUsed).toFixed(0)} -> ${mb(after.collected.heapUsed).toFixed(0)} MB; PGlite WASM resident ${mb(idle.raw.wasmRss).toFixed(0)} -> ${mb(after.raw.wasmRss).toFixed(0)} MB (of ${mb(after.raw.wasm).toFixed(0)} MB)`,
    );
    console.log(
      `second half: live JS heap ${mb(half.heapUsed).toFixed(0)} -> ${mb(after.collected.heapUsed).toFixed(0)} MB, ${signed(heapGrowth)} (${Math.abs(heapGrowth) <= FLAT_PCT ? "flat" : "NOT flat"}: within ${FLAT_PCT}%)${TINY ? " (tiny: not judged)" : ""}; RSS high-water ${firstPeak.toFixed(0)} -> ${lastPeak.toFixed(0)} MB (${signed(growth(firstPeak, lastPeak))}); ${rate.toFixed(0)} requests a second`,
    );
  } finally {
    await server?.stop();
    await Promise.all([slack.close(), teams.close()]);
    rmSync(scratch, { recursive: true, force: true });
  }
}

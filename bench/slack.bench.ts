// Slack round trip: a signed /quorum "actions" through Quorum's compiled server and bolt receiver beside a
// bare bolt ack, and beside the fairer floor of a bare bolt that runs the command's one query before acking.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { App as Bolt, ExpressReceiver } from "@slack/bolt";
import { signSlackRequest } from "../src/adapters/slack/signature.ts";
import type { SlackAdapter } from "../src/adapters/slack/slack-adapter.ts";
import type * as App from "../src/app.ts";
import type * as Config from "../src/config.ts";
import type * as ActionLists from "../src/core/commands/action-list-commands.ts";
import type * as Demo from "../src/demo/load-demo.ts";
import type * as Log from "../src/log.ts";
import type * as Adapters from "../src/server/adapters.ts";
import type * as Serve from "../src/server/serve.ts";
import type * as Stores from "../src/store/drizzle-store.ts";
import type * as Migrate from "../src/store/migrate.ts";
import type * as Databases from "../src/store/open-database.ts";
import type { Database } from "../src/store/open-database.ts";
import { type FakeSlack, startFakeSlack } from "../test/slack/fake-slack.ts";
import { SECRET, TEAM, TOKEN, USERS } from "../test/slack/slack-harness.ts";
import { compiled } from "./compiled.ts";
import { scratchPostgres } from "./scratch-postgres.ts";
import { measureByTurns, printComparison, recordFigure, type Sample, sized, summarise } from "./stats.ts";

// Quorum as `quorum serve` runs it, compiled (compiled.ts); the floors' query runs the same compiled store.
const { appFromDatabase } = await compiled<typeof App>("app");
const { loadConfig } = await compiled<typeof Config>("config");
const { LIST_LIMIT } = await compiled<typeof ActionLists>("core/commands/action-list-commands");
const { loadDemo } = await compiled<typeof Demo>("demo/load-demo");
const { createLogger } = await compiled<typeof Log>("log");
const { loadAdapterFactories } = await compiled<typeof Adapters>("server/adapters");
const { serve } = await compiled<typeof Serve>("server/serve");
const { createStore } = await compiled<typeof Stores>("store/drizzle-store");
const { runMigrations } = await compiled<typeof Migrate>("store/migrate");
const { openDatabase } = await compiled<typeof Databases>("store/open-database");

const SEQUENTIAL = 200;
const STEADY_N = sized(300, 2);
const STEADY_EVERY_MS = 20;
/** The steady run in parts, the targets taking turns part by part. */
const STEADY_PARTS = sized(6, 1);
/** Untimed turns of each before timing, so all three are timed on code V8 has compiled. */
const WARMUP = 100;
const BURST_SIZE = sized(50, 2);
const BURST_ROUNDS = sized(10, 1);
/** `action list` as a person types it; the ack must carry the list, so the whole command ran before it. */
const TEXT = "actions";
const LIST_HEADING = "*Open actions";

/** One endpoint under test: where to POST, and whether its ack is the one we expect. */
interface Target {
  url: string;
  /** Waits until the handling that outlives each ack has finished, so phases don't bleed into each other. */
  settle(): Promise<void>;
  expectsList: boolean;
}

/** Counts acks that were not the list (empty slow-path ack, error card, non-200), which would make timings lie. */
const wrongAcks = new Map<string, number>();

let triggers = 0;

/** Statements drizzle sends (BEGIN and COMMIT aside), counted only while a count is being taken. */
const statements = { counting: false, n: 0 };
const countStatement = () => {
  if (statements.counting) statements.n++;
};

/** Statements per request, over a few requests each settled before the next (after-ack work counts too). */
async function statementsPerRequest(target: Target, fake: FakeSlack, label: string): Promise<number> {
  const n = sized(20, 1);
  statements.n = 0;
  statements.counting = true;
  for (let i = 0; i < n; i++) {
    await roundTrip(target, fake, label);
    await target.settle();
  }
  statements.counting = false;
  return statements.n / n;
}

/** The form Slack POSTs for a slash command, with the fields bolt reads. */
function commandBody(fake: FakeSlack): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: TEAM,
    team_domain: "essex-partners",
    channel_id: "CHWB",
    channel_name: "hwb-board",
    user_id: USERS.jo.id,
    user_name: "jo",
    command: "/quorum",
    text: TEXT,
    api_app_id: "AQUORUM",
    response_url: fake.responseUrl("bench"),
    trigger_id: `trigger-${++triggers}`,
  }).toString();
}

/** One signed round trip; signing happens before the clock starts since Slack, not us, pays for it. */
async function roundTrip(target: Target, fake: FakeSlack, label: string): Promise<number> {
  const body = commandBody(fake);
  const ts = Math.floor(Date.now() / 1000);
  const headers = {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(ts),
    "x-slack-signature": signSlackRequest(SECRET, ts, body),
  };
  const t0 = performance.now();
  const res = await fetch(target.url, { method: "POST", headers, body });
  const text = await res.text();
  const ms = performance.now() - t0;
  const ok = res.status === 200 && (!target.expectsList || text.includes(LIST_HEADING));
  if (!ok) wrongAcks.set(label, (wrongAcks.get(label) ?? 0) + 1);
  return ms;
}

/**
 * Open loop: requests leave on schedule whether or not earlier ones have answered, as Slack sends them.
 * One part of the run (STEADY_N / STEADY_PARTS requests), so the three targets can take turns.
 */
async function steady(target: Target, fake: FakeSlack, label: string, part: number): Promise<number[]> {
  const pending: Promise<number>[] = [];
  const start = performance.now();
  const n = Math.ceil(STEADY_N / STEADY_PARTS);
  for (let i = part * n; i < Math.min(STEADY_N, (part + 1) * n); i++) {
    const wait = start + (i - part * n) * STEADY_EVERY_MS - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(roundTrip(target, fake, label));
  }
  const times = await Promise.all(pending);
  await target.settle();
  return times;
}

/** One round of BURST_SIZE requests at once, returned once it has fully settled. */
async function burst(target: Target, fake: FakeSlack, label: string): Promise<number[]> {
  const round = await Promise.all(Array.from({ length: BURST_SIZE }, () => roundTrip(target, fake, label)));
  await target.settle();
  await sleep(50);
  return round;
}

/**
 * Runs each target's part in turn (A B C, then C B A: stats.ts measureByTurns) and gathers each one's
 * times. A first untimed round opens the client's sockets to every target, which would otherwise land on
 * one side only.
 */
async function byTurns<const T extends ReadonlyArray<(part: number) => Promise<number[]>>>(
  parts: number,
  runs: T,
): Promise<{ [K in keyof T]: Sample }> {
  const times = runs.map(() => [] as number[]);
  for (const run of runs) await run(0);
  for (let p = 0; p < parts; p++) {
    const order = runs.map((_, k) => (p % 2 === 0 ? k : runs.length - 1 - k));
    for (const k of order) times[k]?.push(...((await runs[k]?.(p)) ?? []));
  }
  return times.map(summarise) as { [K in keyof T]: Sample };
}

/**
 * A floor: bolt's own receiver verifying the same signature and acking. With `query`, the fairer floor:
 * it acks only after running the one query the command needs, over the same driver.
 */
async function startBareBolt(
  fake: FakeSlack,
  query?: () => Promise<unknown>,
): Promise<{ target: Target; close(): Promise<void> }> {
  const receiver = new ExpressReceiver({ signingSecret: SECRET, endpoints: "/slack/events" });
  const bolt = new Bolt({ token: TOKEN, receiver, clientOptions: { slackApiUrl: fake.apiUrl } });
  bolt.command("/quorum", async ({ ack }) => {
    if (query) await ack({ response_type: "ephemeral", text: `${(await query()) ? "listed" : ""}` });
    else await ack();
  });
  const server: Server = await receiver.start({ port: 0, host: "127.0.0.1" });
  const { port } = server.address() as AddressInfo;
  return {
    target: { url: `http://127.0.0.1:${port}/slack/events`, settle: async () => {}, expectsList: false },
    close: () => receiver.stop(),
  };
}

async function benchOn(label: string, database: Database, fake: FakeSlack, floor: Target): Promise<void> {
  await runMigrations(database);
  // Errors only, on stderr: per-request lines would be timed as Quorum's work, and the Teams adapter that
  // `quorum serve` always mounts warns at start-up about running unauthenticated.
  const logger = createLogger("error");
  // Limits high enough never to refuse: the bench sends well over 200 commands a minute from one user,
  // and should time the limit check, not its refusals.
  const unlimited = { userPerMinute: 1e9, partnershipPerMinute: 1e9 };
  const app = appFromDatabase(database, { logger, rateLimits: unlimited });
  await loadDemo(app.store, app.clock);
  // Built as `quorum serve` builds it: the config from environment variables and the real adapter list.
  const config = loadConfig({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  const running = await serve({ app, config, logger }, await loadAdapterFactories(config), {
    host: "127.0.0.1",
    port: 0,
  });
  const slack = running.adapters.find((a) => a.name === "slack") as SlackAdapter;
  const quorum: Target = {
    url: `${running.http.url}/slack/events`,
    settle: () => slack.settled(),
    expectsList: true,
  };
  // `/quorum actions` lists a page of the partnership's open actions: that query, in its own transaction.
  const rawStore = createStore(database.db);
  const [partnership] = await rawStore.transaction((r) => r.partnerships.list());
  const pid = partnership?.id ?? 1;
  const queried = await startBareBolt(fake, () =>
    rawStore.transaction((r) => r.actions.list(pid, { statuses: ["open"], limit: LIST_LIMIT, offset: 0 })),
  );
  const fq = queried.target;
  try {
    const q = `${label} quorum`;
    const f = `${label} bare`;
    const fqLabel = `${label} bare+query`;
    // The first command links Jo's Slack id to the partner through users.info, once: not a request to count.
    for (let i = 0; i < sized(20, 1); i++) await roundTrip(quorum, fake, q);
    // Round trips are what a busy machine cannot blur: each statement waits for the database once.
    const stmtsQ = await statementsPerRequest(quorum, fake, q);
    const stmtsFq = await statementsPerRequest(fq, fake, fqLabel);
    console.log(
      `${label}: ${stmtsQ.toFixed(1)} statements a /quorum actions, ${stmtsFq.toFixed(1)} for the query floor (each also opens and commits one transaction)`,
    );
    recordFigure(`${label}: statements a request`, stmtsQ, "statements", stmtsFq);
    // By turns (stats.ts), so the machine's drift over the run falls on all three alike.
    const [seqQ, seqF, seqFq] = await measureByTurns(
      SEQUENTIAL,
      [() => roundTrip(quorum, fake, q), () => roundTrip(floor, fake, f), () => roundTrip(fq, fake, fqLabel)],
      WARMUP,
    );
    printComparison(`${label}: /quorum actions, one at a time`, seqQ, seqF, "bare bolt");
    printComparison(`${label}: /quorum actions vs query floor`, seqQ, seqFq, "bare bolt + query");
    const [steadyQ, steadyF, steadyFq] = await byTurns(STEADY_PARTS, [
      (part) => steady(quorum, fake, q, part),
      (part) => steady(floor, fake, f, part),
      (part) => steady(fq, fake, fqLabel, part),
    ]);
    printComparison(`${label}: steady, 1 per ${STEADY_EVERY_MS} ms`, steadyQ, steadyF, "bare bolt");
    printComparison(`${label}: steady vs query floor`, steadyQ, steadyFq, "bare bolt + query");
    const [burstQ, burstF, burstFq] = await byTurns(BURST_ROUNDS, [
      () => burst(quorum, fake, q),
      () => burst(floor, fake, f),
      () => burst(fq, fake, fqLabel),
    ]);
    printComparison(`${label}: burst ${BURST_SIZE} x ${BURST_ROUNDS}`, burstQ, burstF, "bare bolt");
    printComparison(`${label}: burst vs query floor`, burstQ, burstFq, "bare bolt + query");
  } finally {
    await queried.close();
    await running.close();
    await app.close();
  }
}

export async function run(): Promise<void> {
  // Client, servers, fake Slack and PGlite share one process and these cores: a busy machine moves every figure.
  const [load] = loadavg();
  console.log(`load average ${load?.toFixed(2)} on ${availableParallelism()} cores at start`);
  const fake = await startFakeSlack();
  fake.users.set(USERS.jo.id, { name: USERS.jo.name, email: USERS.jo.email });
  const bare = await startBareBolt(fake);
  try {
    await benchOn("PGlite", await openDatabase("memory://", { onQuery: countStatement }), fake, bare.target);
    // The fake records every call; drop them so memory stays flat between drivers.
    fake.clear();
    await scratchPostgres(async (url) => {
      await benchOn("PostgreSQL", await openDatabase(url, { onQuery: countStatement }), fake, bare.target);
    });
  } finally {
    await bare.close();
    await fake.close();
  }
  for (const [who, n] of wrongAcks) {
    console.log(`${who}: ${n} request(s) did not get the expected ack (status or list missing).`);
  }
}

// Digests at scale: composing for 1,000 channel links over 100,000 actions and 10,000 meetings (time and
// SQL statements, beside composing each channel on its own), then fan-out to 1,000 channels against
// fake platforms that enforce Slack's and Teams' limits, with duplicates and losses counted.

import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { DeliveryError, type Sender } from "../src/core/outbound.ts";
import { CHANNEL_AUDIENCE } from "../src/core/questions/visibility.ts";
import { composeDigest } from "../src/core/schedule/digest.ts";
import { DEFAULT_FIRE_OPTIONS, fireDueSchedules } from "../src/core/schedule/fire.ts";
import { loadSnapshot } from "../src/core/schedule/snapshot.ts";
import { createOutboxWorker } from "../src/delivery/outbox-worker.ts";
import { loadDemo } from "../src/demo/load-demo.ts";
import { createStore } from "../src/store/drizzle-store.ts";
import { runMigrations } from "../src/store/migrate.ts";
import { type Database, openDatabase } from "../src/store/open-database.ts";
import { outboxQueue } from "../src/store/outbox-queue.ts";
import { outletsFor } from "../test/helpers/outlets.ts";
import { scratchPostgres } from "./scratch-postgres.ts";
import { recordFigure, sized } from "./stats.ts";

const LINKS = sized(1000, 20);
const ACTIONS = sized(100_000, 500);
const MEETINGS = sized(10_000, 50);
const GROUPS = sized(100, 5);
const BASELINE_SAMPLE = sized(20, 2);

/** The digest data set (also exported for the partnership-transfer bench): demo plus 100,000 actions. */
export async function seed(database: Database): Promise<void> {
  const clock = { now: () => new Date() };
  await runMigrations(database);
  await loadDemo(createStore(database.db), clock);
  const db = database.db;
  await db.execute(sql`insert into groups (partnership_id, slug, name)
    select 1, 'g' || i, 'Group ' || i from generate_series(1, ${GROUPS}) i`);
  await db.execute(sql`insert into actions (partnership_id, number, title, owner_id, organisation_id, group_id, due_on, status, created_by)
    select 1, 1000 + i, 'Bench action ' || i, 1 + i % 12, 1 + i % 8, (select min(id) from groups) + i % ${GROUPS},
           current_date + (i % 121 - 60), case when i % 10 < 7 then 'done' else 'open' end, 1
    from generate_series(1, ${ACTIONS}) i`);
  await db.execute(sql`insert into meetings (partnership_id, group_id, title, starts_at, place)
    select 1, (select min(id) from groups) + i % ${GROUPS}, 'Meeting ' || i, now() + (i % 365) * interval '1 day', 'Hall'
    from generate_series(1, ${MEETINGS}) i`);
  await db.execute(sql`insert into channel_links (partnership_id, group_id, platform, tenant, channel_id, name, digest_enabled)
    select 1, (select min(id) from groups) + i % ${GROUPS}, case when i % 2 = 0 then 'slack' else 'teams' end,
           'T1', 'C' || i, 'chan-' || i, true
    from generate_series(1, ${LINKS}) i`);
  await db.execute(sql`insert into schedules (partnership_id, kind, subject, spec, next_fire_at)
    select 1, 'digest', 'link:' || id, 'mon 09:00', now() - interval '1 minute' from channel_links`);
  await db.execute(sql`analyze`);
}

async function composeBench(label: string, url: string): Promise<void> {
  let queries = 0;
  const database = await openDatabase(url, { onQuery: () => queries++ });
  try {
    await seed(database);
    const store = createStore(database.db);
    const clock = { now: () => new Date() };
    // Baseline: each channel composes its own digest with its own queries, as a naive loop would. It is
    // linear in channels, so it is timed on a sample and scaled to all of them (printed as such).
    queries = 0;
    let t0 = performance.now();
    await store.transaction(async (repos) => {
      const partnership = await repos.partnerships.byId(1);
      if (!partnership) throw new Error("no partnership");
      for (const link of (await repos.channels.list(1)).slice(0, BASELINE_SAMPLE)) {
        composeDigest(await loadSnapshot(repos, partnership, clock.now()), link, CHANNEL_AUDIENCE);
      }
    });
    const scale = LINKS / BASELINE_SAMPLE;
    const naive = { ms: (performance.now() - t0) * scale, queries: queries * scale };
    // Quorum: one snapshot per partnership, sliced per channel, enqueued with the schedules advanced.
    queries = 0;
    t0 = performance.now();
    const report = await fireDueSchedules(store, clock, { ...DEFAULT_FIRE_OPTIONS, batch: 250 });
    const ours = { ms: performance.now() - t0, queries };
    recordFigure(`${label} compose+enqueue ${LINKS} digests`, ours.ms, "ms", naive.ms);
    recordFigure(
      `${label} compose+enqueue ${LINKS} digests, statements`,
      ours.queries,
      "statements",
      naive.queries,
    );
    console.log(
      `${label.padEnd(11)} compose+enqueue ${report.enqueued} digests: ${ours.ms.toFixed(0).padStart(6)} ms, ${ours.queries} SQL statements | per-channel baseline (compose only, ${BASELINE_SAMPLE} timed, x${scale}): ${naive.ms.toFixed(0).padStart(6)} ms, ${naive.queries} statements | ratio time ${(ours.ms / naive.ms).toFixed(3)}x, statements ${(ours.queries / naive.queries).toFixed(3)}x`,
    );
    if (label === "PostgreSQL" || !url.startsWith("postgres")) await fanOut(label, database);
  } finally {
    await database.close();
  }
}

/**
 * Fakes that reject (429) any send over the platform's documented limits, counted as the platforms count
 * them: at most `perTarget` sends to one target and `perTenant` in all in any 1-second window.
 */
function limitedSender(platform: "slack" | "teams", perTarget: number, perTenant: number) {
  const byTarget = new Map<string, number[]>();
  const tenant: number[] = [];
  const inLastSecond = (times: number[], now: number) => times.filter((t) => now - t < 1000).length;
  const seen = new Map<string, number>();
  /** `last`: when the last send arrived (performance.now), so a platform's rate is over its own span. */
  const stats = { delivered: 0, rejected: 0, duplicates: 0, last: 0 };
  const sender: Sender = {
    platform,
    async send(target, payload) {
      const now = performance.now();
      const key = `${target.id}:${payload.text.split("\n")[0]}`;
      const mine = byTarget.get(target.id) ?? [];
      if (inLastSecond(mine, now) >= perTarget || inLastSecond(tenant, now) >= perTenant) {
        stats.rejected++;
        throw new DeliveryError("rate_limited", "429", { retryAfterMs: 1000 });
      }
      byTarget.set(target.id, [...mine.slice(-perTarget), now]);
      tenant.push(now);
      if (tenant.length > perTenant) tenant.shift();
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if ((seen.get(key) ?? 0) > 1) stats.duplicates++;
      stats.delivered++;
      stats.last = now;
      return { messageId: `${platform}-${stats.delivered}` };
    },
  };
  return { sender, stats };
}

async function fanOut(label: string, database: Database): Promise<void> {
  // Slack allows about 1 message a second per channel; Teams 7 a second per conversation, 30 per tenant.
  const slack = limitedSender("slack", 1, Number.POSITIVE_INFINITY);
  const teams = limitedSender("teams", 7, 30);
  const worker = createOutboxWorker({
    outlets: outletsFor(slack.sender, teams.sender),
    queue: outboxQueue(database.db),
    clock: { now: () => new Date() },
    batch: 100,
  });
  const t0 = performance.now();
  // As the server drains: every lane (here Slack's workspace and Teams' tenant) at its own pace.
  for (;;) {
    await worker.drain();
    const left = await database.db.execute(
      sql`select count(*)::int as n from outbox where status in ('pending','sending')`,
    );
    const n = Array.isArray(left) ? left[0]?.n : (left as { rows: { n: number }[] }).rows[0]?.n;
    if (!n) break;
    await new Promise((res) => setTimeout(res, 5));
  }
  const seconds = (performance.now() - t0) / 1000;
  // Teams' rate over Teams' own span: Slack's workspace ceiling (280 a minute) makes the whole run longer.
  const teamsSeconds = (teams.stats.last - t0) / 1000;
  const result = await database.db.execute(
    sql`select status, platform, count(*)::int as n from outbox group by 1, 2 order by 1, 2`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    status: string;
    platform: string;
    n: number;
  }[];
  const teamsRate = teams.stats.delivered / teamsSeconds;
  // Against the limit as its floor, the ratio is the share of the tenant's allowance used (goal >= 0.95).
  recordFigure(`${label} fan-out Teams rate`, teamsRate, "msg/s", 30);
  recordFigure(`${label} fan-out 429s provoked`, slack.stats.rejected + teams.stats.rejected, "responses");
  console.log(
    `${label.padEnd(11)} fan-out to ${LINKS} channels in ${seconds.toFixed(1)} s (load average ${loadavg()[0]?.toFixed(1)}), Teams' in ${teamsSeconds.toFixed(1)} s: Teams ${teamsRate.toFixed(1)} msg/s over an allowed 30/s per tenant = ${(teamsRate / 30).toFixed(2)} of the limit; 429s provoked: Slack ${slack.stats.rejected}, Teams ${teams.stats.rejected}; duplicates ${slack.stats.duplicates + teams.stats.duplicates}; outbox ${rows.map((r) => `${r.platform} ${r.status} ${r.n}`).join(", ")}`,
  );
}

export async function run(): Promise<void> {
  await composeBench("PGlite", "memory://");
  await scratchPostgres((url) => composeBench("PostgreSQL", url));
}

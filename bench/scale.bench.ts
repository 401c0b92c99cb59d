// Scale a user can read: one partnership grown from 1,000 to 100,000 actions and 5,000 people, with
// `actions overdue`, `home` and a digest composition timed through the core at each size, and the plan of
// every read they send printed (a Seq Scan on a large table flagged). The open work stays the same size
// as the log grows (a partnership's history accumulates; its live list does not), so a flat time means
// no query reads the history.
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { shellEvent } from "../src/adapters/shell/shell-adapter.ts";
import { CHANNEL_AUDIENCE } from "../src/core/questions/visibility.ts";
import { createQuorum } from "../src/core/quorum.ts";
import { composeDigest } from "../src/core/schedule/digest.ts";
import { loadSnapshot } from "../src/core/schedule/snapshot.ts";
import { loadDemo } from "../src/demo/load-demo.ts";
import { createStore } from "../src/store/drizzle-store.ts";
import { runMigrations } from "../src/store/migrate.ts";
import { type Database, openDatabase } from "../src/store/open-database.ts";
import { backendCpu, backendTicks, type Captured, explainAll, printPlans, rawRows } from "./explain.ts";
import { scratchPostgres } from "./scratch-postgres.ts";
import { measure, recordFigure, type Sample, sized, TINY } from "./stats.ts";

interface Step {
  actions: number;
  people: number;
}
/** SCALE_STEPS=100000:5000 runs only the sizes named (actions:people), e.g. for a before/after. */
const only = process.env.SCALE_STEPS?.split(",").map((s) => {
  const [actions, people] = s.split(":").map(Number);
  return { actions: actions ?? 1000, people: people ?? 500 };
});
const STEPS: Step[] = TINY
  ? [{ actions: 200, people: 60 }]
  : (only ?? [
      { actions: 1_000, people: 500 },
      { actions: 10_000, people: 2_000 },
      { actions: 100_000, people: 5_000 },
    ]);
/** Open actions at every size (a third overdue, a twelfth Jo's): the live list a person reads. */
const OPEN = sized(300, 40);
const GROUPS = 20;
const MEETINGS = sized(200, 10);
const LINKS = sized(50, 5);
const N = sized(Number(process.env.SCALE_N ?? 200), 1);
const DIGEST_N = sized(Math.ceil(N / 7), 1);
const LARGE_TABLES = ["actions", "people", "group_members", "action_updates", "audit_events", "identities"];

/** Bulk-loads one step's data set with set-based SQL (seconds for 100,000 rows, not one command each). */
async function seed(database: Database, step: Step): Promise<void> {
  await runMigrations(database);
  await loadDemo(createStore(database.db), { now: () => new Date() });
  const db = database.db;
  await db.execute(sql`insert into groups (partnership_id, slug, name)
    select 1, 'sg' || i, 'Scale group ' || i from generate_series(1, ${GROUPS}) i`);
  await db.execute(sql`insert into people (partnership_id, handle, name, email, organisation_id)
    select 1, 'person' || i, 'Person ' || i, 'person' || i || '@example.gov.uk',
           (select min(id) from organisations) + i % 8
    from generate_series(1, ${step.people} - (select count(*)::int from people)) i`);
  await db.execute(sql`insert into group_members (group_id, person_id)
    select (select min(id) from groups where slug like 'sg%') + p.id % ${GROUPS}, p.id
    from people p where p.handle like 'person%'`);
  // Open first (due around today, a third overdue), then the closed history, 90% done, due in the past.
  await db.execute(sql`insert into actions (partnership_id, number, title, owner_id, organisation_id, group_id,
      due_on, status, created_by, closed_at)
    select 1, 1000 + i, 'Scale action ' || i,
      case when i <= ${OPEN} and i % 12 = 0 then (select id from people where handle = 'jo')
           else (select min(id) from people) + i % ${step.people} end,
      (select min(id) from organisations) + i % 8,
      (select min(id) from groups where slug like 'sg%') + i % ${GROUPS},
      case when i > ${OPEN} then current_date - (1 + i % 700)
           when i % 3 = 0 then current_date - (1 + i % 60) else current_date + (i % 60) end,
      case when i <= ${OPEN} then 'open' when i % 10 = 0 then 'dropped' else 'done' end,
      (select id from people where handle = 'jo'),
      case when i <= ${OPEN} then null else now() - (i % 700) * interval '1 day' end
    from generate_series(1, ${step.actions}) i`);
  await db.execute(sql`update partnerships set next_action_no = ${1001 + step.actions} where id = 1`);
  await db.execute(sql`insert into meetings (partnership_id, group_id, title, starts_at, place)
    select 1, (select min(id) from groups where slug like 'sg%') + i % ${GROUPS}, 'Meeting ' || i,
           now() + (i % 90 - 30) * interval '1 day', 'Hall'
    from generate_series(1, ${MEETINGS}) i`);
  await db.execute(sql`insert into channel_links (partnership_id, group_id, platform, tenant, channel_id, name)
    select 1, (select min(id) from groups where slug like 'sg%') + i % ${GROUPS}, 'slack', 'T1', 'C' || i, 'chan-' || i
    from generate_series(1, ${LINKS}) i`);
  // PostgreSQL's autovacuum would have analyzed by now; PGlite never does, and is measured as it runs.
  if (database.kind === "postgres") await db.execute(sql`analyze`);
}

/** The statements fn sends, captured through the query hook, for their plans. */
async function capture(log: { on: Captured[] | null }, fn: () => Promise<unknown>): Promise<Captured[]> {
  const got: Captured[] = [];
  log.on = got;
  try {
    await fn();
  } finally {
    log.on = null;
  }
  return got;
}

type Results = Map<string, (Sample & { cpuMs: number })[]>;

async function stepOn(label: string, url: string, step: Step, results: Results, last: boolean) {
  const log: { on: Captured[] | null } = { on: null };
  const database = await openDatabase(url, { onQuery: (query, params) => log.on?.push({ query, params }) });
  try {
    const t0 = performance.now();
    await seed(database, step);
    const seeded = ((performance.now() - t0) / 1000).toFixed(1);
    const store = createStore(database.db);
    const clock = { now: () => new Date() };
    const quorum = createQuorum({ store, clock });
    const digest = () =>
      store.transaction(async (repos) => {
        const partnership = await repos.partnerships.byId(1);
        if (!partnership) throw new Error("no partnership");
        const s = await loadSnapshot(repos, partnership, clock.now());
        for (const link of s.links) composeDigest(s, link, CHANNEL_AUDIENCE);
      });
    const hot: [string, () => Promise<unknown>, number][] = [
      ["actions overdue", () => quorum.handle(shellEvent("jo", "actions overdue")), N],
      ["home", () => quorum.handle(shellEvent("jo", "home")), N],
      [`digest (${LINKS} channels)`, digest, DIGEST_N],
    ];
    const sizes = new Map<string, number>();
    for (const t of LARGE_TABLES)
      sizes.set(t, Number((await rawRows(database, `select count(*)::int as n from ${t}`))[0]?.n ?? 0));
    // A table of more than 1,000 rows read whole is worth flagging at this size.
    const large = new Set([...sizes].filter(([, n]) => n > 1000).map(([t]) => t));
    console.log(
      `${label} ${step.actions} actions, ${step.people} people (seeded in ${seeded} s; load ${loadavg()[0]?.toFixed(1)}):`,
    );
    for (const [name, fn, n] of hot) {
      // CPU per operation beside the wall time: on a shared machine the wall time follows the load, the
      // CPU spent (this process, which includes PGlite, plus the PostgreSQL backends) follows the work.
      const cpu0 = process.cpuUsage();
      const db0 = database.kind === "postgres" ? await backendTicks(database) : new Map();
      const sample = await measure(n, fn);
      const used = process.cpuUsage(cpu0);
      const dbCpu = database.kind === "postgres" ? await backendCpu(database, db0) : 0;
      const cpuMs = ((used.user + used.system) / 1000 + dbCpu * 1000) / (TINY ? 1 : n + 20);
      const key = `${label}: ${name}`;
      results.set(key, [...(results.get(key) ?? []), { ...sample, cpuMs }]);
      console.log(
        `  ${name.padEnd(24)} p50 ${sample.p50.toFixed(2).padStart(7)} ms  p99 ${sample.p99.toFixed(2).padStart(7)} ms  CPU ${cpuMs.toFixed(2).padStart(7)} ms an operation  (n=${sample.n})`,
      );
      printPlans(name, await explainAll(database, await capture(log, fn), large), last);
    }
  } finally {
    await database.close();
  }
}

/** Growth from the smallest to the largest size: the ratio is how much slower the biggest one is. */
function report(results: Results): void {
  const smallest = STEPS[0] as Step;
  const largest = STEPS.at(-1) as Step;
  for (const [key, samples] of results) {
    const first = samples[0];
    const lastOne = samples.at(-1);
    if (!first || !lastOne) continue;
    for (const q of ["p50", "p99"] as const) {
      recordFigure(`${key} ${q} at ${largest.actions} actions`, lastOne[q], "ms", first[q]);
    }
    recordFigure(`${key} CPU an operation at ${largest.actions} actions`, lastOne.cpuMs, "ms", first.cpuMs);
    console.log(
      `${key.padEnd(40)} ${smallest.actions} -> ${largest.actions} actions: p50 ${first.p50.toFixed(2)} -> ${lastOne.p50.toFixed(2)} ms (${(lastOne.p50 / first.p50).toFixed(2)}x), p99 ${first.p99.toFixed(2)} -> ${lastOne.p99.toFixed(2)} ms (${(lastOne.p99 / first.p99).toFixed(2)}x), CPU ${first.cpuMs.toFixed(2)} -> ${lastOne.cpuMs.toFixed(2)} ms (${(lastOne.cpuMs / first.cpuMs).toFixed(2)}x)`,
    );
  }
}

export async function run(): Promise<void> {
  const results: Results = new Map();
  for (const [i, step] of STEPS.entries())
    await stepOn("PGlite", "memory://", step, results, i === STEPS.length - 1);
  await scratchPostgres(async (url) => {
    for (const [i, step] of STEPS.entries()) {
      // A fresh database per size: the scratch one is emptied by dropping its schema.
      if (i > 0) {
        const d = await openDatabase(url);
        await d.db.execute(sql`drop schema public cascade`);
        await d.db.execute(sql`drop schema if exists drizzle cascade`);
        await d.db.execute(sql`create schema public`);
        await d.close();
      }
      await stepOn("PostgreSQL", url, step, results, i === STEPS.length - 1);
    }
  });
  console.log(`-- growth (load ${loadavg()[0]?.toFixed(1)}):`);
  report(results);
}

// Past one machine: a national deployment scaled down 1/50 (20 partnerships, 2,000 linked channels over
// 20 Slack workspaces and 4 Teams tenants; the full size is 1,000, 100,000, 1,000 and 200) with every
// Monday 09:00 digest due at once, composed and delivered by 1, 2 and 4 Quorum instances (separate
// processes, each with its own pool) on one PostgreSQL, against loopback fakes with the platforms'
// latency and limits. Channels per Slack workspace and per Teams tenant are kept at full-size density,
// so the platforms' floor is the same at both sizes; docs/scale.md says how to extrapolate the rest.
import { type ChildProcess, fork } from "node:child_process";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { runMigrations } from "../src/store/migrate.ts";
import { type Database, openDatabase } from "../src/store/open-database.ts";
import { backendCpu, backendTicks, rawRows } from "./explain.ts";
import { startNationalFakes, TEAMS_PER_TENANT } from "./national-fakes.ts";
import { scratchPostgres } from "./scratch-postgres.ts";
import { recordFigure, sized, TINY } from "./stats.ts";

const PARTNERSHIPS = sized(20, 2);
/** Per partnership: its own Slack workspace, and a share of a Teams tenant five partnerships use. */
const SLACK_PER_PARTNERSHIP = sized(50, 10);
const TEAMS_PER_PARTNERSHIP = sized(50, 10);
const PARTNERSHIPS_PER_TENANT = 5;
const INSTANCES = TINY ? [1] : [1, 2, 4];
const LATENCY: [number, number] = [50, 150];
const TIMEOUT_MS = sized(240_000, 60_000);

const tenants = Math.ceil(PARTNERSHIPS / PARTNERSHIPS_PER_TENANT);
const channels = PARTNERSHIPS * (SLACK_PER_PARTNERSHIP + TEAMS_PER_PARTNERSHIP);

/** Every partnership a realistic small log (set-based SQL), its channels linked, each digest due now. */
async function seed(database: Database): Promise<void> {
  await runMigrations(database);
  const db = database.db;
  await db.execute(sql`insert into partnerships (slug, name)
    select 'np' || p, 'Partnership ' || p from generate_series(1, ${PARTNERSHIPS}) p`);
  await db.execute(sql`insert into organisations (partnership_id, code, name)
    select p.id, 'O' || o, 'Organisation ' || o from partnerships p, generate_series(1, 4) o`);
  await db.execute(sql`insert into people (partnership_id, handle, name, organisation_id)
    select p.id, 'person' || i, 'Person ' || i,
      (select min(id) from organisations o where o.partnership_id = p.id) + i % 4
    from partnerships p, generate_series(1, 100) i`);
  await db.execute(sql`insert into groups (partnership_id, slug, name)
    select p.id, 'g' || i, 'Group ' || i from partnerships p, generate_series(1, 10) i`);
  await db.execute(sql`insert into actions (partnership_id, number, title, owner_id, group_id, due_on, status, created_by)
    select p.id, i, 'Action ' || i, pe.id, g.id, current_date + (i % 60 - 30),
      case when i % 10 < 3 then 'open' else 'done' end, pe.id
    from partnerships p, generate_series(1, 500) i,
      lateral (select min(id) + i % 100 as id from people where partnership_id = p.id) pe,
      lateral (select min(id) + i % 10 as id from groups where partnership_id = p.id) g`);
  await db.execute(sql`insert into meetings (partnership_id, group_id, title, starts_at, place)
    select p.id, (select min(id) from groups where partnership_id = p.id) + i % 10, 'Board ' || i,
      now() + (i % 30) * interval '1 day', 'Hall'
    from partnerships p, generate_series(1, 20) i`);
  // Slack: workspace W<p>, one per partnership. Teams: tenant t<n>, shared by five partnerships.
  await db.execute(sql`insert into channel_links (partnership_id, group_id, platform, tenant, channel_id, name)
    select p.id, (select min(id) from groups where partnership_id = p.id) + i % 10, 'slack', 'W' || p.id,
      'C' || i, 'chan-' || i
    from partnerships p, generate_series(1, ${SLACK_PER_PARTNERSHIP}) i`);
  await db.execute(sql`insert into channel_links (partnership_id, group_id, platform, tenant, channel_id, name)
    select p.id, (select min(id) from groups where partnership_id = p.id) + i % 10, 'teams',
      't' || (p.id - 1) / ${PARTNERSHIPS_PER_TENANT}, '19:p' || p.id || 'c' || i || '@thread.tacv2', 'chan-' || i
    from partnerships p, generate_series(1, ${TEAMS_PER_PARTNERSHIP}) i`);
  await db.execute(sql`insert into schedules (partnership_id, kind, subject, spec, next_fire_at)
    select partnership_id, 'digest', 'link:' || id, 'mon 09:00', now() from channel_links`);
  await db.execute(sql`analyze`);
}

/** Monday 09:00 again: every digest due, nothing queued, no pacing state left from the last run. */
async function reset(database: Database): Promise<void> {
  const db = database.db;
  await db.execute(sql`delete from outbox`);
  await db.execute(sql`delete from target_pace`);
  await db.execute(sql`delete from audit_events`);
  await db.execute(
    sql`update schedules set next_fire_at = now() - interval '1 second', last_fired_at = null`,
  );
  await db.execute(sql`vacuum analyze outbox`);
}

const xacts = async (database: Database) =>
  Number(
    (
      await rawRows(
        database,
        "select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()",
      )
    )[0]?.n ?? 0,
  );

function forkInstance(url: string, fakes: string): Promise<ChildProcess> {
  const child = fork(new URL("./national-instance.ts", import.meta.url), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, NATIONAL_DATABASE_URL: url, NATIONAL_FAKES_URL: fakes },
  });
  return new Promise((resolve, reject) => {
    child.once("message", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`instance exited with ${code} before it was ready`)));
  });
}

async function runWith(n: number, url: string, database: Database, floorS: number): Promise<void> {
  await reset(database);
  const fakes = await startNationalFakes(LATENCY);
  const instances = await Promise.all(Array.from({ length: n }, () => forkInstance(url, fakes.url)));
  const x0 = await xacts(database);
  // From here: the bench's own connections have seeded and reset, which is not the instances' work.
  const cpu0 = await backendTicks(database);
  const load0 = loadavg()[0] ?? 0;
  const t0 = performance.now();
  for (const child of instances) child.send({ type: "go" });
  const delivered = () => fakes.stats.delivered.slack + fakes.stats.delivered.teams;
  // Composed and enqueued: when the outbox holds every digest (looked at until it does, then no more).
  let enqueuedS = Number.NaN;
  while (delivered() < channels && performance.now() - t0 < TIMEOUT_MS) {
    if (Number.isNaN(enqueuedS)) {
      const [row] = await rawRows(database, "select count(*)::int as n from outbox");
      if (Number(row?.n) >= channels) enqueuedS = (performance.now() - t0) / 1000;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = ((fakes.stats.lastAt || performance.now()) - t0) / 1000;
  const cpu = await backendCpu(database, cpu0);
  const x1 = await xacts(database);
  const reports = await Promise.all(
    instances.map(
      (child) =>
        new Promise<{ statements: number; cpuS: number }>((resolve) => {
          child.once("message", (m: { statements: number; cpuS: number }) => resolve(m));
          child.send({ type: "stop" });
        }),
    ),
  );
  await Promise.all(
    instances.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)),
  );
  await fakes.close();
  const total = reports.reduce((a, r) => a + r.statements, 0);
  const quorumCpu = reports.reduce((a, r) => a + r.cpuS, 0);
  const perThousand = (v: number) => ((v / Math.max(1, delivered())) * 1000).toFixed(1);
  const busiest = Math.max(...fakes.stats.perTenant.values());
  const s = fakes.stats;
  recordFigure(`national ${n} instance(s): last digest delivered`, seconds, "s", floorS);
  recordFigure(`national ${n} instance(s): all digests composed and enqueued`, enqueuedS, "s");
  recordFigure(`national ${n} instance(s): SQL statements/s`, total / seconds, "statements/s");
  recordFigure(`national ${n} instance(s): database CPU per 1,000 digests`, (cpu / delivered()) * 1000, "s");
  recordFigure(
    `national ${n} instance(s): Quorum CPU per 1,000 digests`,
    (quorumCpu / delivered()) * 1000,
    "s",
  );
  console.log(
    `${String(n).padStart(2)} instance(s): ${delivered()}/${channels} digests, all enqueued at ${enqueuedS.toFixed(1)} s, last delivered at ${seconds.toFixed(1)} s (floor ${floorS.toFixed(1)} s, ${(seconds / floorS).toFixed(2)}x) | busiest Teams tenant ${(busiest / seconds).toFixed(1)} msg/s of ${TEAMS_PER_TENANT.max} | 429s Slack ${s.rejected.slack}, Teams ${s.rejected.teams}; duplicates ${s.duplicates} | SQL ${total} statements (${(total / seconds).toFixed(0)}/s, ${(total / Math.max(1, delivered())).toFixed(1)} a digest), ${x1 - x0} transactions (${((x1 - x0) / seconds).toFixed(0)}/s) | CPU per 1,000 digests: Quorum ${perThousand(quorumCpu)} s, database ${perThousand(cpu)} s | load ${load0.toFixed(1)} -> ${(loadavg()[0] ?? 0).toFixed(1)}`,
  );
}

export async function run(): Promise<void> {
  console.log(
    "PGlite skipped: several instances sharing one database needs PostgreSQL (PGlite is one process's).",
  );
  await scratchPostgres(async (url) => {
    const database = await openDatabase(url);
    try {
      await seed(database);
      // The platforms' floor: a Teams tenant takes 30 a second (its first 30 at once), a Slack channel
      // one message (each gets one digest): the busiest tenant's share, plus the shortest round trip.
      const perTenant = Math.ceil((PARTNERSHIPS * TEAMS_PER_PARTNERSHIP) / tenants);
      const floorS = Math.ceil(perTenant / TEAMS_PER_TENANT.max) - 1 + LATENCY[0] / 1000;
      console.log(
        `${PARTNERSHIPS} partnerships, ${channels} channels (${PARTNERSHIPS} Slack workspaces x ${SLACK_PER_PARTNERSHIP}, ${tenants} Teams tenants x ${perTenant}), latency ${LATENCY[0]}-${LATENCY[1]} ms; floor ${floorS.toFixed(2)} s (load ${loadavg()[0]?.toFixed(1)})`,
      );
      for (const n of INSTANCES) await runWith(n, url, database, floorS);
    } finally {
      await database.close();
    }
  });
}

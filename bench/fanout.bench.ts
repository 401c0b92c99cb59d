// A digest fanned out to 1,000 Slack channels across 20 workspaces and emailed to 500 people on no chat,
// through the real scheduler jobs, outbox worker, Slack adapter (each workspace's sealed token) and email
// adapter (nodemailer), against a rate-enforcing loopback Slack and a real SMTP server: how close delivery
// comes to the rate the pacing rules allow, and duplicates (0), losses (0) and 429s provoked (0).
import { randomBytes } from "node:crypto";
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { emailAdapterFactory } from "../src/adapters/email/email-adapter.ts";
import { EMAIL_PER_DOMAIN_MS } from "../src/adapters/email/pacing.ts";
import { SLACK_PER_WORKSPACE_MS, SLACK_WORKSPACE_EARLY_MS } from "../src/adapters/slack/pacing.ts";
import { slackAdapterFactory } from "../src/adapters/slack/slack-adapter.ts";
import { appFromDatabase } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { DEFAULT_FIRE_OPTIONS, fireDueSchedules } from "../src/core/schedule/fire.ts";
import { createOutboxWorker } from "../src/delivery/outbox-worker.ts";
import { loadDemo } from "../src/demo/load-demo.ts";
import { createLogger } from "../src/log.ts";
import { runMigrations } from "../src/store/migrate.ts";
import type { Database } from "../src/store/open-database.ts";
import { secretBoxFrom } from "../src/store/secret-box.ts";
import { workspaceTokenStore } from "../src/store/workspace-token-store.ts";
import { startCountingSmtp, startLimitedSlack, type Tally, tightestGap } from "./fanout-fakes.ts";
import { onEachDatabase } from "./scratch-postgres.ts";
import { recordFigure, sized } from "./stats.ts";

const WORKSPACES = sized(20, 4);
const CHANNELS = sized(1000, 40);
const RECIPIENTS = sized(500, 20);
/** 500 people at 10 partner organisations' mail domains (50 each): each domain's pacing is what binds. */
const DOMAINS = sized(10, 2);

const team = (w: number) => `TW${w}`;
const tokenOf = (w: number) => `xoxb-bench-${w}-${randomBytes(6).toString("hex")}`;

/** Demo partnership plus: a group per workspace, 50 channels in each workspace, 25 email-only readers per group. */
async function seed(database: Database): Promise<void> {
  const db = database.db;
  await db.execute(sql`insert into groups (partnership_id, slug, name)
    select 1, 'fan' || w, 'Fan-out group ' || w from generate_series(1, ${WORKSPACES}) w`);
  const gid = sql`(select id from groups where slug = 'fan' || ((i - 1) % ${WORKSPACES} + 1))`;
  // Something to report: a few open actions per group, some overdue.
  await db.execute(sql`insert into actions (partnership_id, number, title, owner_id, organisation_id, group_id, due_on, status, created_by)
    select 1, 5000 + i, 'Fan-out action ' || i, 1 + i % 12, 1 + i % 8, ${gid}, current_date + (i % 21 - 10), 'open', 1
    from generate_series(1, ${WORKSPACES * 5}) i`);
  await db.execute(sql`insert into channel_links (partnership_id, group_id, platform, tenant, channel_id, name, digest_enabled)
    select 1, ${gid}, 'slack', 'TW' || ((i - 1) % ${WORKSPACES} + 1), 'TW' || ((i - 1) % ${WORKSPACES} + 1) || '-C' || i,
           'fan-' || i, true
    from generate_series(1, ${CHANNELS}) i`);
  await db.execute(sql`insert into schedules (partnership_id, kind, subject, spec, next_fire_at)
    select 1, 'digest', 'link:' || id, 'mon 09:00', now() - interval '1 minute'
    from channel_links where channel_id like 'TW%'`);
  await db.execute(sql`insert into people (partnership_id, handle, name, email)
    select 1, 'reader' || i, 'Reader ' || i, 'reader' || i || '@org' || (i % ${DOMAINS}) || '.example.org'
    from generate_series(1, ${RECIPIENTS}) i`);
  await db.execute(sql`insert into group_members (group_id, person_id)
    select ${gid}, (select id from people where handle = 'reader' || i) from generate_series(1, ${RECIPIENTS}) i`);
  await db.execute(
    sql`insert into group_email_digests (group_id) select id from groups where slug like 'fan%'`,
  );
  await db.execute(sql`insert into schedules (partnership_id, kind, subject, spec, next_fire_at)
    select 1, 'email-digest', 'group:' || id, 'mon 09:00', now() - interval '1 minute'
    from groups where slug like 'fan%'`);
  await db.execute(sql`analyze`);
}

/** How many sends each pacing key had, largest first. */
const perKey = (t: Tally) => [...t.arrivals.values()].map((a) => a.length).sort((a, b) => b - a);

async function benchOn(label: string, database: Database): Promise<void> {
  // Fakes, worker and database share one process and these cores: a busy machine moves every figure.
  console.log(
    `${label}: load average ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores at start`,
  );
  await runMigrations(database);
  const logger = createLogger("error");
  const app = appFromDatabase(database, { logger });
  await loadDemo(app.store, app.clock);
  await seed(database);

  const tokens = new Map<string, string>();
  for (let w = 1; w <= WORKSPACES; w++) tokens.set(tokenOf(w), team(w));
  const slackFake = await startLimitedSlack(tokens);
  const smtp = await startCountingSmtp();
  const config = loadConfig({
    SLACK_CLIENT_ID: "111.222",
    SLACK_CLIENT_SECRET: "bench-client-secret-0123456789",
    SLACK_STATE_SECRET: "bench-state-secret-0123456789",
    SLACK_SIGNING_SECRET: "bench-signing-secret",
    SLACK_API_URL: slackFake.apiUrl,
    QUORUM_SECRET_KEY: randomBytes(32).toString("base64"),
    SMTP_URL: smtp.url,
    MAIL_FROM: "Quorum <quorum@example.org>",
  });
  if (!config.secrets) throw new Error("the bench config has no secret key");
  // Each workspace's token sealed in the database, as an OAuth install leaves it.
  const store = workspaceTokenStore(database.db, secretBoxFrom(config.secrets));
  for (const [botToken, teamId] of tokens) await store.save({ teamId, botToken, scopes: ["chat:write"] });
  const slack = slackAdapterFactory({ quorum: app.quorum, config, logger, tokens: store });
  const email = emailAdapterFactory({ quorum: app.quorum, config, logger });
  if (!slack || !email) throw new Error("the bench config should turn on Slack and email");

  try {
    const fired = await fireDueSchedules(app.store, app.clock, {
      ...DEFAULT_FIRE_OPTIONS,
      reach: { email: true },
    });
    // The worker as `quorum serve` runs it: its default batch, drained until nothing is left.
    const worker = createOutboxWorker({ outlets: [slack, email], queue: app.queue, clock: app.clock });
    const t0 = performance.now();
    for (;;) {
      // As the server drains: every lane (a workspace, a partnership's email) at its own pace.
      const r = await worker.drain();
      if (process.env.FANOUT_DEBUG)
        console.log(((performance.now() - t0) / 1000).toFixed(2), JSON.stringify(r));
      const left = await database.db.execute(
        sql`select count(*)::int as n from outbox where status in ('pending', 'sending')`,
      );
      const n = (Array.isArray(left) ? left[0] : (left as { rows: { n: number }[] }).rows[0])?.n;
      if (!n) break;
      await sleep(20);
    }
    const last = Math.max(
      ...[...slackFake.tally.arrivals.values(), ...smtp.tally.arrivals.values()].flat(),
      t0,
    );
    const seconds = (last - t0) / 1000;
    /** When each platform's last send arrived: which of them the run waited for. */
    const doneAt = (t: Tally) => ((Math.max(...[...t.arrivals.values()].flat(), t0) - t0) / 1000).toFixed(1);
    const outbox = await database.db.execute(
      sql`select platform, status, count(*)::int as n from outbox group by 1, 2 order by 1, 2`,
    );
    const rows = (Array.isArray(outbox) ? outbox : (outbox as { rows: unknown[] }).rows) as {
      platform: string;
      status: string;
      n: number;
    }[];

    // The floor the pacing rules allow: the busiest workspace's and the busiest domain's sends, one gap apart.
    const slackFloor = Math.max(
      0,
      ((perKey(slackFake.tally)[0] ?? 1) - 1) * SLACK_PER_WORKSPACE_MS - SLACK_WORKSPACE_EARLY_MS,
    );
    const emailFloor = ((perKey(smtp.tally)[0] ?? 1) - 1) * EMAIL_PER_DOMAIN_MS;
    const floor = Math.max(slackFloor, emailFloor) / 1000;
    const share = floor / Math.max(seconds, 1e-9);
    const slackLost = CHANNELS - slackFake.tally.delivered.size;
    const emailLost = RECIPIENTS - smtp.tally.delivered.size;
    const duplicates = slackFake.tally.duplicates + smtp.tally.duplicates;
    const provoked = slackFake.tally.rejected + smtp.tally.rejected;
    const allowedSlack = (WORKSPACES * 1000) / SLACK_PER_WORKSPACE_MS;
    const allowedEmail = (DOMAINS * 1000) / EMAIL_PER_DOMAIN_MS;

    console.log(
      `${label.padEnd(11)} ${fired.enqueued} rows queued by ${fired.fired} schedules; delivered Slack ${slackFake.tally.delivered.size}/${CHANNELS} channels in ${WORKSPACES} workspaces, email ${smtp.tally.delivered.size}/${RECIPIENTS} recipients at ${DOMAINS} domains`,
    );
    console.log(
      `${"".padEnd(11)} duplicates ${duplicates}, losses ${slackLost + emailLost}, 429s provoked ${provoked}, posts with another workspace's token ${slackFake.tally.wrongToken}; outbox ${rows.map((r) => `${r.platform} ${r.status} ${r.n}`).join(", ")}`,
    );
    console.log(
      `${"".padEnd(11)} ${seconds.toFixed(1)} s against a floor of ${floor.toFixed(1)} s (${(1000 / SLACK_PER_WORKSPACE_MS).toFixed(2)}/s per workspace, ${1000 / EMAIL_PER_DOMAIN_MS}/s per mail domain; no scaling) = ${share.toFixed(2)} of the allowed rate; Slack ${(slackFake.tally.delivered.size / seconds).toFixed(1)} msg/s of ${allowedSlack.toFixed(0)} allowed, email ${(smtp.tally.delivered.size / seconds).toFixed(1)} of ${allowedEmail.toFixed(0)}; tightest spacing on one workspace or domain ${tightestGap(slackFake.tally).toFixed(0)} / ${tightestGap(smtp.tally).toFixed(0)} ms; last Slack post at ${doneAt(slackFake.tally)} s, last mail at ${doneAt(smtp.tally)} s`,
    );
    recordFigure(`${label} fan-out elapsed`, seconds, "s", floor);
    recordFigure(`${label} fan-out share of allowed rate`, share, "share");
    recordFigure(`${label} fan-out duplicates`, duplicates, "messages");
    recordFigure(`${label} fan-out losses`, slackLost + emailLost, "messages");
    recordFigure(`${label} fan-out 429s provoked`, provoked, "responses");
    // Correctness is judged in every mode, after both databases have run; timing never is.
    if (duplicates || slackLost || emailLost || slackFake.tally.wrongToken)
      problems.push(
        `${label}: ${duplicates} duplicated, ${slackLost + emailLost} lost (outbox "unknown" rows: a send that timed out may or may not have arrived, so it is left to an operator), ${slackFake.tally.wrongToken} with another workspace's token`,
      );
  } finally {
    await email.stop?.();
    await slack.stop?.();
    await slackFake.close();
    await smtp.close();
  }
}

const problems: string[] = [];

export async function run(): Promise<void> {
  await onEachDatabase(benchOn);
  if (problems.length) throw new Error(`fan-out was not exact: ${problems.splice(0).join("; ")}`);
}

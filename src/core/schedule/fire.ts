// Firing due schedules: each occurrence is enqueued to the outbox, through the job of its kind, and the
// schedule advanced in one transaction; occurrences missed while Quorum was down are sent late within a
// grace window, else skipped. A kind no registered job handles is left for an instance that knows it.

import { QuorumError } from "../errors.ts";
import type { Clock, NewOutboxMessage, Repos, Store } from "../ports.ts";
import type { Reach } from "../reach/targets.ts";
import type { Partnership } from "../types.ts";
import { nextFire, parseFireSpec } from "./fire-spec.ts";
import { STANDARD_JOBS } from "./jobs/standard-jobs.ts";
import type { FireOccurrence, JobRegistry } from "./jobs.ts";
import type { Schedule } from "./ports.ts";
import { loadSnapshot, type Snapshot } from "./snapshot.ts";

export interface FireOptions {
  /** Missed occurrences younger than this are sent late, marked "(delayed)"; older ones are skipped. */
  graceMs: number;
  /** Later than this counts as delayed (a tick is normally well under a minute late). */
  lateMs: number;
  batch: number;
  /** Handed to each job: whether email can reach people on no chat (the server knows, from its adapters). */
  reach?: Reach;
}

export const DEFAULT_FIRE_OPTIONS: FireOptions = { graceMs: 6 * 3600_000, lateMs: 5 * 60_000, batch: 200 };

export interface FireReport {
  fired: number;
  skipped: number;
  enqueued: number;
}

export interface FirePlan {
  send: FireOccurrence | null;
  skipped: Date[];
  next: Date;
}

/** Pure: what to do with a schedule whose next fire time has come. Never more than one send. */
export function planFire(
  s: Pick<Schedule, "spec" | "nextFireAt">,
  zone: string,
  now: Date,
  opts: FireOptions,
): FirePlan {
  const spec = parseFireSpec(s.spec);
  const skipped: Date[] = [];
  let at = s.nextFireAt;
  for (let following = nextFire(spec, zone, at); following <= now; following = nextFire(spec, zone, at)) {
    skipped.push(at); // an older occurrence than the latest due one: never sent in a burst
    at = following;
  }
  const late = now.getTime() - at.getTime();
  const send = late <= opts.graceMs ? { at, delayed: late > opts.lateMs } : null;
  if (!send) skipped.push(at);
  return { send, skipped, next: nextFire(spec, zone, now) };
}

type Options = FireOptions & { jobs: JobRegistry };

export async function fireDueSchedules(
  store: Store,
  clock: Clock,
  options: Partial<Options> = {},
): Promise<FireReport> {
  const opts: Options = { ...DEFAULT_FIRE_OPTIONS, jobs: STANDARD_JOBS, ...options };
  const total: FireReport = { fired: 0, skipped: 0, enqueued: 0 };
  // Once per tick, not per batch: e.g. a partnership created since the last tick gets its daily run.
  await store.transaction(async (repos) => {
    for (const job of opts.jobs.jobs) await job.ensure?.(repos, clock.now());
  });
  const snapshots = new SnapshotMemo();
  for (;;) {
    const now = clock.now();
    const report = await store.transaction((repos) => fireBatch(repos, now, opts, snapshots));
    total.fired += report.fired;
    total.skipped += report.skipped;
    total.enqueued += report.enqueued;
    if (report.claimed < opts.batch) return total;
  }
}

/**
 * A partnership's snapshot is read once per tick, not once per batch: 1,000 channels in batches of 200
 * read it once, not five times (it is most of a tick's work). It is at most a tick old, as a snapshot
 * read in the first batch always was for that batch's own channels. Bounded, so a tick over thousands of
 * partnerships holds only the latest few.
 */
class SnapshotMemo {
  private readonly held = new Map<number, Promise<Snapshot>>();

  constructor(private readonly max = 32) {}

  get(repos: Repos, partnership: Partnership, now: Date): Promise<Snapshot> {
    const hit = this.held.get(partnership.id);
    if (hit) return hit;
    const loading = loadSnapshot(repos, partnership, now);
    // A failed read rolls its batch back; the next batch reads again rather than reuse the failure.
    loading.catch(() => this.held.delete(partnership.id));
    this.held.set(partnership.id, loading);
    for (const oldest of this.held.keys()) {
      if (this.held.size <= this.max) break;
      this.held.delete(oldest);
    }
    return loading;
  }
}

async function fireBatch(repos: Repos, now: Date, opts: Options, snapshots: SnapshotMemo) {
  // Another instance (a newer version, mid-upgrade) may know a kind this one does not: such schedules
  // are only claimed once every instance has let them pass the grace window, and then skipped.
  const due = await repos.schedules.claimDue(now, opts.batch, {
    kinds: opts.jobs.kinds(),
    othersDueBy: new Date(now.getTime() - opts.graceMs),
  });
  const report = { fired: 0, skipped: 0, enqueued: 0, claimed: due.length };
  const partnerships = new Map<number, Promise<Partnership | null>>();
  const messages: NewOutboxMessage[] = [];
  const advances: { id: number; nextFireAt: Date }[] = [];
  for (const schedule of due) {
    const id = schedule.partnershipId;
    if (!partnerships.has(id)) partnerships.set(id, repos.partnerships.byId(id));
    const partnership = await partnerships.get(id);
    if (!partnership) continue;
    const plan = planOrDisable(schedule, partnership.timeZone, now, opts);
    if (!plan) {
      await recordSkips(repos, schedule, [schedule.nextFireAt], "its schedule text cannot be read");
      await repos.schedules.put({ ...schedule, enabled: false });
      continue;
    }
    const job = opts.jobs.get(schedule.kind);
    const skipped = job || !plan.send ? plan.skipped : [...plan.skipped, plan.send.at];
    report.skipped += skipped.length;
    if (skipped.length)
      await recordSkips(
        repos,
        schedule,
        skipped,
        job ? MISSED : `no scheduled job handles "${schedule.kind}"`,
      );
    if (job && plan.send) {
      const s = await snapshots.get(repos, partnership, now);
      const expiresAt = job.expiresAt(s, plan.send);
      report.fired++;
      const send = opts.reach ? { ...plan.send, reach: opts.reach } : plan.send;
      for (const m of await job.messages(repos, schedule, s, send))
        messages.push(m.expiresAt === undefined ? { ...m, expiresAt } : m);
    }
    advances.push({ id: schedule.id, nextFireAt: plan.next });
  }
  // One statement each for the outbox and the schedules, however many channels fired.
  report.enqueued = await repos.outbox.enqueueMany(messages);
  await repos.schedules.advanceMany(advances, now);
  return report;
}

const MISSED = "missed by more than the grace window";

/** A spec this version cannot read (written by a newer one, or by hand) must not stop every other schedule. */
function planOrDisable(schedule: Schedule, zone: string, now: Date, opts: FireOptions): FirePlan | null {
  try {
    return planFire(schedule, zone, now, opts);
  } catch (err) {
    if (err instanceof QuorumError && err.code === "bad_argument") return null;
    throw err;
  }
}

/**
 * One audit event per schedule, however long the outage: a year of daily reminders is one line. The
 * scheduler acts on nobody's behalf, so the event's origin is the system.
 */
function recordSkips(repos: Repos, schedule: Schedule, skipped: Date[], reason: string) {
  return repos.audit.record({
    partnershipId: schedule.partnershipId,
    actorId: null,
    platform: "system",
    verb: `${schedule.kind}.skipped`,
    subject: schedule.subject,
    detail: {
      count: skipped.length,
      first: skipped[0]?.toISOString(),
      last: skipped.at(-1)?.toISOString(),
      reason,
    },
  });
}

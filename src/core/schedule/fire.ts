// Firing due schedules: each occurrence is enqueued to the outbox and the schedule advanced in one
// transaction; occurrences missed while Quorum was down are sent late within a grace window, else skipped.

import type { Card } from "../card.ts";
import { type DeliveryTarget, linkTarget, outboxMessage, personTarget } from "../outbound.ts";
import type { Clock, NewOutboxMessage, Repos, Store } from "../ports.ts";
import { CHANNEL_AUDIENCE } from "../questions/visibility.ts";
import { composeDigest, payloadOf } from "./digest.ts";
import { nextFire, parseFireSpec } from "./fire-spec.ts";
import type { Schedule } from "./ports.ts";
import { planReminders } from "./reminders.ts";
import { loadSnapshot, type Snapshot } from "./snapshot.ts";

export interface FireOptions {
  /** Missed occurrences younger than this are sent late, marked "(delayed)"; older ones are skipped. */
  graceMs: number;
  /** Later than this counts as delayed (a tick is normally well under a minute late). */
  lateMs: number;
  batch: number;
}

export const DEFAULT_FIRE_OPTIONS: FireOptions = { graceMs: 6 * 3600_000, lateMs: 5 * 60_000, batch: 200 };

/** The daily reminder run of each partnership fires at this local time. */
export const REMINDER_SPEC = "daily 09:00";

export interface FireReport {
  fired: number;
  skipped: number;
  enqueued: number;
}

export interface FirePlan {
  send: { at: Date; delayed: boolean } | null;
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

export async function fireDueSchedules(
  store: Store,
  clock: Clock,
  opts = DEFAULT_FIRE_OPTIONS,
): Promise<FireReport> {
  const total: FireReport = { fired: 0, skipped: 0, enqueued: 0 };
  // Once per tick, not per batch: a partnership created since the last tick gets its daily run.
  await store.transaction((repos) => ensureReminderSchedules(repos, clock.now()));
  for (;;) {
    const now = clock.now();
    const report = await store.transaction((repos) => fireBatch(repos, now, opts));
    total.fired += report.fired;
    total.skipped += report.skipped;
    total.enqueued += report.enqueued;
    if (report.claimed < opts.batch) return total;
  }
}

async function ensureReminderSchedules(repos: Repos, now: Date): Promise<void> {
  for (const p of await repos.partnerships.list()) {
    await repos.schedules.ensure({
      partnershipId: p.id,
      kind: "reminders",
      subject: `partnership:${p.id}`,
      spec: REMINDER_SPEC,
      nextFireAt: nextFire(parseFireSpec(REMINDER_SPEC), p.timeZone, now),
      enabled: true,
    });
  }
}

async function fireBatch(repos: Repos, now: Date, opts: FireOptions) {
  const due = await repos.schedules.claimDue(now, opts.batch);
  const report = { fired: 0, skipped: 0, enqueued: 0, claimed: due.length };
  const snapshots = new Map<number, Promise<Snapshot | null>>();
  const messages: NewOutboxMessage[] = [];
  const advances: { id: number; nextFireAt: Date }[] = [];
  for (const schedule of due) {
    if (!snapshots.has(schedule.partnershipId))
      snapshots.set(schedule.partnershipId, loadFor(repos, schedule.partnershipId, now));
    const s = await snapshots.get(schedule.partnershipId);
    if (!s) continue;
    const plan = planFire(schedule, s.partnership.timeZone, now, opts);
    report.skipped += plan.skipped.length;
    if (plan.skipped.length) await recordSkips(repos, schedule, plan.skipped);
    if (plan.send) {
      report.fired++;
      messages.push(...(await occurrenceMessages(repos, schedule, s, plan.send)));
    }
    advances.push({ id: schedule.id, nextFireAt: plan.next });
  }
  // One statement each for the outbox and the schedules, however many channels fired.
  report.enqueued = await repos.outbox.enqueueMany(messages);
  await repos.schedules.advanceMany(advances, now);
  return report;
}

/** One audit event per schedule, however long the outage: a year of daily reminders is one line. */
function recordSkips(repos: Repos, schedule: Schedule, skipped: Date[]) {
  return repos.audit.record({
    partnershipId: schedule.partnershipId,
    actorId: null,
    platform: "shell",
    verb: `${schedule.kind}.skipped`,
    subject: schedule.subject,
    detail: {
      count: skipped.length,
      first: skipped[0]?.toISOString(),
      last: skipped.at(-1)?.toISOString(),
      reason: "missed by more than the grace window",
    },
  });
}

async function loadFor(repos: Repos, partnershipId: number, now: Date): Promise<Snapshot | null> {
  const partnership = await repos.partnerships.byId(partnershipId);
  return partnership ? loadSnapshot(repos, partnership, now) : null;
}

async function occurrenceMessages(
  repos: Repos,
  schedule: Schedule,
  s: Snapshot,
  send: { at: Date; delayed: boolean },
): Promise<NewOutboxMessage[]> {
  if (schedule.kind === "digest") {
    const link = s.links.find((l) => `link:${l.id}` === schedule.subject);
    const digest = link?.digestEnabled
      ? composeDigest(s, link, CHANNEL_AUDIENCE, { delayed: send.delayed })
      : null;
    if (!link || !digest) return [];
    return [
      message(s, `digest:${schedule.subject}:${send.at.toISOString()}`, "digest", linkTarget(link), digest),
    ];
  }
  const out: NewOutboxMessage[] = [];
  for (const r of planReminders(s)) {
    const person = "personId" in r.to ? s.people.get(r.to.personId) : undefined;
    // Removed people keep their open actions until reassigned, but hear nothing more from Quorum.
    if (person && person.status !== "active") continue;
    const target =
      "link" in r.to ? linkTarget(r.to.link) : person ? await personTarget({ repos }, person) : null;
    if (!target) continue; // never used Quorum on any chat: nowhere to send it
    const c = send.delayed ? { ...r.card, title: `${r.card.title} (delayed)` } : r.card;
    out.push(message(s, r.key, r.kind, target, c));
  }
  return out;
}

function message(s: Snapshot, key: string, kind: string, target: DeliveryTarget, c: Card): NewOutboxMessage {
  const dedupeKey = `${key}:${target.kind}:${target.platform}:${target.tenant}:${target.id}`;
  return outboxMessage(s.partnership.id, dedupeKey, kind, target, payloadOf(c), s.now);
}

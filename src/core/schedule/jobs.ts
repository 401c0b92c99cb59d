// The scheduled-job registry: each kind of recurring post (a channel's digest, a partnership's daily
// reminders, ...) is one ScheduledJob, and firing dispatches a due schedule to the job of its kind.
import type { Card } from "../card.ts";
import { type DeliveryTarget, type OutboundPayload, outboxMessage } from "../outbound.ts";
import type { NewOutboxMessage, Repos } from "../ports.ts";
import type { Reach } from "../reach/targets.ts";
import { payloadOf } from "./digest.ts";
import type { Schedule } from "./ports.ts";
import type { Snapshot } from "./snapshot.ts";

/** The occurrence being sent: when it was due, and whether it goes out late (after an outage). */
export interface FireOccurrence {
  at: Date;
  delayed: boolean;
  /** What this installation can deliver beyond chat (email when SMTP is configured); absent: chat only. */
  reach?: Reach;
}

export interface ScheduledJob {
  /** The `schedules.kind` this job owns; also names its audit verbs (`<kind>.skipped`). */
  readonly kind: string;
  /**
   * Creates (or repairs) the schedules this job needs, once per tick in its own transaction. Jobs whose
   * schedules a command creates (a digest starts when a channel is linked) leave it out.
   */
  ensure?(repos: Repos, now: Date): Promise<void>;
  /** The outbox rows one occurrence posts, [] when there is nothing to say. */
  messages(
    repos: Repos,
    schedule: Schedule,
    snapshot: Snapshot,
    send: FireOccurrence,
  ): Promise<NewOutboxMessage[]>;
  /**
   * When this job's posts go stale: the worker parks a row unsent after it (a Monday digest is no use
   * on Thursday). Null: they never expire. Stamped on every row `messages` returns without its own.
   */
  expiresAt(snapshot: Snapshot, send: FireOccurrence): Date | null;
}

export interface JobRegistry {
  readonly jobs: readonly ScheduledJob[];
  get(kind: string): ScheduledJob | undefined;
  kinds(): string[];
}

/** A kind is stored, put in audit verbs and dedupe keys: lower-case words joined by hyphens. */
const KIND = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Checks each job's kind once, at start-up: a typo or a kind claimed twice fails loudly, not at 09:00. */
export function jobRegistry(jobs: readonly ScheduledJob[]): JobRegistry {
  const byKind = new Map<string, ScheduledJob>();
  for (const job of jobs) {
    if (!KIND.test(job.kind))
      throw new Error(`scheduled job kind "${job.kind}" must be lower-case words joined by hyphens`);
    if (byKind.has(job.kind)) throw new Error(`two scheduled jobs claim the kind "${job.kind}"`);
    byKind.set(job.kind, job);
  }
  return { jobs: [...jobs], get: (kind) => byKind.get(kind), kinds: () => [...byKind.keys()] };
}

/** Posts made on a schedule go stale this long after they are queued (as the worker has always done). */
export const SCHEDULED_POST_TTL_MS = 6 * 3600_000;

/** Expires `SCHEDULED_POST_TTL_MS` after the occurrence is queued; most jobs want this. */
export const expiresAfterTtl = (s: Snapshot): Date => new Date(s.now.getTime() + SCHEDULED_POST_TTL_MS);

/** One outbox row for a job's post; the dedupe key ends with the target, so each target gets it once. */
export function scheduledPost(
  s: Snapshot,
  key: string,
  kind: string,
  target: DeliveryTarget,
  c: Card,
): NewOutboxMessage {
  const dedupeKey = `${key}:${target.kind}:${target.platform}:${target.tenant}:${target.id}`;
  return outboxMessage(s.partnership.id, dedupeKey, kind, target, sharedPayload(c), s.now);
}

// One card posted to many targets (a group's digest in each of its channels) is rendered to text once.
const payloads = new WeakMap<Card, OutboundPayload>();

function sharedPayload(c: Card): OutboundPayload {
  let p = payloads.get(c);
  if (!p) {
    p = payloadOf(c);
    payloads.set(c, p);
  }
  return p;
}

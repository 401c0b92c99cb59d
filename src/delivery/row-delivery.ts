// One outbox row's delivery: stale rows parked, the pacing slot waited for, the send, and what each outcome
// means for the row (429s honoured, refused connections retried with backoff, ambiguous failures never
// re-sent blindly, hopeless rows parked). The worker decides which rows go when (outbox-worker.ts).
import { DeliveryError } from "../core/outbound.ts";
import type { Outlet } from "../core/ports/chat-adapter.ts";
import type { DeliveryQueue, OutboxRow, PaceKey } from "../core/ports/delivery-queue.ts";
import type { Clock } from "../core/ports.ts";
import type { Platform } from "../core/types.ts";

export interface DrainReport {
  claimed: number;
  sent: number;
  paced: number;
  retried: number;
  parked: number;
  unknown: number;
}

export const emptyReport = (): DrainReport => ({
  claimed: 0,
  sent: 0,
  paced: 0,
  retried: 0,
  parked: 0,
  unknown: 0,
});

export interface RowDeliveryOptions {
  outlets: Outlet[];
  queue: DeliveryQueue;
  clock: Clock;
  maxAttempts?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  maxPaceWaitMs?: number;
  onEvent?: (e: { row: OutboxRow; outcome: string; detail?: string }) => void;
}

/** Exponential backoff from one second, capped at five minutes, with ±50% jitter so retries spread out. */
export function backoffMs(attempt: number, random: () => number): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.5 + random()));
}

export function rowDelivery(opts: RowDeliveryOptions) {
  const outlets = new Map<Platform, Outlet>(opts.outlets.map((o) => [o.platform, o]));
  /** The platform's limits for this row's target; claim only returns rows of platforms with an outlet. */
  const paceKeys = (row: OutboxRow): PaceKey[] =>
    outlets.get(row.platform)?.paceKeys(row.target, row.targetKey) ?? [];
  const maxAttempts = opts.maxAttempts ?? 6;
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const note = (row: OutboxRow, outcome: string, detail?: string) =>
    opts.onEvent?.({ row, outcome, ...(detail ? { detail } : {}) });

  /**
   * When this worker last took a lane's widest key (a tenant, a workspace: few, so kept for good): its next
   * slot cannot be free before one gap less the early allowance.
   */
  const lastTaken = new Map<string, number>();
  /** When this worker's last sends left, per key with a window (a tenant: few, so kept for good). */
  const leftAt = new Map<string, number[]>();

  /** Waits until each windowed key has room for one more send now, then counts this one as gone. */
  async function windowRoom(row: OutboxRow): Promise<void> {
    const windows = paceKeys(row).flatMap(({ key, window }) => (window ? [{ key, ...window }] : []));
    for (;;) {
      const now = opts.clock.now().getTime();
      // The max-th send back must have left a whole window ago.
      const wait = Math.max(
        0,
        ...windows.map((w) => (leftAt.get(w.key)?.at(-w.max) ?? -Infinity) + w.ms - now),
      );
      // No await between this check and the record: sends that overlap cannot both take the last place.
      if (wait <= 0) {
        for (const w of windows) leftAt.set(w.key, [...(leftAt.get(w.key) ?? []), now].slice(-w.max));
        return;
      }
      await sleep(wait);
    }
  }

  const earliestTake = (keys: PaceKey[]) =>
    Math.max(...keys.map((k) => (lastTaken.get(k.key) ?? 0) + k.gapMs - (k.earlyMs ?? 0)));

  /** Waits (briefly) for the row's pacing slots, so a tenant's 30 a second are used, not squandered. */
  async function waitForSlot(row: OutboxRow): Promise<boolean> {
    const keys = paceKeys(row);
    if (keys.length === 0) return true;
    const gap = Math.min(...keys.map((k) => k.gapMs));
    // For the first gap, look again well within the slot's early allowance, so waking late costs no
    // throughput; a slot still busy after that (a 429's hold) is polled once a gap, as before.
    const fine = Math.min(...keys.map((k) => (k.earlyMs ? Math.max(1, k.earlyMs / 2) : k.gapMs)));
    for (let waited = 0; ; ) {
      // No slot can be free before this worker's own last take allows: wait for that instead of asking
      // the database in vain (a lane's sends follow each other one slot apart).
      // A loop, as a timer can fire a few milliseconds early by the wall clock (Node counts from the time
      // cached at the start of the event loop's turn), and a key with no early allowance would then be
      // found busy and cost a whole gap. Whole milliseconds, as the clock counts: a fractional gap's last
      // fraction would otherwise be slept again and again without the clock moving.
      for (
        let early = Math.ceil(earliestTake(keys) - opts.clock.now().getTime());
        early > 0 && waited + early <= (opts.maxPaceWaitMs ?? 2000);
        early = Math.ceil(earliestTake(keys) - opts.clock.now().getTime())
      ) {
        await sleep(early);
        waited += early;
      }
      const now = opts.clock.now();
      if (await opts.queue.takePace(keys, now)) {
        const widest = keys[0];
        if (widest) lastTaken.set(widest.key, now.getTime());
        return true;
      }
      const step = waited < gap ? fine : gap;
      if (waited + step > (opts.maxPaceWaitMs ?? 2000)) return false;
      await sleep(step);
      waited += step;
    }
  }

  async function failed(row: OutboxRow, err: unknown, report: DrainReport): Promise<void> {
    const now = opts.clock.now();
    const e = err instanceof DeliveryError ? err : new DeliveryError("ambiguous", describe(err));
    const message = `${e.code}: ${e.message}`.slice(0, 500);
    note(row, e.code, e.message);
    switch (e.code) {
      case "rate_limited": {
        const until = new Date(now.getTime() + (e.retryAfterMs ?? 1000));
        await opts.queue.holdPace(row.targetKey, until);
        await opts.queue.retry(row.id, until, message, false);
        report.retried++;
        return;
      }
      case "unreachable":
        if (row.attempts + 1 >= maxAttempts) {
          await opts.queue.finish(row.id, "parked", `gave up after ${row.attempts + 1} attempts: ${message}`);
          report.parked++;
          return;
        }
        await opts.queue.retry(
          row.id,
          new Date(now.getTime() + backoffMs(row.attempts, random)),
          message,
          true,
        );
        report.retried++;
        return;
      case "gone": {
        await opts.queue.markChannelGone(row);
        // A person who left one platform may be on another, or have email: the message goes there once.
        const next = await opts.queue.retarget?.(row, [...outlets.keys()], now, !e.workspaceGone);
        if (next) note(row, "retargeted", `${next.platform}: ${next.label}`);
        await opts.queue.finish(row.id, "parked", next ? `${message}; sent on by ${next.platform}` : message);
        report.parked++;
        return;
      }
      case "rejected":
        await opts.queue.finish(row.id, "parked", message);
        report.parked++;
        return;
      case "ambiguous":
        // The platforms have no idempotency key: re-sending could post twice. An operator decides.
        await opts.queue.finish(row.id, "unknown", message);
        report.unknown++;
        return;
    }
  }

  return {
    platforms: [...outlets.keys()],
    /** Rows sharing this go one after another (a Teams tenant, a Slack workspace); the rest side by side. */
    groupOf: (row: OutboxRow): string => paceKeys(row)[0]?.key ?? row.targetKey,
    /**
     * Whether a group's sends may overlap: only under a token bucket (a key with an early allowance). A key
     * promising a plain gap (an email domain) needs each send to arrive before the next leaves, or a
     * transport's queue could deliver them together.
     */
    overlaps: (row: OutboxRow): boolean => (paceKeys(row)[0]?.earlyMs ?? 0) > 0,
    /**
     * Readies a row to send: parks it if stale, else takes its pacing slots. False: the row was dealt with
     * (parked, or given back for later because its slot stayed busy) and must not be sent now.
     */
    async admit(row: OutboxRow, report: DrainReport): Promise<boolean> {
      if (!outlets.has(row.platform)) return false;
      // Stale scheduled posts are parked unsent: a Monday digest is no use on Thursday.
      if (row.expiresAt && row.expiresAt < opts.clock.now()) {
        await opts.queue.finish(row.id, "parked", "expired: not delivered while it was still timely");
        report.parked++;
        return false;
      }
      if (await waitForSlot(row)) return true;
      report.paced++;
      const gap = Math.min(...paceKeys(row).map((k) => k.gapMs));
      await opts.queue.retry(row.id, new Date(opts.clock.now().getTime() + gap), null, false);
      return false;
    },
    /** Sends an admitted row and records the outcome. */
    async send(row: OutboxRow, report: DrainReport): Promise<void> {
      const sender = outlets.get(row.platform)?.sender;
      if (!sender) return;
      try {
        await windowRoom(row);
        const { messageId } = await sender.send(row.target, row.payload);
        await opts.queue.sent(row.id, messageId, opts.clock.now());
        report.sent++;
        note(row, "sent");
      } catch (err) {
        await failed(row, err, report);
      }
    },
  };
}

export type RowDelivery = ReturnType<typeof rowDelivery>;

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

// Delivers the outbox lane by lane (a platform's tenant: a Slack workspace, a Teams tenant): each lane claims
// and sends on its own, so one paced slowly never holds up another, and within a lane sends overlap as fast
// as the pacing slots are taken. What happens to each row is row-delivery.ts's.
import type { Outlet } from "../core/ports/chat-adapter.ts";
import type { DeliveryQueue, Lane, OutboxRow } from "../core/ports/delivery-queue.ts";
import type { Clock } from "../core/ports.ts";
import { type DrainReport, emptyReport, rowDelivery } from "./row-delivery.ts";

export { backoffMs, type DrainReport } from "./row-delivery.ts";

export interface WorkerOptions {
  /** One per platform: its sender and its pacing (each chat adapter is one; see core/ports/chat-adapter.ts). */
  outlets: Outlet[];
  queue: DeliveryQueue;
  clock: Clock;
  /** Failures (refused connections) before a row is parked. */
  maxAttempts?: number;
  /** Rows a lane claims at once. */
  batch?: number;
  leaseMs?: number;
  /**
   * Sends one lane may have awaiting the platform's answer at once. The pacing slots set the rate; this only
   * bounds the overlap (29 a second at 150 ms a reply is about 5 in the air). Default 8.
   */
  maxInFlight?: number;
  /** Sends awaiting an answer at once across every lane of this worker (default 64), so many lanes cannot swamp it. */
  maxSending?: number;
  /** Injected so backoff jitter is reproducible in tests. */
  random?: () => number;
  /** Waits for a pacing slot; injected so tests on a fake clock can move time instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
  /** How long a claimed row may wait for its pacing slot before going back to the queue. */
  maxPaceWaitMs?: number;
  onEvent?: (e: { row: OutboxRow; outcome: string; detail?: string }) => void;
  /** A lane started by poll() failed (the database went away): it stops, and the next poll starts it again. */
  onLaneError?: (err: unknown) => void;
}

/** A claimed batch, and when its rows go back unsent rather than outlive their lease. */
interface Batch {
  rows: OutboxRow[];
  giveBackAt: number;
}

export function createOutboxWorker(opts: WorkerOptions) {
  const rows = rowDelivery(opts);
  const batchSize = opts.batch ?? 50;
  const leaseMs = opts.leaseMs ?? 60_000;
  const maxInFlight = opts.maxInFlight ?? 8;
  /** Lanes this worker is draining, by name: a lane runs once per worker at a time. */
  const running = new Map<string, Promise<void>>();
  let stopping = false;
  const nameOf = (lane: Lane) => `${lane.platform}:${lane.tenant}`;

  async function claim(lane: Lane): Promise<Batch> {
    const now = opts.clock.now().getTime();
    const claimed = await opts.queue.claim(new Date(now), rows.platforms, batchSize, leaseMs, lane);
    // A quarter of the lease to spare: a row still unsent by then goes back rather than risk a second copy.
    return { rows: claimed, giveBackAt: now + leaseMs * 0.75 };
  }

  /** Back to pending at its old place in line: a later row of the same conversation must not overtake it. */
  async function giveBack(row: OutboxRow): Promise<void> {
    await opts.queue.retry(row.id, row.notBefore, null, false);
  }

  const leaseRunOut = (batch: Batch) => stopping || opts.clock.now().getTime() > batch.giveBackAt;

  /** Sends in the air across all lanes, and those waiting for room: a bound for the whole process. */
  let sendingNow = 0;
  const room: Array<() => void> = [];
  const maxSending = opts.maxSending ?? 64;

  /**
   * Admits one row (its slot taken) and starts its send without waiting for the platform's answer; returns
   * the send under way, boxed so that awaiting the dispatch does not wait for it too.
   */
  async function dispatch(
    row: OutboxRow,
    batch: Batch,
    inFlight: Set<Promise<void>>,
    report: DrainReport,
  ): Promise<{ sending?: Promise<void> }> {
    if (leaseRunOut(batch)) return giveBack(row).then(() => ({}));
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    let admitted: boolean;
    try {
      admitted = await rows.admit(row, report);
    } catch (err) {
      // A database fault while taking the slot: the row goes back now rather than expire as "unknown".
      await giveBack(row).catch(() => {});
      throw err;
    }
    if (!admitted) return {};
    while (sendingNow >= maxSending) await new Promise<void>((r) => room.push(r));
    // The waits above may outlast the lease; once it has run out another claim may take the row's conversation.
    if (leaseRunOut(batch)) {
      room.shift()?.(); // the turn this row woke for passes on to the next waiting send
      return giveBack(row).then(() => ({}));
    }
    sendingNow++;
    const sending: Promise<void> = rows
      .send(row, report)
      .catch((err) => opts.onLaneError?.(err))
      .finally(() => {
        inFlight.delete(sending);
        sendingNow--;
        room.shift()?.();
      });
    inFlight.add(sending);
    return { sending };
  }

  /**
   * Drains one lane: one batch (`once`), or batch after batch until it has nothing due. Rows sharing a first
   * pacing key (a workspace, a mail domain) queue one after another on that key's chain, which outlives the
   * batch that brought them: a batch holding one slow key does not hold up the next batch's other keys.
   */
  async function runLane(lane: Lane, report: DrainReport, once: boolean): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    /** Each pacing key's chain in this lane: the last row queued on it, settled once that row is dispatched. */
    const chains = new Map<string, Promise<void>>();
    /** Rows claimed but not yet handed to dispatch (which answers for a row once it has it). */
    const waiting = new Set<OutboxRow>();
    /** How many of those wait on each key. */
    const queued = new Map<string, number>();
    /** What the dispatches threw: after the first, no chain dispatches another row. */
    const faults: unknown[] = [];
    let changed = () => {};
    const somethingChanged = () => new Promise<void>((r) => (changed = r));
    // Claimed rows wait for their key's chain under their lease: a bound on how far ahead a lane claims.
    const maxWaiting = batchSize * maxInFlight;

    const enqueue = (row: OutboxRow, batch: Batch) => {
      const group = rows.groupOf(row);
      waiting.add(row);
      queued.set(group, (queued.get(group) ?? 0) + 1);
      const tail = (chains.get(group) ?? Promise.resolve()).then(async () => {
        if (faults.length > 0) return;
        waiting.delete(row);
        queued.set(group, (queued.get(group) ?? 1) - 1);
        changed();
        try {
          // The dispatch resolves once the slot is taken; a key whose sends may not overlap waits for the answer.
          const { sending } = await dispatch(row, batch, inFlight, report);
          if (!rows.overlaps(row)) await sending;
        } catch (err) {
          faults.push(err);
          changed();
        }
      });
      chains.set(group, tail);
      void tail.then(() => {
        if (chains.get(group) === tail) chains.delete(group);
      });
    };

    let claimFault: { err: unknown } | null = null;
    try {
      while (!stopping && faults.length === 0) {
        const batch = await claim(lane);
        report.claimed += batch.rows.length;
        if (batch.rows.length === 0) break;
        const keys = new Set(batch.rows.map((row) => rows.groupOf(row)));
        const low = () => [...keys].some((key) => (queued.get(key) ?? 0) * 2 < batchSize);
        // A batch that brought a key with less than half a batch queued (rows come in id order, so a lane's
        // mail domains arrive a few at a time) claims again at once, to keep the lane's other keys going
        // beside it. Else the next batch is claimed once one of this batch's keys is down to half a batch:
        // waiting for the whole lane to get there would leave its other keys idle, and keys still unclaimed
        // behind them waiting until the rest had nearly finished. Either way no more than maxWaiting wait.
        const short = low();
        for (const row of batch.rows) enqueue(row, batch);
        if (once) break;
        while (!stopping && faults.length === 0 && (waiting.size >= maxWaiting || (!short && !low())))
          await somethingChanged();
      }
    } catch (err) {
      // A database fault claiming: the rows already claimed still go, as they would have without it.
      claimFault = { err };
    } finally {
      while (chains.size > 0) await Promise.all(chains.values());
      await Promise.all(inFlight);
    }
    if (faults.length > 0) {
      // A database fault (taking a slot, giving a row back): the rows not yet dispatched would sit as
      // "sending" until their lease ran out, then be parked unsent. They go back now, in case it has passed.
      await Promise.all([...waiting].map((row) => giveBack(row).catch(() => {})));
      throw faults[0];
    }
    if (claimFault) throw claimFault.err;
  }

  function start(lane: Lane, report: DrainReport, once: boolean): Promise<void> {
    const name = nameOf(lane);
    const run = runLane(lane, report, once).finally(() => running.delete(name));
    running.set(
      name,
      run.catch(() => {}),
    );
    return run;
  }

  /** Lanes with rows due now that this worker is not already draining. */
  async function dueLanes(): Promise<Lane[]> {
    const now = opts.clock.now();
    const lanes = await opts.queue.lanes(now, rows.platforms);
    return lanes.filter((l) => l.dueAt <= now && !running.has(nameOf(l)));
  }

  return {
    /** One pass: every lane with rows due claims one batch and sends it; the lanes side by side. */
    async drainOnce(): Promise<DrainReport> {
      const report = emptyReport();
      await Promise.all((await dueLanes()).map((lane) => start(lane, report, true)));
      return report;
    },

    /**
     * Drains every lane until nothing is due, each lane claiming its next batch as it goes, not waiting for
     * the others. Rows due later (a 429's Retry-After, a backoff) are left for a later call.
     */
    async drain(): Promise<DrainReport> {
      const report = emptyReport();
      for (;;) {
        const claimed = report.claimed;
        const lanes = await dueLanes();
        if (lanes.length === 0 && running.size === 0) return report;
        await Promise.all([...lanes.map((lane) => start(lane, report, false)), ...running.values()]);
        // A lane due whose every row is held (its target's send is under way on another instance).
        if (lanes.length > 0 && report.claimed === claimed) return report;
      }
    },

    /**
     * Starts draining every lane with rows due that is not draining already, and returns without waiting for
     * them: the scheduler calls this every half second, and a lane runs until it has nothing due.
     */
    async poll(): Promise<number> {
      if (stopping) return 0;
      const lanes = await dueLanes();
      for (const lane of lanes) start(lane, emptyReport(), false).catch((err) => opts.onLaneError?.(err));
      return lanes.length;
    },

    /** Stops claiming; rows claimed but not yet sent go back to the queue, and sends under way are recorded. */
    async stop(): Promise<void> {
      stopping = true;
      while (running.size > 0) await Promise.all(running.values());
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;

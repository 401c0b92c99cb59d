// One Quorum instance for the national bench, run as its own process (forked by national.bench.ts): its
// own database pool and the real scheduler (schedule tick + outbox drain), posting over HTTP to the
// loopback fakes. It waits for "go", so every instance starts at the same moment, and counts its SQL.

import { slackOutlet } from "../src/adapters/slack/pacing.ts";
import { teamsOutlet } from "../src/adapters/teams/pacing.ts";
import { DeliveryError, type Sender } from "../src/core/outbound.ts";
import { digestJob } from "../src/core/schedule/jobs/digest-job.ts";
import { jobRegistry } from "../src/core/schedule/jobs.ts";
import type { Platform } from "../src/core/types.ts";
import { startScheduler } from "../src/delivery/scheduler.ts";
import { createLogger } from "../src/log.ts";
import { createStore } from "../src/store/drizzle-store.ts";
import { openDatabase } from "../src/store/open-database.ts";
import { outboxQueue } from "../src/store/outbox-queue.ts";

const url = process.env.NATIONAL_DATABASE_URL ?? "";
const fakes = process.env.NATIONAL_FAKES_URL ?? "";

/** Posts as the real senders do (one HTTP request a message), mapping a 429 to the rate_limited code. */
function httpSender(platform: Platform): Sender {
  return {
    platform,
    async send(target, payload) {
      let res: Response;
      try {
        res = await fetch(`${fakes}/${platform}/send`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            tenant: target.tenant,
            channel: target.id,
            key: payload.text.slice(0, 60),
            text: payload.text,
          }),
        });
      } catch (err) {
        throw new DeliveryError("unreachable", (err as Error).message);
      }
      const body = (await res.json()) as { ts?: string };
      if (res.status === 429)
        throw new DeliveryError("rate_limited", "429", {
          retryAfterMs: Number(res.headers.get("retry-after") ?? 1) * 1000,
        });
      if (!res.ok) throw new DeliveryError("ambiguous", `HTTP ${res.status}`);
      return { messageId: String(body.ts) };
    },
  };
}

let statements = 0;
const database = await openDatabase(url, { onQuery: () => statements++ });
const store = createStore(database.db);
const clock = { now: () => new Date() };
let scheduler: ReturnType<typeof startScheduler> | undefined;
let cpu = process.cpuUsage();

process.on("message", async (m: { type: string }) => {
  if (m.type === "go") {
    statements = 0;
    cpu = process.cpuUsage();
    scheduler = startScheduler({
      store,
      queue: outboxQueue(database.db),
      clock,
      outlets: [slackOutlet(httpSender("slack")), teamsOutlet(httpSender("teams"))],
      logger: createLogger("error"),
      jobs: jobRegistry([digestJob]),
      tickEvery: "0 0 1 1 *",
    });
  } else if (m.type === "stop") {
    await scheduler?.stop();
    const used = process.cpuUsage(cpu);
    // CPU seconds, not wall time: on a shared machine they say what the work costs, whatever the load.
    process.send?.({ type: "done", statements, cpuS: (used.user + used.system) / 1e6 });
    await database.close();
    process.exit(0);
  }
});
process.send?.({ type: "ready" });

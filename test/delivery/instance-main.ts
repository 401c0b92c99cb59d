// One Quorum delivery instance for the multi-instance test: fires due schedules and drains the outbox
// against a shared PostgreSQL for a while, posting to the parent test's recording server over HTTP.
import { appFromDatabase } from "../../src/app.ts";
import { DeliveryError, type Sender } from "../../src/core/outbound.ts";
import { DEFAULT_FIRE_OPTIONS, fireDueSchedules } from "../../src/core/schedule/fire.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { createLogger } from "../../src/log.ts";
import { openDatabase } from "../../src/store/open-database.ts";
import { outletsFor } from "../helpers/outlets.ts";

const [url = "", sink = "", instance = "", runMs = "4000"] = process.argv.slice(2);

const httpSender: Sender = {
  platform: "slack",
  async send(target, payload) {
    const res = await fetch(sink, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ channel: target.id, text: payload.text.split("\n")[0], instance }),
    }).catch((err: Error) => {
      throw new DeliveryError("unreachable", err.message);
    });
    if (res.status === 429) throw new DeliveryError("rate_limited", "429", { retryAfterMs: 1000 });
    if (!res.ok) throw new DeliveryError("ambiguous", `HTTP ${res.status}`);
    return { messageId: `${instance}-${Date.now()}` };
  },
};

const database = await openDatabase(url);
const app = appFromDatabase(database, { logger: createLogger("silent") });
// Small batches so the instances interleave, as they would under real load.
const worker = createOutboxWorker({
  outlets: outletsFor(httpSender),
  queue: app.queue,
  clock: app.clock,
  batch: 3,
});
const until = Date.now() + Number(runMs);
while (Date.now() < until) {
  await fireDueSchedules(app.store, app.clock, { ...DEFAULT_FIRE_OPTIONS, batch: 4 });
  await worker.drainOnce();
  await new Promise((r) => setTimeout(r, 20));
}
await database.close();

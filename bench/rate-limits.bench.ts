// What the limits cost: "whoami" from a Slack user through the whole core (limit check included) beside
// the limit check alone, the replay claim a Slack command or click adds, and the count sent together with
// the command's BEGIN (Store.autocommitThen) beside one after the other, on PGlite and PostgreSQL.
import type { InboundEvent } from "../src/core/inbound.ts";
import type { Repos } from "../src/core/ports.ts";
import { createQuorum } from "../src/core/quorum.ts";
import { checkCommandRate, DEFAULT_RATE_LIMITS } from "../src/core/rate-limits.ts";
import { loadDemo } from "../src/demo/load-demo.ts";
import { createStore } from "../src/store/drizzle-store.ts";
import { runMigrations } from "../src/store/migrate.ts";
import type { Database } from "../src/store/open-database.ts";
import { onEachDatabase } from "./scratch-postgres.ts";
import { measure, measureByTurns, printComparison } from "./stats.ts";

const N = 400;
/** Never refuses: the bench times the counting, not refusals. */
const LIMITS = { ...DEFAULT_RATE_LIMITS, userPerMinute: 1e9, partnershipPerMinute: 1e9 };

const whoami: InboundEvent = {
  platform: "slack",
  tenant: "TBENCH",
  userId: "UJO",
  text: "whoami",
  conversation: { id: "DJO", kind: "direct" },
  profile: { email: "jo.whitfield@example.gov.uk", name: "Jo Whitfield" },
};

async function benchOn(label: string, database: Database): Promise<void> {
  await runMigrations(database);
  const store = createStore(database.db);
  const clock = { now: () => new Date() };
  await loadDemo(store, clock);
  const quorum = createQuorum({ store, clock, rateLimits: LIMITS });
  const command = await measure(N, () => quorum.handle(whoami));
  const check = await measure(N, () =>
    store.autocommit((lone) => checkCommandRate(lone, LIMITS, whoami, clock.now(), { partnershipId: 1 })),
  );
  printComparison(`${label}: whoami via core`, command, check, "limit check");
  const claim = await measure(N, (i) =>
    store.autocommit((r) => r.events.claim("slack", `bench:${label}:${i}`)),
  );
  printComparison(`${label}: whoami via core`, command, claim, "replay claim");
  // What every inbound command does first: its count, then its transaction (empty here, so the figures
  // are the round trips), sent together as the core sends them, beside one after the other.
  const count = (lone: Repos) => checkCommandRate(lone, LIMITS, whoami, clock.now(), { partnershipId: 1 });
  const empty = async () => null;
  const [together, apart] = await measureByTurns(N, [
    () => store.autocommitThen(count, () => ({ transaction: empty })),
    async () => {
      await store.autocommit(count);
      await store.transaction(empty);
    },
  ]);
  printComparison(`${label}: count, then a transaction`, together, apart, "one by one");
}

export const run = (): Promise<void> => onEachDatabase(benchOn);

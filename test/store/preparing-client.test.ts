// On PostgreSQL every statement drizzle sends is prepared once per connection (a bulk one aside), so it
// waits for the server once, not twice: counted through a TCP proxy between the driver and the server.
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reposFor } from "../../src/store/drizzle-store.ts";
import type { Db } from "../../src/store/open-database.ts";
import { MAX_PREPARED_PARAMS } from "../../src/store/preparing-client.ts";
import { people } from "../../src/store/schema.ts";
import { type FlightCounter, openCounted } from "../helpers/flight-counter.ts";
import { useFresh } from "../helpers/fresh.ts";
import { openTestDatabase, serverUrl } from "../helpers/test-db.ts";

const database = useFresh(() => openTestDatabase());

/** Waits for the server while fn runs, once it has run a first time (which connects and prepares). */
async function waitsOf(proxy: FlightCounter, fn: (i: number) => Promise<unknown>): Promise<number> {
  await fn(0);
  proxy.reset();
  await fn(1);
  return proxy.flights();
}

describe.skipIf(!serverUrl())("statements on PostgreSQL", () => {
  it("wait once for the server, on their own and in a transaction", async () => {
    const { db, proxy, close } = await openCounted(database.url);
    try {
      // A plain query-builder insert with parameters: drizzle sends it unprepared, as most statements.
      const claim = (d: Db, i: number) => reposFor(d).events.claim("slack", `prepare:${i}:${Math.random()}`);
      expect(await waitsOf(proxy, (i) => claim(db.db, i))).toBe(1);
      // BEGIN, the insert, COMMIT.
      expect(await waitsOf(proxy, (i) => db.db.transaction((tx) => claim(tx as unknown as Db, i)))).toBe(3);
    } finally {
      await close();
    }
  });

  it("leaves a bulk statement unprepared: a connection keeps no plan for each size of a long list", async () => {
    const { db, proxy, close } = await openCounted(database.url);
    try {
      const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
      const select = (n: number) =>
        db.db
          .select({ id: people.id })
          .from(people)
          .where(inArray(people.id, ids(n)));
      expect(await waitsOf(proxy, () => select(MAX_PREPARED_PARAMS))).toBe(1);
      // Described again at every run, as drizzle always sent it: two waits.
      expect(await waitsOf(proxy, () => select(MAX_PREPARED_PARAMS + 1))).toBe(2);
    } finally {
      await close();
    }
  });
});

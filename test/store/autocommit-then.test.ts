// Store.autocommitThen: a statement committed on its own, then a transaction, on either driver; on PostgreSQL
// the transaction's BEGIN travels behind the statement, so the pair costs one round trip fewer.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Repos, Store } from "../../src/core/ports.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { SecondStatementError } from "../../src/store/pipelined.ts";
import { rowsOf } from "../../src/store/repos/unflushed.ts";
import { openCounted } from "../helpers/flight-counter.ts";
import { useFresh } from "../helpers/fresh.ts";
import { openTestDatabase, serverUrl } from "../helpers/test-db.ts";

const database = useFresh(() => openTestDatabase());

const WINDOW = new Date("2026-12-04T09:00:00Z");
const count = (r: Repos, key: string) => r.rateLimits.hitOnce(undefined, WINDOW, [{ key, limit: 100 }]);
const claimed = async (key: string) =>
  rowsOf<{ n: number }>(
    await database.db.execute(sql`select count(*)::int as n from processed_events where event_id = ${key}`),
  )[0]?.n;
const hits = async (key: string) =>
  rowsOf<{ count: number }>(
    await database.db.execute(sql`select count from rate_limits where key = ${key}`),
  )[0]?.count ?? 0;

describe("Store.autocommitThen", () => {
  it("runs the transaction after the statement, with what the statement read", async () => {
    const store = createStore(database.db);
    const result = await store.autocommitThen(
      (r) => count(r, "then:ok"),
      (counted) => ({
        transaction: async (r) => {
          await r.events.claim("slack", "then:ok:inside");
          return counted.counts;
        },
      }),
    );
    expect(result).toEqual([1]);
    expect(await claimed("then:ok:inside")).toBe(1);
  });

  it("keeps the statement when the transaction fails, and rolls back all the transaction wrote", async () => {
    const store = createStore(database.db);
    const failing = store.autocommitThen(
      (r) => count(r, "then:fails"),
      () => ({
        transaction: async (r) => {
          await r.events.claim("slack", "then:fails:inside");
          throw new Error("the command failed");
        },
      }),
    );
    await expect(failing).rejects.toThrow("the command failed");
    expect(await hits("then:fails")).toBe(1);
    expect(await claimed("then:fails:inside")).toBe(0);
  });

  it("answers `done` with no transaction, and a refusal after the statement keeps the statement", async () => {
    const store = createStore(database.db);
    expect(
      await store.autocommitThen(
        (r) => count(r, "then:done"),
        () => ({ done: "replayed" }),
      ),
    ).toBe("replayed");
    const refused = store.autocommitThen(
      async (r) => {
        await count(r, "then:refused");
        throw new Error("over the limit");
      },
      () => ({ done: "never" }),
    );
    await expect(refused).rejects.toThrow("over the limit");
    expect([await hits("then:done"), await hits("then:refused")]).toEqual([1, 1]);
    await expectNoOpenTransactions(store);
  });

  it("runs the transaction when the first step sends no statement at all", async () => {
    const store = createStore(database.db);
    const result = await store.autocommitThen(
      async () => "nothing to count",
      (said) => ({ transaction: async (r) => `${said}; ${await r.events.claim("teams", "then:none")}` }),
    );
    expect(result).toBe("nothing to count; true");
  });

  it.skipIf(!serverUrl())(
    "refuses a second statement from the first step on PostgreSQL, and rolls back",
    async () => {
      const store = createStore(database.db);
      const twice = store.autocommitThen(
        async (r) => {
          await count(r, "then:twice");
          return count(r, "then:twice");
        },
        () => ({ done: "never" }),
      );
      await expect(twice).rejects.toBeInstanceOf(SecondStatementError);
      expect(await hits("then:twice")).toBe(1);
      await expectNoOpenTransactions(store);
    },
  );

  it.skipIf(!serverUrl())(
    "on PostgreSQL, waits for the server one time fewer than a statement and then a transaction",
    async () => {
      const { db, proxy, close } = await openCounted(database.url);
      try {
        const store = createStore(db.db);
        // Prepared statements (repos/prepared.ts) both: an unprepared one waits for a describe of its own.
        const tx = (r: Repos) => count(r, "then:flights:inside");
        const sequential = async (key: string) => {
          await store.autocommit((r) => count(r, key));
          await store.transaction(tx);
        };
        const pipelined = (key: string) =>
          store.autocommitThen(
            (r) => count(r, key),
            () => ({ transaction: tx }),
          );
        // Connected, and each statement prepared on the connection, before counting.
        await sequential("then:warm");
        await pipelined("then:warm");
        proxy.reset();
        await sequential("then:flights");
        const apart = proxy.flights();
        proxy.reset();
        await pipelined("then:flights");
        const together = proxy.flights();
        // A statement, BEGIN, another, COMMIT: each waits for the server's answer, unless BEGIN rides along.
        expect([apart, together]).toEqual([4, 3]);
      } finally {
        await close();
      }
    },
  );
});

/** No connection of this database is left inside a transaction (a BEGIN sent and never ended). */
async function expectNoOpenTransactions(store: Store): Promise<void> {
  // Every pooled connection in turn: a statement on a connection left open would land in its transaction.
  await Promise.all(
    Array.from({ length: 12 }, (_, i) => store.autocommit((r) => count(r, `then:after:${i}`))),
  );
  const open = rowsOf<{ n: number }>(
    await database.db.execute(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
    ),
  )[0]?.n;
  expect(open ?? 0).toBe(0);
}

// Lone rate counts and replay claims commit unflushed: still exact, and the relaxation never outlives them.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createStore, reposFor } from "../../src/store/drizzle-store.ts";
import type { Db } from "../../src/store/open-database.ts";
import { rowsOf } from "../../src/store/repos/unflushed.ts";
import { useFresh } from "../helpers/fresh.ts";
import { openTestDatabase } from "../helpers/test-db.ts";

const database = useFresh(() => openTestDatabase(), "describe");

const syncCommit = async (db: Db) =>
  rowsOf<{ synchronous_commit: string }>(await db.execute(sql`show synchronous_commit`))[0]
    ?.synchronous_commit;

describe("unflushed bookkeeping statements", () => {
  it("claims an event once and counts every hit, as before", async () => {
    const store = createStore(database.db);
    expect(await store.autocommit((r) => r.events.claim("slack", "command:trigger:t-unflushed"))).toBe(true);
    expect(await store.autocommit((r) => r.events.claim("slack", "command:trigger:t-unflushed"))).toBe(false);
    const window = new Date("2026-12-03T21:00:00Z");
    const keys = [
      { key: "cmd:user:unflushed", limit: 5 },
      { key: "cmd:partnership:unflushed", limit: 5 },
    ];
    expect(await store.autocommit((r) => r.rateLimits.hit(window, keys))).toEqual([1, 1]);
    expect(await store.autocommit((r) => r.rateLimits.hit(window, keys))).toEqual([2, 2]);
  });

  it("leaves every pooled connection, and a command's own transaction, waiting for the flush", async () => {
    const store = createStore(database.db);
    const window = new Date("2026-12-03T21:01:00Z");
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        store.autocommit((r) => r.rateLimits.hit(window, [{ key: `cmd:user:pool-${i}`, limit: 5 }])),
      ),
    );
    const settings = await Promise.all(Array.from({ length: 12 }, () => syncCommit(database.db)));
    expect(new Set(settings)).toEqual(new Set(["on"]));
    // The enrolment count runs inside the command's transaction: its commit must stay durable.
    // (The repos a store's transaction gets, over the transaction's own connection.)
    const inside = await database.db.transaction(async (tx) => {
      const db = tx as unknown as Db;
      await reposFor(db).rateLimits.hit(window, [{ key: "enrol:partnership:unflushed", limit: 5 }]);
      return syncCommit(db);
    });
    expect(inside).toBe("on");
  });
});

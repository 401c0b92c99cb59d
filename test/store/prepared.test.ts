// The hottest statements are prepared once per connection on PostgreSQL, and a PGlite start never loads its driver.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reposFor } from "../../src/store/drizzle-store.ts";
import type { Db } from "../../src/store/open-database.ts";
import { useHarness } from "../helpers/harness.ts";
import { loggedDb } from "../helpers/logged-db.ts";

const h = useHarness();
const ROOT = join(import.meta.dirname, "..", "..");

describe("prepared statements", () => {
  it("lists actions and counts a hit through one prepared text each, with the same rows", async () => {
    const filter = { statuses: ["open" as const], limit: 25, offset: 0 };
    const plain = await h.database.db.transaction((tx) =>
      reposFor(tx as unknown as Db).actions.list(1, filter),
    );
    const sent: string[] = [];
    const db = loggedDb(h.database, sent);
    const { lists, prepared } = await db.transaction(async (tx) => {
      const repos = reposFor(tx as unknown as Db);
      const lists = [await repos.actions.list(1, filter), await repos.actions.list(1, filter)];
      const window = new Date("2026-12-04T09:00:00Z");
      expect(await repos.rateLimits.hit(window, [{ key: "cmd:user:prepared", limit: 5 }])).toEqual([1]);
      expect(await repos.rateLimits.hit(window, [{ key: "cmd:user:prepared", limit: 5 }])).toEqual([2]);
      // PostgreSQL lists the statements prepared on this connection (the transaction's own).
      const prepared =
        h.database.kind === "postgres"
          ? ((await tx.execute(sql`select statement from pg_prepared_statements`)) as unknown as {
              statement: string;
            }[])
          : [];
      return { lists, prepared };
    });
    expect(plain.length).toBeGreaterThan(0);
    expect(lists).toEqual([plain, plain]);
    expect(sent.filter((s) => s.includes("rate_limits"))).toHaveLength(2);
    if (h.database.kind === "postgres") {
      expect(prepared.filter((p) => p.statement.includes('from "actions"'))).toHaveLength(1);
      expect(prepared.filter((p) => p.statement.includes("rate_limits"))).toHaveLength(1);
    }
  });
});

describe("a PGlite start", () => {
  it("loads the store and every repo without the postgres driver", () => {
    // A resolve hook that refuses the driver and drizzle's module for it: any static import of them fails.
    const hook = `export async function resolve(spec, ctx, next) {
      if (spec === "postgres" || spec.startsWith("drizzle-orm/postgres-js")) throw new Error("loaded " + spec);
      return next(spec, ctx);
    }`;
    const script = (target: string) => `
      import { register } from "node:module";
      register("data:text/javascript,${encodeURIComponent(hook)}");
      await import(${JSON.stringify(target)});`;
    const run = (target: string) =>
      spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script(target)], {
        cwd: ROOT,
        encoding: "utf8",
      });
    const store = run(join(ROOT, "src/store/drizzle-store.ts"));
    expect(store.stderr).toBe("");
    expect(store.status).toBe(0);
    // The hook does refuse the driver (guards the check itself).
    const driver = run("drizzle-orm/postgres-js");
    expect(driver.status).not.toBe(0);
    expect(driver.stderr).toContain("loaded drizzle-orm/postgres-js");
  }, 30_000);
});

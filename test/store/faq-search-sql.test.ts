// preparedRows (faq-search-sql.ts): named, prepared statements on postgres.js, plain execute on PGlite, both
// found out from drizzle's session without importing the postgres driver.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/store/open-database.ts";
import { preparedRows, rowsOf } from "../../src/store/repos/faq-search-sql.ts";
import { useFresh } from "../helpers/fresh.ts";
import { openTestDatabase } from "../helpers/test-db.ts";

const database = useFresh(() => openTestDatabase(), "describe");

describe("preparedRows", () => {
  it("prepares the statement on PostgreSQL, inside a transaction too, and returns the same rows on both", async () => {
    await database.db.transaction(async (tx) => {
      const db = tx as unknown as Db;
      const marker = sql`select 41 + ${1}::int as "answer" -- faq-search-sql test`;
      expect(await preparedRows<{ answer: number }>(db, marker)).toEqual([{ answer: 42 }]);
      // A transaction holds one connection: a statement prepared on it is listed on it.
      const prepared = await rowsOf<{ statement: string }>(
        db,
        sql`select statement from pg_prepared_statements where statement like '%faq-search-sql test%'`,
      );
      expect(prepared.length).toBe(database.kind === "postgres" ? 1 : 0);
    });
  });
});

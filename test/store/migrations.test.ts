// Start-up migrations: idempotent, and safe when several instances start at once against PostgreSQL.
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, runMigrations } from "../../src/store/migrate.ts";
import { openDatabase } from "../../src/store/open-database.ts";
import { openTestDatabase, serverUrl, withDatabase } from "../helpers/test-db.ts";

describe("migrations", () => {
  it("can run again on a migrated database without changing anything", async () => {
    const db = await openTestDatabase();
    try {
      await runMigrations(db);
      await runMigrations(db);
    } finally {
      await db.close();
    }
  });

  // PGlite belongs to one process, so concurrent start-up only arises with a PostgreSQL server.
  it.skipIf(!serverUrl())(
    "three instances migrating a fresh PostgreSQL database at once all succeed",
    async () => {
      const server = serverUrl() ?? "";
      const name = `quorum_t_${randomBytes(6).toString("hex")}`;
      const admin = postgres(server, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const instances = await Promise.all([1, 2, 3].map(() => openDatabase(withDatabase(server, name))));
      try {
        await Promise.all(instances.map((d) => runMigrations(d)));
        const check = postgres(withDatabase(server, name), { max: 1 });
        const tables = await check.unsafe(
          `select count(*)::int as n from pg_tables where tablename = 'outbox'`,
        );
        const applied = await check.unsafe(`select count(*)::int as n from drizzle.__drizzle_migrations`);
        await check.end();
        expect(tables[0]?.n).toBe(1);
        // Each migration recorded once, not once per instance.
        expect(applied[0]?.n).toBe(readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith(".sql")).length);
      } finally {
        await Promise.all(instances.map((d) => d.close()));
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  );
});

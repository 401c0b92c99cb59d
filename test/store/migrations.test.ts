// Start-up migrations: idempotent, and safe when several instances start at once against PostgreSQL.
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it, vi } from "vitest";
import { MIGRATIONS_FOLDER, runMigrations, schemaIsCurrent } from "../../src/store/migrate.ts";
import { type Database, openDatabase } from "../../src/store/open-database.ts";
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

  it("finds a current schema with one statement and without taking the migration lock", async () => {
    const db = await openTestDatabase();
    try {
      const execute = vi.spyOn(db.db, "execute");
      let locks = 0;
      const watched: Database = {
        ...db,
        withLock: (key, fn) => {
          locks++;
          return db.withLock(key, fn);
        },
      };
      await runMigrations(watched);
      expect(execute).toHaveBeenCalledTimes(1);
      expect(locks).toBe(0);
    } finally {
      await db.close();
    }
  });

  it("does not take a schema missing its newest migration for current", async () => {
    const db = await openTestDatabase();
    try {
      expect(await schemaIsCurrent(db)).toBe(true);
      await db.db.execute(
        sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
      );
      expect(await schemaIsCurrent(db)).toBe(false);
    } finally {
      await db.close();
    }
  });

  it.skipIf(Boolean(serverUrl()))("migrates a fresh PGlite database under the lock", async () => {
    const db = await openDatabase("memory://");
    try {
      expect(await schemaIsCurrent(db)).toBe(false);
      let locks = 0;
      const watched: Database = {
        ...db,
        withLock: (key, fn) => {
          locks++;
          return db.withLock(key, fn);
        },
      };
      await runMigrations(watched);
      expect(locks).toBe(1);
      expect(await schemaIsCurrent(db)).toBe(true);
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

// The first-start seed: copied only into an empty folder and only when it matches this build's PGlite and
// migrations; a real seed opens as a current, owner-only database without running a migration.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { buildSeed } from "../../src/store/build-seed.ts";
import { LOCK_FILE } from "../../src/store/data-folder-lock.ts";
import { schemaIsCurrent } from "../../src/store/migrate.ts";
import { openDatabase } from "../../src/store/open-database.ts";
import {
  currentManifest,
  MANIFEST,
  PGDATA,
  type SeedManifest,
  seedDataFolder,
} from "../../src/store/seed-data-folder.ts";

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});
const temp = (what: string) => {
  const d = mkdtempSync(join(tmpdir(), `quorum-seed-${what}-`));
  made.push(d);
  return d;
};

/** A stand-in seed: a manifest and a few files, enough for the copy rules (no database in it). */
function fakeSeed(manifest: SeedManifest = currentManifest()): string {
  const seed = temp("fake");
  mkdirSync(join(seed, PGDATA, "base"), { recursive: true });
  writeFileSync(join(seed, PGDATA, "PG_VERSION"), "17\n");
  writeFileSync(join(seed, PGDATA, "base", "1"), "pages");
  writeFileSync(join(seed, MANIFEST), JSON.stringify(manifest));
  return seed;
}

describe("seedDataFolder", () => {
  it("copies a matching seed into a folder holding only its lock", () => {
    const dir = temp("dir");
    writeFileSync(join(dir, LOCK_FILE), "{}");
    expect(seedDataFolder(dir, fakeSeed())).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["PG_VERSION", "base", LOCK_FILE].sort());
    expect(readdirSync(join(dir, "base"))).toEqual(["1"]);
  });

  it("leaves a folder that already holds anything else alone", () => {
    const dir = temp("dir");
    writeFileSync(join(dir, "note.txt"), "mine");
    expect(seedDataFolder(dir, fakeSeed())).toBe(false);
    expect(readdirSync(dir)).toEqual(["note.txt"]);
  });

  it("refuses a seed built from other migrations, another PGlite or another format", () => {
    const now = currentManifest();
    for (const stale of [
      { ...now, migrations: "0".repeat(64) },
      { ...now, pglite: "0.0.1" },
      { ...now, format: now.format + 1 },
    ]) {
      const dir = temp("dir");
      expect(seedDataFolder(dir, fakeSeed(stale))).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it("does nothing without a seed, or with one that has no database in it", () => {
    const dir = temp("dir");
    expect(seedDataFolder(dir, join(temp("none"), "missing"))).toBe(false);
    const seed = fakeSeed();
    rmSync(join(seed, PGDATA, "PG_VERSION"));
    expect(seedDataFolder(dir, seed)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("hashes every migration file, so an edited migration makes the seed stale", () => {
    const folder = temp("migrations");
    mkdirSync(join(folder, "meta"));
    writeFileSync(join(folder, "meta", "_journal.json"), '{"entries":[]}');
    writeFileSync(join(folder, "0000_a.sql"), "create table a (id int);");
    const before = currentManifest(folder);
    writeFileSync(join(folder, "0000_a.sql"), "create table a (id bigint);");
    expect(currentManifest(folder).migrations).not.toBe(before.migrations);
  });
});

describe("a real seed", () => {
  it("opens as a current database, owner-only, with nothing migrated at first start", {
    timeout: 180_000,
  }, async () => {
    const seed = join(temp("real"), "seed");
    await buildSeed(seed);
    // One WAL segment, a hole but for its checkpoint: 16 MB long, a few kilobytes written (build-seed.ts).
    const segments = (d: string) => readdirSync(join(d, "pg_wal")).filter((n) => /^[0-9A-F]{24}$/.test(n));
    const [segment, ...more] = segments(join(seed, PGDATA));
    expect(more).toEqual([]);
    const walOf = (d: string) => statSync(join(d, "pg_wal", segment ?? ""));
    expect(walOf(join(seed, PGDATA)).size).toBe(16 * 1024 * 1024);
    expect(walOf(join(seed, PGDATA)).blocks * 512).toBeLessThan(1024 * 1024);
    const dir = join(temp("data"), "data");
    const statements: string[] = [];
    const database = await openDatabase(pathToFileURL(dir).href, {
      seed,
      onQuery: (q) => statements.push(q),
    });
    // Copied sparse: the hole stays a hole in the new data folder.
    expect(walOf(dir).blocks * 512).toBeLessThan(1024 * 1024);
    try {
      expect(await schemaIsCurrent(database)).toBe(true);
      const r = (await database.db.execute(
        sql`select count(*)::int as n from pg_extension where extname = 'pg_trgm'`,
      )) as unknown as { rows: { n: number }[] };
      expect(r.rows[0]?.n).toBe(1);
    } finally {
      await database.close();
    }
    expect(statements.some((q) => /create table/i.test(q))).toBe(false);
    if (process.platform !== "win32") expect(statSync(join(dir, "PG_VERSION")).mode & 0o077).toBe(0);
  });
});

// A ready-made, migrated PGlite data folder built with dist/ (npm run build), copied into an empty data
// folder at first start: PGlite's initdb and the migrations cost ~10 s of CPU and ~800 MB; a copy, a blink.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LOCK_FILE } from "./data-folder-lock.ts";
import { MIGRATIONS_FOLDER } from "./migrations-folder.ts";
import { copyFileSparse, copyTreeSparse } from "./sparse-copy.ts";

/** The same path from src/store and from dist/store: the seed is built into dist/, beside the code. */
export const SEED_DIR = fileURLToPath(new URL("../../dist/seed", import.meta.url));
export const MANIFEST = "manifest.json";
export const PGDATA = "pgdata";
/** Bump when what goes into a seed changes in a way the manifest below would not notice. */
const SEED_FORMAT = 1;

export interface SeedManifest {
  format: number;
  /** A data folder is only readable by the PGlite (PostgreSQL major version) that wrote it. */
  pglite: string;
  /** Every migration's SQL and the journal: a seed from other migrations is never used. */
  migrations: string;
}

/** What a seed must match to be copied: this build's PGlite and migrations. */
export function currentManifest(migrationsFolder = MIGRATIONS_FOLDER): SeedManifest {
  const hash = createHash("sha256");
  const journal = join(migrationsFolder, "meta", "_journal.json");
  hash.update(readFileSync(journal));
  for (const name of readdirSync(migrationsFolder)
    .filter((n) => n.endsWith(".sql"))
    .sort()) {
    hash
      .update(name)
      .update("\0")
      .update(readFileSync(join(migrationsFolder, name)));
  }
  return { format: SEED_FORMAT, pglite: pgliteVersion(), migrations: hash.digest("hex") };
}

function pgliteVersion(): string {
  // The package exports no package.json; it sits one folder above the resolved entry (dist/index.js).
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const pkg = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

function readManifest(seedDir: string): SeedManifest | undefined {
  try {
    return JSON.parse(readFileSync(join(seedDir, MANIFEST), "utf8")) as SeedManifest;
  } catch {
    return undefined;
  }
}

const sameManifest = (a: SeedManifest, b: SeedManifest) =>
  a.format === b.format && a.pglite === b.pglite && a.migrations === b.migrations;

/**
 * Copies the seed into dir when dir holds nothing but its lock and the seed matches this build; returns
 * whether it did. Anything else (no seed, a stale one, a failed copy) leaves dir as it was, so PGlite
 * creates the database the slow way and the migrations run as before.
 */
export function seedDataFolder(dir: string, seedDir = SEED_DIR): boolean {
  if (readdirSync(dir).some((name) => name !== LOCK_FILE)) return false;
  const manifest = readManifest(seedDir);
  const source = join(seedDir, PGDATA);
  if (!manifest || !existsSync(join(source, "PG_VERSION"))) return false;
  if (!sameManifest(manifest, currentManifest())) return false;
  const entries = readdirSync(source);
  try {
    // PG_VERSION last: until it is there PGlite sees no database, so a copy cut short is never opened.
    for (const name of [...entries.filter((n) => n !== "PG_VERSION"), "PG_VERSION"]) {
      // Sparse: the seed's WAL segment is a hole but for its last checkpoint (build-seed.ts).
      const from = join(source, name);
      if (statSync(from).isDirectory()) copyTreeSparse(from, join(dir, name));
      else copyFileSparse(from, join(dir, name));
    }
    return true;
  } catch {
    for (const name of entries) rmSync(join(dir, name), { recursive: true, force: true });
    return false;
  }
}

// Builds the snapshots every test database is copied from (test/helpers/build-snapshots.ts, in a plain
// Node process), hands their names to the workers and removes them at the end. PGlite snapshots are kept
// in node_modules/.cache between runs, keyed by everything they are built from, so running one test file
// again does not rebuild them.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import type { Templates } from "./pg-url.ts";

declare module "vitest" {
  export interface ProvidedContext {
    templates: Templates;
  }
}

const ROOT = join(import.meta.dirname, "..", "..");
const SCRIPT = join(import.meta.dirname, "build-snapshots.ts");
const CACHE = join(ROOT, "node_modules", ".cache", "quorum-test-snapshots");

export async function setup(project: TestProject) {
  const server = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined;
  if (server) {
    const templates = await build(tmpdir(), server);
    project.provide("templates", templates);
    return () => dropTemplates(server, templates);
  }
  project.provide("templates", await cachedPgliteSnapshots());
}

async function build(dir: string, server?: string): Promise<Templates> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", SCRIPT, dir, ...(server ? [server] : [])],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout) as Templates;
}

async function cachedPgliteSnapshots(): Promise<Templates> {
  const dir = join(CACHE, snapshotKey());
  const templates = { migrated: join(dir, "migrated.tar"), demo: join(dir, "demo.tar") };
  if (existsSync(templates.migrated) && existsSync(templates.demo)) return templates;
  mkdirSync(CACHE, { recursive: true });
  const building = mkdtempSync(join(CACHE, "building-"));
  await build(building);
  // Older snapshots go; a run building the same one at the same time leaves an equal copy in place.
  for (const old of readdirSync(CACHE))
    if (!old.startsWith("building-")) rmSync(join(CACHE, old), { recursive: true, force: true });
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return templates;
}

/** A hash of what the snapshots are made from: migrations, demo data, source, these helpers, PGlite. */
function snapshotKey(): string {
  const hash = createHash("sha256");
  const inputs = [
    "db",
    "src",
    "test/helpers/build-snapshots.ts",
    "test/helpers/demo-clock.ts",
    "test/helpers/pg-url.ts",
    "node_modules/@electric-sql/pglite/package.json",
  ];
  const files = inputs.flatMap((p) => listFiles(join(ROOT, p)));
  for (const file of files.sort()) hash.update(relative(ROOT, file)).update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => listFiles(join(path, name)));
}

async function dropTemplates(server: string, templates: Templates) {
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  for (const name of [templates.demo, templates.migrated]) {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  }
  await admin.end();
}

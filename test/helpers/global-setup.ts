// Builds the snapshots every test database is copied from, once per run (test/helpers/build-snapshots.ts,
// in a plain Node process), hands their names to the workers and removes them at the end.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import type { Templates } from "./pg-url.ts";

declare module "vitest" {
  export interface ProvidedContext {
    templates: Templates;
  }
}

const SCRIPT = join(import.meta.dirname, "build-snapshots.ts");

export async function setup(project: TestProject) {
  const server = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined;
  const dir = mkdtempSync(join(tmpdir(), "quorum-test-"));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", SCRIPT, dir, ...(server ? [server] : [])],
    { maxBuffer: 1 << 20 },
  );
  const templates = JSON.parse(stdout) as Templates;
  project.provide("templates", templates);
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (!server) return;
    const admin = postgres(server, { max: 1, onnotice: () => {} });
    for (const name of [templates.demo, templates.migrated]) {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    }
    await admin.end();
  };
}

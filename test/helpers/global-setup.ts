// Builds one migrated PGlite snapshot per run; each test file starts from a copy of it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import type { TestProject } from "vitest/node";
import { runMigrations } from "../../src/store/migrate.ts";
import type { Db } from "../../src/store/open-database.ts";
import * as schema from "../../src/store/schema.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export async function setup(project: TestProject) {
  // On PostgreSQL each file creates its own database; the snapshot is only for PGlite.
  if (process.env.DATABASE_URL?.startsWith("postgres")) {
    project.provide("pgliteTemplate", "");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "quorum-test-"));
  const client = await PGlite.create({ extensions: { pg_trgm } });
  const db = drizzle({ client, schema }) as unknown as Db;
  await runMigrations({ db, kind: "pglite", withLock: (_k, fn) => fn(), close: () => client.close() });
  const dump = await client.dumpDataDir("none");
  await client.close();
  const file = join(dir, "template.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  return () => rmSync(dir, { recursive: true, force: true });
}

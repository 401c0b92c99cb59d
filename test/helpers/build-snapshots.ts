// Builds the run's two database snapshots (see global-setup.ts) in a plain Node process, where the
// dependencies load as they do in production; prints them as JSON on stdout.
// Usage: node --import tsx test/helpers/build-snapshots.ts <dir for PGlite dumps> [postgres server url]
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import postgres from "postgres";
import { loadDemo } from "../../src/demo/load-demo.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { runMigrations } from "../../src/store/migrate.ts";
import { type Database, type Db, openDatabase } from "../../src/store/open-database.ts";
import { NOW } from "./demo-clock.ts";
import { type Templates, withDatabase } from "./pg-url.ts";

const demoClock = { now: () => NOW };

/**
 * Each test loads one of these into a new PGlite, so they are kept small: 1 MB WAL segments instead of 16,
 * and no template0/template1 (nothing creates databases in PGlite). That halves the cost of a fresh database.
 */
async function pgliteSnapshots(dir: string): Promise<Templates> {
  const client = await PGlite.create({ extensions: { pg_trgm }, initDbStartParams: ["--wal-segsize=1"] });
  const database: Database = {
    db: drizzle({ client }) as unknown as Db,
    kind: "pglite",
    withLock: (_k, fn) => fn(),
    close: () => client.close(),
  };
  const dump = async (name: string) => {
    const file = join(dir, name);
    writeFileSync(file, Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer()));
    return file;
  };
  try {
    for (const template of ["template0", "template1"]) {
      await client.query(`alter database ${template} is_template false`);
      await client.query(`drop database ${template}`);
    }
    await runMigrations(database);
    await client.query("checkpoint");
    const migrated = await dump("migrated.tar");
    await loadDemo(createStore(database.db), demoClock);
    await client.query("checkpoint");
    return { migrated, demo: await dump("demo.tar") };
  } finally {
    await client.close();
  }
}

/**
 * Two template databases for this run. Copying one costs a fraction of running the migrations, but only
 * while nobody is connected to it, so connections to them are closed and then refused.
 */
async function postgresTemplates(server: string): Promise<Templates> {
  const run = randomBytes(4).toString("hex");
  const templates = { migrated: `quorum_tpl_${run}`, demo: `quorum_tpl_${run}_demo` };
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${templates.migrated}`);
    const migrated = await openDatabase(withDatabase(server, templates.migrated));
    await runMigrations(migrated).finally(() => migrated.close());
    await admin.unsafe(`create database ${templates.demo} template ${templates.migrated}`);
    const demo = await openDatabase(withDatabase(server, templates.demo));
    await loadDemo(createStore(demo.db), demoClock).finally(() => demo.close());
    for (const name of Object.values(templates)) {
      await admin.unsafe(`alter database ${name} with allow_connections false`);
    }
    return templates;
  } catch (err) {
    for (const name of Object.values(templates)) {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    }
    throw err;
  } finally {
    await admin.end();
  }
}

const [dir = "", server] = process.argv.slice(2);
const templates = server ? await postgresTemplates(server) : await pgliteSnapshots(dir);
process.stdout.write(JSON.stringify(templates));

// A throwaway PostgreSQL database for a benchmark, or a printed note when no server is reachable.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type Database, openDatabase } from "../src/store/open-database.ts";

export const BENCH_PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export async function scratchPostgres(fn: (url: string) => Promise<void>): Promise<void> {
  const admin = postgres(BENCH_PG_URL, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  const name = `quorum_bench_${randomBytes(4).toString("hex")}`;
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (err) {
    console.log(`PostgreSQL skipped: ${BENCH_PG_URL} is not reachable (${(err as Error).message}).`);
    await admin.end();
    return;
  }
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${name}`;
  try {
    await fn(url.toString());
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Runs a bench once on an in-memory PGlite and once on a scratch PostgreSQL database, closing each. */
export async function onEachDatabase(
  bench: (label: string, database: Database) => Promise<void>,
): Promise<void> {
  const pglite = await openDatabase("memory://");
  try {
    await bench("PGlite", pglite);
  } finally {
    await pglite.close();
  }
  await scratchPostgres(async (url) => {
    const pg = await openDatabase(url);
    try {
      await bench("PostgreSQL", pg);
    } finally {
      await pg.close();
    }
  });
}

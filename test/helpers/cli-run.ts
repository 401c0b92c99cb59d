// Runs the quorum command line in-process against a database of its own, the way main.ts does.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, type Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { runCli } from "../../src/cli/run-cli.ts";
import { loadConfig } from "../../src/config.ts";
import type { Repos } from "../../src/core/ports.ts";
import { createLogger } from "../../src/log.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { openDatabase } from "../../src/store/open-database.ts";
import { openTestDatabase } from "./test-db.ts";

export interface CliDatabase {
  url: string;
  /** The quorum command with this database (and any extra environment). */
  run(
    args: string[],
    opts?: { stdin?: Readable; env?: Record<string, string>; cwd?: string },
  ): Promise<CliResult>;
  /** Reads through the store once the command has closed the database (PGlite has one writer). */
  read<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  /** Rows of a raw SQL query, the same way on both drivers. */
  rows<T>(query: string): Promise<T[]>;
  close(): Promise<void>;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** On PostgreSQL a fresh database beside DATABASE_URL; on PGlite a data folder of its own. */
export async function freshCliDatabase(): Promise<CliDatabase> {
  const server = process.env.DATABASE_URL?.startsWith("postgres") ? await openTestDatabase() : undefined;
  const dir = server ? undefined : mkdtempSync(join(tmpdir(), "quorum-cli-db-"));
  const url = server?.url ?? pathToFileURL(join(dir ?? "", "data")).href;
  return {
    url,
    async run(args, opts = {}) {
      const [stdout, stderr] = [new PassThrough(), new PassThrough()];
      let out = "";
      let err = "";
      stdout.on("data", (d) => (out += d));
      stderr.on("data", (d) => (err += d));
      const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent", ...opts.env });
      const stdin = opts.stdin ?? new PassThrough().end();
      const io = { stdin, stdout, stderr, ...(opts.cwd ? { cwd: opts.cwd } : {}) };
      const code = await runCli(args, config, io, createLogger("silent"));
      return { code, stdout: out, stderr: err };
    },
    async read(fn) {
      const database = await openDatabase(url);
      try {
        return await createStore(database.db).transaction(fn);
      } finally {
        await database.close();
      }
    },
    async rows<T>(query: string) {
      const database = await openDatabase(url);
      try {
        const r = (await database.db.execute(sql.raw(query))) as unknown as { rows?: T[] } | T[];
        return Array.isArray(r) ? r : (r.rows ?? []);
      } finally {
        await database.close();
      }
    },
    async close() {
      await server?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A stdin that says it is a terminal, holding the typed lines. */
export function fakeTty(typed: string): Readable & { isTTY: boolean } {
  return Object.assign(new PassThrough().end(typed), { isTTY: true });
}

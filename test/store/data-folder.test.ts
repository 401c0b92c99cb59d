// The PGlite data folder is owner-only: new files under a permissive umask, and an existing open tree tightened.
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import { appFromDatabase } from "../../src/app.ts";
import { loadDemo } from "../../src/demo/load-demo.ts";
import { createLogger } from "../../src/log.ts";
import { runMigrations } from "../../src/store/migrate.ts";
import { openDatabase } from "../../src/store/open-database.ts";

let root: string;
let dataDir: string;
let umaskBefore: number;

/** Every entry under dir (itself included) with its permission bits. */
function modes(dir: string): { path: string; dir: boolean; mode: number }[] {
  const out: { path: string; dir: boolean; mode: number }[] = [];
  const visit = (path: string) => {
    const s = lstatSync(path);
    out.push({ path, dir: s.isDirectory(), mode: s.mode & 0o777 });
    if (s.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return out;
}

beforeAll(async () => {
  // A permissive umask, as on most servers: without Quorum's care PGlite's files would be 0644 or 0666.
  umaskBefore = process.umask(0o022);
  root = mkdtempSync(join(tmpdir(), "quorum-perm-"));
  dataDir = join(root, "data");
  const database = await openDatabase(pathToFileURL(dataDir).href);
  await runMigrations(database);
  const app = appFromDatabase(database, { logger: createLogger("silent") });
  await loadDemo(app.store, app.clock);
  await app.quorum.handle(shellEvent("jo", 'action add "Written after open" due:friday'));
  await database.close();
});

afterAll(() => {
  process.umask(umaskBefore);
  rmSync(root, { recursive: true, force: true });
});

it.skipIf(process.platform === "win32")(
  "a new data folder opened under umask 022 has only 0700 folders and 0600 files, after writes",
  () => {
    const all = modes(dataDir);
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((e) => e.dir && e.mode !== 0o700)).toEqual([]);
    expect(all.filter((e) => !e.dir && e.mode !== 0o600)).toEqual([]);
  },
);

it.skipIf(process.platform === "win32")(
  "an existing world-readable folder is tightened at open, with one log line giving the count",
  async () => {
    const entries = modes(dataDir);
    for (const e of entries) chmodSync(e.path, e.dir ? 0o777 : 0o666);
    const warnings: { fields: unknown; msg: string }[] = [];
    const logger = { warn: (fields: unknown, msg: string) => warnings.push({ fields, msg }) };
    const database = await openDatabase(pathToFileURL(dataDir).href, { logger });
    await database.close();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.fields).toMatchObject({ fixed: entries.length });
    expect(warnings[0]?.msg).toContain(`Made ${entries.length} files and folders`);
    const after = modes(dataDir);
    expect(after.filter((e) => e.dir && e.mode !== 0o700)).toEqual([]);
    expect(after.filter((e) => !e.dir && e.mode !== 0o600)).toEqual([]);
  },
  120_000,
);

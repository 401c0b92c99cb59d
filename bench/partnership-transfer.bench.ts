// quorum export/import partnership on the digest bench's data set (the demo plus 100 groups, 100,000
// actions, 10,000 meetings and 1,000 channel links): export, file write, read and validation, import.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { runMigrations } from "../src/store/migrate.ts";
import { openDatabase } from "../src/store/open-database.ts";
import {
  exportPartnership,
  importPartnership,
  serialiseFile,
  validateFile,
} from "../src/store/partnership-transfer/index.ts";
import { seed } from "./digests.bench.ts";
import { scratchPostgres } from "./scratch-postgres.ts";
import { recordFigure } from "./stats.ts";

async function transferBench(label: string, sourceUrl: string, targetUrl: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "quorum-transfer-bench-"));
  const path = join(dir, "partnership.json");
  try {
    const source = await openDatabase(sourceUrl);
    let exportMs = 0;
    let rows = 0;
    try {
      await seed(source);
      const t0 = performance.now();
      const file = await exportPartnership(source.db, 1);
      writeFileSync(path, serialiseFile(file));
      exportMs = performance.now() - t0;
      rows = Object.values(file.tables).reduce((n, r) => n + r.length, 0);
    } finally {
      await source.close();
    }
    const target = await openDatabase(targetUrl);
    try {
      await runMigrations(target);
      const t0 = performance.now();
      const file = validateFile(JSON.parse(readFileSync(path, "utf8")));
      const readMs = performance.now() - t0;
      await importPartnership(target.db, file);
      const importMs = performance.now() - t0;
      const mb = statSync(path).size / 1e6;
      recordFigure(`${label} export partnership`, exportMs, "ms");
      recordFigure(`${label} import partnership`, importMs, "ms");
      console.log(
        `${label.padEnd(11)} export partnership (${rows} rows, ${mb.toFixed(1)} MB file): ${exportMs.toFixed(0).padStart(6)} ms | import partnership: ${importMs.toFixed(0).padStart(6)} ms (reading and validating the file ${readMs.toFixed(0)} ms, then one transaction)`,
      );
    } finally {
      await target.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  await transferBench("PGlite", "memory://", "memory://");
  await scratchPostgres((from) => scratchPostgres((to) => transferBench("PostgreSQL", from, to)));
}

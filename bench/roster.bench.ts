// Roster import: a generated 5,000-person CSV through the real reader, planner and writer, on PGlite and
// PostgreSQL; prints the time and SQL statements of the first import and of a re-import (all unchanged).
import { performance } from "node:perf_hooks";
import { contextFor } from "../src/core/context.ts";
import { planRoster, readSheet } from "../src/core/directory/roster.ts";
import { applyRoster, loadDirectory } from "../src/core/directory/roster-apply.ts";
import { setUpPartnership } from "../src/core/directory/setup.ts";
import { readCsv } from "../src/roster-file.ts";
import { createStore } from "../src/store/drizzle-store.ts";
import { runMigrations } from "../src/store/migrate.ts";
import { type Database, openDatabase } from "../src/store/open-database.ts";
import { scratchPostgres } from "./scratch-postgres.ts";
import { recordFigure, sized } from "./stats.ts";

const PEOPLE = sized(5000, 20);

function rosterCsv(): Buffer {
  const lines = ["name,email,org,org_name,role,groups"];
  for (let i = 0; i < PEOPLE; i++)
    lines.push(
      `"Person ${i}, Bench",person${i}@org${i % 40}.gov.uk,ORG${i % 40},Organisation ${i % 40},${i % 50 === 0 ? "admin" : "member"},g${i % 12};g${(i + 5) % 12}`,
    );
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`);
}

async function benchOn(label: string, open: (onQuery: () => void) => Promise<Database>): Promise<void> {
  let statements = 0;
  const database = await open(() => statements++);
  try {
    await runMigrations(database);
    const store = createStore(database.db);
    const { partnership, admin } = await store.transaction((r) =>
      setUpPartnership(r, {
        name: "Bench",
        slug: "bench",
        timeZone: "Europe/London",
        adminName: "Ada",
        adminEmail: "ada@bench.org",
        adminHandle: "ada",
      }),
    );
    const bytes = rosterCsv();
    const once = async (what: string) => {
      statements = 0;
      const t0 = performance.now();
      const counts = await store.transaction(async (repos) => {
        const { entries } = readSheet(readCsv(bytes));
        const plan = planRoster(entries, await loadDirectory(repos, partnership.id, entries));
        const ctx = contextFor(repos, partnership, admin, new Date(), {
          platform: "shell",
          tenant: partnership.slug,
          conversation: { id: "bench", kind: "direct" },
        });
        return applyRoster(ctx, plan, "bench.csv");
      });
      const ms = performance.now() - t0;
      recordFigure(`${label} ${what} ${PEOPLE} rows`, ms, "ms");
      recordFigure(`${label} ${what} ${PEOPLE} rows, statements`, statements, "statements");
      console.log(
        `${label.padEnd(11)} ${what.padEnd(9)} ${PEOPLE} rows: ${ms.toFixed(0).padStart(6)} ms, ${String(statements).padStart(6)} SQL statements (${counts.added} added, ${counts.unchanged} unchanged)`,
      );
    };
    await once("import");
    await once("re-import");
  } finally {
    await database.close();
  }
}

export async function run(): Promise<void> {
  await benchOn("PGlite", (onQuery) => openDatabase("memory://", { onQuery }));
  await scratchPostgres((url) => benchOn("PostgreSQL", (onQuery) => openDatabase(url, { onQuery })));
}

// The matters-arising paper (.docx) and the CSV export for a group with 5,000 actions: time and peak memory,
// through the whole core and renderer, on PGlite and on PostgreSQL.
import { shellEvent } from "../src/adapters/shell/shell-adapter.ts";
import { createQuorum } from "../src/core/quorum.ts";
import { loadDemo } from "../src/demo/load-demo.ts";
import { renderDocument } from "../src/documents/render-document.ts";
import { createStore } from "../src/store/drizzle-store.ts";
import { runMigrations } from "../src/store/migrate.ts";
import type { Database } from "../src/store/open-database.ts";
import { actions, actionUpdates, groups, people } from "../src/store/schema.ts";
import { onEachDatabase } from "./scratch-postgres.ts";
import { measure, recordFigure, sized } from "./stats.ts";

const ACTIONS = sized(5000, 50);
const RUNS = 5;

/** 5,000 actions on the Essex Partners Board from its October meeting, a note on each, a third closed. */
async function seed(database: Database): Promise<void> {
  const db = database.db;
  const [board] = await db.select().from(groups).limit(1);
  const owners = await db.select().from(people);
  if (!board || !owners.length) throw new Error("demo not loaded");
  for (let i = 0; i < ACTIONS; i += 500) {
    const batch = Array.from({ length: Math.min(500, ACTIONS - i) }, (_, j) => {
      const n = i + j;
      const owner = owners[n % owners.length];
      return {
        partnershipId: board.partnershipId,
        number: 10_000 + n,
        title: `Bench action ${n}: review the winter plan with partners and report back`,
        ownerId: owner?.id ?? 1,
        organisationId: owner?.organisationId ?? null,
        groupId: board.id,
        meetingId: 1,
        meetingDate: "2026-10-22",
        dueOn: n % 4 === 0 ? "2026-11-01" : "2027-03-31",
        status: n % 3 === 0 ? "done" : "open",
        closedAt: n % 3 === 0 ? new Date("2026-11-15T12:00:00Z") : null,
        createdBy: owner?.id ?? 1,
      };
    });
    const rows = await db.insert(actions).values(batch).returning({ id: actions.id });
    await db
      .insert(actionUpdates)
      .values(rows.map((r) => ({ actionId: r.id, kind: "note", text: "Progress noted" })));
  }
}

/** Time of each run, and the highest resident memory seen while the runs went on. */
async function timed(label: string, fn: () => Promise<number>): Promise<void> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  let bytes = 0;
  const s = await measure(RUNS, async () => (bytes = await fn()), 1);
  clearInterval(timer);
  const mb = (v: number) => (v / 1024 / 1024).toFixed(0);
  recordFigure(`${label} p50`, s.p50, "ms");
  recordFigure(`${label} peak RSS`, peak / 1024 / 1024, "MiB");
  console.log(
    `${label.padEnd(44)} p50 ${s.p50.toFixed(0).padStart(6)} ms  max ${s.p99.toFixed(0).padStart(6)} ms | file ${(bytes / 1024).toFixed(0)} KiB | peak RSS ${mb(peak)} MiB (+${mb(peak - base)} MiB) (n=${s.n})`,
  );
}

async function benchOn(label: string, database: Database): Promise<void> {
  await runMigrations(database);
  const store = createStore(database.db);
  const clock = { now: () => new Date("2026-11-23T09:30:00Z") };
  await loadDemo(store, clock);
  await seed(database);
  const quorum = createQuorum({ store, clock });
  const file = async (line: string) => {
    const reply = await quorum.handle(shellEvent("jo", line));
    if (!reply.attachment) throw new Error(`no file: ${reply.title}`);
    return (await renderDocument(reply.attachment.document)).bytes.length;
  };
  await timed(`${label}: meeting papers (.docx, ${ACTIONS} actions)`, () =>
    file("meeting papers M-1 format:docx"),
  );
  await timed(`${label}: meeting papers (.html)`, () => file("meeting papers M-1 format:html"));
  await timed(`${label}: action export (.csv)`, () => file("action export format:csv"));
}

export const run = (): Promise<void> => onEachDatabase(benchOn);

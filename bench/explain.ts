// Query plans for benches: EXPLAIN (ANALYZE on PostgreSQL) of the statements a command sent, with any
// sequential scan of a large table flagged, so a missing index shows in the bench output.
import { readFileSync } from "node:fs";
import type { Database } from "../src/store/open-database.ts";

export interface Captured {
  query: string;
  params: unknown[];
}

/** The driver under drizzle: PGlite's query(text, params) or postgres.js's unsafe(text, params). */
type Client = {
  query?: (text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  unsafe?: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
};

/** Rows of a raw statement on either driver (drizzle keeps its client as $client). */
export async function rawRows(database: Database, text: string, params: unknown[] = []) {
  const client = (database.db as unknown as { $client: Client }).$client;
  if (database.kind === "pglite" && client.query) return (await client.query(text, params)).rows;
  if (client.unsafe) return [...(await client.unsafe(text, params as never[]))];
  throw new Error("unknown database client");
}

/** CPU seconds each backend of this database has used so far, by pid (Linux /proc, same machine). */
export async function backendTicks(database: Database): Promise<Map<number, number>> {
  const pids = await rawRows(database, "select pid from pg_stat_activity where datname = current_database()");
  const out = new Map<number, number>();
  for (const { pid } of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      out.set(Number(pid), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // Not on this machine, or gone: counted as nothing.
    }
  }
  return out;
}

/**
 * CPU seconds the database's backends used since `before` (pool connections come and go: each is
 * counted from its own start, and one that closed meanwhile is missed, so this is a lower bound).
 */
export async function backendCpu(database: Database, before = new Map<number, number>()): Promise<number> {
  let used = 0;
  for (const [pid, s] of await backendTicks(database)) used += s - (before.get(pid) ?? 0);
  return used;
}

/** Only reads are explained: EXPLAIN ANALYZE runs its statement, and a write would change the data. */
const isRead = (q: string) => /^\s*(select|with)\b/i.test(q) && !/\bfor update\b/i.test(q);

export interface PlanReport {
  query: string;
  plan: string[];
  /** Plan lines that read a large table from end to end. */
  scans: string[];
}

/**
 * One plan per distinct read statement. `large` names the tables big enough that reading them whole is
 * a defect (at this size); on PostgreSQL the plan is EXPLAIN ANALYZE, on PGlite plain EXPLAIN.
 */
export async function explainAll(
  database: Database,
  statements: Captured[],
  large: Set<string>,
): Promise<PlanReport[]> {
  const seen = new Set<string>();
  const out: PlanReport[] = [];
  for (const s of statements) {
    if (!isRead(s.query) || seen.has(s.query)) continue;
    seen.add(s.query);
    const how =
      database.kind === "postgres" ? "explain (analyze, costs off, timing on)" : "explain (costs off)";
    const rows = await rawRows(database, `${how} ${s.query}`, s.params);
    const plan = rows.map((r) => String(Object.values(r)[0]));
    const scans = plan.filter((line) => {
      const m = /Seq Scan on (\w+)/.exec(line);
      return m?.[1] !== undefined && large.has(m[1]);
    });
    out.push({ query: s.query, plan, scans });
  }
  return out;
}

/** Prints each plan under its statement (shortened), with scans of large tables marked. */
export function printPlans(title: string, reports: PlanReport[], full: boolean): void {
  const flagged = reports.filter((r) => r.scans.length > 0).length;
  console.log(`  plans of ${title}: ${reports.length} reads, ${flagged} with a Seq Scan on a large table`);
  for (const r of reports) {
    if (!full && r.scans.length === 0) continue;
    console.log(`    -- ${r.query.replace(/\s+/g, " ").slice(0, 160)}${r.query.length > 160 ? " ..." : ""}`);
    for (const line of r.plan)
      console.log(`    ${r.scans.includes(line) ? "!! " : "   "}${line.replace(/\s+$/, "")}`);
  }
}

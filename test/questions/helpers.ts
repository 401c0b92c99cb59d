// Shared steps for the question tests: a context for service calls, fixture import, outbox and audit reads.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Context } from "../../src/core/context.ts";
import type { Repos } from "../../src/core/ports.ts";
import { importFaq } from "../../src/core/questions/faq-import.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import type { Harness } from "../helpers/harness.ts";

export const FIXTURE = fileURLToPath(new URL("./fixtures/council-faq.md", import.meta.url));
export const fixtureText = () => readFileSync(FIXTURE, "utf8");

/** Runs fn in one transaction as a demo person, the way a command would. */
export async function asPerson<T>(h: Harness, handle: string, fn: (ctx: Context) => Promise<T>): Promise<T> {
  return createStore(h.database.db).transaction(async (repos: Repos) => {
    const partnership = await repos.partnerships.bySlug("demo");
    if (!partnership) throw new Error("demo partnership missing");
    const actor = await repos.people.byHandle(partnership.id, handle);
    if (!actor) throw new Error(`no demo person ${handle}`);
    return fn({
      repos,
      now: h.clock.now(),
      partnership,
      actor,
      platform: "shell",
      tenant: "local",
      conversation: { id: `shell:${handle}`, kind: "direct" },
    });
  });
}

export const importFixture = (h: Harness, topic: string | null = "community-budgets") =>
  asPerson(h, "jo", async (ctx) =>
    importFaq(
      ctx,
      fixtureText(),
      "council-faq.md",
      topic ? await ctx.repos.topics.bySlug(ctx.partnership.id, topic) : null,
    ),
  );

async function rows<T>(h: Harness, query: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await h.database.db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}

export interface OutboxRow {
  kind: string;
  dedupe_key: string;
  target: { id: string; platform: string; kind: string };
  payload: { text: string };
}

export const outboxRows = (h: Harness) =>
  rows<OutboxRow>(h, sql`select kind, dedupe_key, target, payload from outbox order by id`);

export const auditVerbs = (h: Harness) =>
  rows<{ verb: string; subject: string }>(
    h,
    sql`select verb, subject from audit_events where verb <> 'demo.load' order by id`,
  );

export const count = async (h: Harness, table: "enquiries" | "faq_entries" | "outbox" | "topics") =>
  Number(
    (await rows<{ n: number }>(h, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]?.n ?? 0,
  );

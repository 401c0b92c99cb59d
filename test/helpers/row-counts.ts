// Rows in every table an inbound activity could write to, so a test can show a refused one wrote nothing.
import { count } from "drizzle-orm";
import type { Db } from "../../src/store/open-database.ts";
import * as schema from "../../src/store/schema.ts";

const TABLES = {
  installations: schema.installations,
  people: schema.people,
  identities: schema.identities,
  channelLinks: schema.channelLinks,
  processedEvents: schema.processedEvents,
  auditEvents: schema.auditEvents,
  outbox: schema.outbox,
  workspaceRequests: schema.workspaceRequests,
};

export type RowCounts = Record<keyof typeof TABLES, number>;

export async function rowCounts(db: Db): Promise<RowCounts> {
  const out = {} as RowCounts;
  for (const [name, table] of Object.entries(TABLES)) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name as keyof typeof TABLES] = row?.n ?? -1;
  }
  return out;
}

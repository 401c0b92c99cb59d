// Which tables a partnership owns, how to find its rows in each, and in what order they are written back.
import { type SQL, sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import * as schema from "../schema.ts";

/**
 * How a table's rows belong to one partnership: `self` is the partnerships row, `partnership` a
 * partnership_id column, `via` a parent transferred earlier, `where` a condition of its own.
 */
export type Scope =
  | { kind: "self" }
  | { kind: "partnership" }
  | { kind: "via"; column: string; parent: PgTable }
  | { kind: "where"; where: (p: { id: number; slug: string }) => SQL };

export interface TransferTable {
  table: PgTable;
  scope: Scope;
}

/** In insertion order: every table comes after the tables its foreign keys point at. */
export const TRANSFERRED: TransferTable[] = [
  { table: schema.partnerships, scope: { kind: "self" } },
  { table: schema.installations, scope: { kind: "partnership" } },
  // Workspaces waiting for this partnership's admins (those naming no partnership stay with the operator).
  { table: schema.workspaceRequests, scope: { kind: "partnership" } },
  { table: schema.organisations, scope: { kind: "partnership" } },
  { table: schema.people, scope: { kind: "partnership" } },
  { table: schema.identities, scope: { kind: "via", column: "person_id", parent: schema.people } },
  // "link me" codes (hashed, minutes long) and who redeemed them: the audit of a link goes with it.
  { table: schema.identityLinks, scope: { kind: "partnership" } },
  { table: schema.groups, scope: { kind: "partnership" } },
  { table: schema.groupMembers, scope: { kind: "via", column: "group_id", parent: schema.groups } },
  // Where people chose to be reached, and which groups' digests are emailed.
  { table: schema.notifyChoices, scope: { kind: "via", column: "person_id", parent: schema.people } },
  { table: schema.groupEmailDigests, scope: { kind: "via", column: "group_id", parent: schema.groups } },
  { table: schema.channelLinks, scope: { kind: "partnership" } },
  { table: schema.meetings, scope: { kind: "partnership" } },
  { table: schema.actions, scope: { kind: "partnership" } },
  { table: schema.actionUpdates, scope: { kind: "via", column: "action_id", parent: schema.actions } },
  // A meeting occurrence's agenda, apologies, decisions and papers link (they point at meetings and people).
  { table: schema.agendaItems, scope: { kind: "partnership" } },
  { table: schema.apologies, scope: { kind: "partnership" } },
  { table: schema.decisions, scope: { kind: "partnership" } },
  { table: schema.papersLinks, scope: { kind: "partnership" } },
  { table: schema.topics, scope: { kind: "partnership" } },
  { table: schema.faqEntries, scope: { kind: "partnership" } },
  {
    table: schema.faqProvisionalPhrasings,
    scope: { kind: "via", column: "entry_id", parent: schema.faqEntries },
  },
  { table: schema.faqSynonyms, scope: { kind: "partnership" } },
  { table: schema.enquiries, scope: { kind: "partnership" } },
  // Each "Ask a person" after an FAQ answer: the entry's unhelpful count and its contact's weekly note.
  { table: schema.faqUnhelpful, scope: { kind: "partnership" } },
  // A question someone is still deciding whether to send to a person.
  { table: schema.enquiryDrafts, scope: { kind: "partnership" } },
  // Actions read from minutes, waiting for Create all: a move must not lose a preview someone is checking.
  { table: schema.minutesPreviews, scope: { kind: "partnership" } },
  { table: schema.auditEvents, scope: { kind: "partnership" } },
  { table: schema.schedules, scope: { kind: "partnership" } },
  // Download links (24 hours by default) keep working after a move.
  { table: schema.sharedFiles, scope: { kind: "partnership" } },
  // A group's shared web page keeps its address after a move, as people outside chat have bookmarked it.
  { table: schema.groupViewLinks, scope: { kind: "partnership" } },
  // Members' calendar subscriptions keep working after a move, as download links do.
  { table: schema.calendarLinks, scope: { kind: "partnership" } },
  // Pending messages go with the partnership so a move loses none; sent ones keep their dedupe keys.
  { table: schema.outbox, scope: { kind: "partnership" } },
  // Installation-wide; only the choice that the command line opens this partnership goes with it.
  {
    table: schema.settings,
    scope: { kind: "where", where: (p) => sql`key = 'default_partnership' and value = ${p.slug}` },
  },
];

/** Tables left out on purpose, with why; a new table must be added here or above (a test checks). */
export const NOT_TRANSFERRED: Record<string, string> = {
  faq_lexemes: "derived: the faq_entries trigger rebuilds it as the entries are inserted",
  faq_question_words: "derived: the faq_entries trigger rebuilds it as the entries are inserted",
  faq_entry_counts: "derived: the faq_entries trigger rebuilds it as the entries are inserted",
  processed_events: "platform retry de-duplication, minutes long and not per partnership",
  target_pace: "send pacing per chat target, seconds long and shared by every partnership",
  rate_limits: "per-minute command counters, shared by every partnership",
  directory_version: "one counter the directory triggers bump so instances know their caches are current",
  slack_installations: "workspace tokens (sealed with this installation's key): secrets never leave",
};

export const tableName = (t: PgTable) => getTableConfig(t).name;

/** A table's columns as the file holds them: generated ones (the FAQ search vector) are left out. */
export const storedColumns = (t: PgTable) => getTableConfig(t).columns.filter((c) => !c.generated);

/** Primary-key columns, so rows are written in a stable order. */
export function keyColumns(t: PgTable): string[] {
  const config = getTableConfig(t);
  const single = config.columns.filter((c) => c.primary).map((c) => c.name);
  return single.length ? single : (config.primaryKeys[0]?.columns.map((c) => c.name) ?? []);
}

const quote = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

export { quote as ident };

/** The SQL condition selecting one partnership's rows of a table. */
export function scopeWhere(scope: Scope, p: { id: number; slug: string }): SQL {
  switch (scope.kind) {
    case "self":
      return sql`id = ${p.id}`;
    case "partnership":
      return sql`partnership_id = ${p.id}`;
    case "via":
      return sql`${quote(scope.column)} in (select id from ${quote(tableName(scope.parent))} where partnership_id = ${p.id})`;
    case "where":
      return scope.where(p);
  }
}

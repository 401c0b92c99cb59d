// The action view's statements (the list, one by number), built once per filter shape and reused: the hottest reads.
import {
  and,
  asc,
  type Column,
  eq,
  exists,
  getTableColumns,
  gte,
  ilike,
  inArray,
  lt,
  lte,
  or,
  type Placeholder,
  type Query,
  type SQL,
  sql,
} from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import type { ActionFilter } from "../../core/ports.ts";
import type { Db } from "../open-database.ts";
import { actions, actionUpdates, groups, organisations, people } from "../schema.ts";
import { type BuiltStatements, binder, runBuilt } from "./built-once.ts";

/** An action row and the names its view joins in, as the list returns them. */
export type ActionViewRow = typeof actions.$inferSelect & {
  ownerName: string;
  ownerHandle: string;
  orgCode: string | null;
  groupSlug: string | null;
};

/** What the list selects, in order: flat, so each row maps column by column. */
const VIEW_COLUMNS = {
  ...getTableColumns(actions),
  ownerName: people.name,
  ownerHandle: people.handle,
  orgCode: organisations.code,
  groupSlug: groups.slug,
};
const VIEW_ENTRIES = Object.entries(VIEW_COLUMNS) as [string, Column][];

/** A filter's values, or placeholders standing for them: one builder serves `count` and the cached list. */
export type WhereOf = {
  [K in keyof Omit<ActionFilter, "statuses" | "limit" | "offset" | "words">]: ActionFilter[K] | Placeholder;
} & {
  statuses: ReadonlyArray<string | Placeholder>;
  /** ILIKE patterns (likePattern of each word), not the words. */
  patterns?: ReadonlyArray<string | Placeholder>;
};

/** The filter's values for `filterWhere`, words as their ILIKE patterns. */
export function whereOf({ limit: _limit, offset: _offset, words, ...f }: ActionFilter): WhereOf {
  return { ...f, patterns: (words ?? []).map(likePattern) };
}

/** The filter as SQL; `select` builds the notes subquery (a database or a bare QueryBuilder). */
export function filterWhere(select: Pick<QueryBuilder, "select">, pid: number | Placeholder, f: WhereOf) {
  return and(
    eq(actions.partnershipId, pid),
    inArray(actions.status, f.statuses as string[]),
    f.ownerId === undefined ? undefined : eq(actions.ownerId, f.ownerId),
    f.groupId === undefined ? undefined : eq(actions.groupId, f.groupId),
    f.organisationId === undefined ? undefined : eq(actions.organisationId, f.organisationId),
    f.meetingId === undefined ? undefined : eq(actions.meetingId, f.meetingId),
    f.dueBefore === undefined ? undefined : lt(actions.dueOn, f.dueBefore),
    f.dueFrom === undefined ? undefined : gte(actions.dueOn, f.dueFrom),
    f.dueTo === undefined ? undefined : lte(actions.dueOn, f.dueTo),
    ...(f.patterns ?? []).map((p) => wordWhere(select, p)),
  );
}

/** ILIKE's wildcards and escape typed as text, so "50%" finds "50%" and not "50 anything". */
const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The word in the title or any note (progress notes, closing notes, drop reasons): trigram-indexed. */
function wordWhere(select: Pick<QueryBuilder, "select">, pattern: string | Placeholder) {
  return or(
    ilike(actions.title, pattern),
    exists(
      select
        .select({ one: sql`1` })
        .from(actionUpdates)
        .where(and(eq(actionUpdates.actionId, actions.id), ilike(actionUpdates.text, pattern))),
    ),
  );
}

/** The filter's shape: which conditions it has and how many values each takes; values aside. */
const OPTIONAL = [
  "ownerId",
  "groupId",
  "organisationId",
  "meetingId",
  "dueBefore",
  "dueFrom",
  "dueTo",
] as const;
const shapeOf = (f: ActionFilter) =>
  `${f.statuses.length}:${OPTIONAL.map((k) => (f[k] === undefined ? "-" : "+")).join("")}:${f.words?.length ?? 0}`;

/** A list filter bound: what buildList needs, and the values a run binds. */
function bindList(pid: number, f: ActionFilter) {
  const { bind, values } = binder();
  const where: WhereOf = {
    statuses: f.statuses.map((s, i) => bind(`s${i}`, s)),
    patterns: (f.words ?? []).map((w, i) => bind(`w${i}`, likePattern(w))),
  };
  for (const k of OPTIONAL) if (f[k] !== undefined) where[k] = bind(k, f[k]);
  const page = { limit: bind("limit", f.limit ?? 1000), offset: bind("offset", f.offset ?? 0) };
  return { pid: bind("pid", pid), where, page, values };
}

/** The view's select (the action and the names it joins in), for a filter of placeholders. */
function viewSelect(where: (qb: QueryBuilder) => SQL | undefined) {
  const qb = new QueryBuilder();
  return qb
    .select(VIEW_COLUMNS)
    .from(actions)
    .innerJoin(people, eq(people.id, actions.ownerId))
    .leftJoin(organisations, eq(organisations.id, actions.organisationId))
    .leftJoin(groups, eq(groups.id, actions.groupId))
    .where(where(qb));
}

/** The list's statement for a shape, its values left as placeholders (bound at each run). */
function buildList({ pid, where, page }: ReturnType<typeof bindList>): Query {
  return viewSelect((qb) => filterWhere(qb, pid, where))
    .orderBy(sql`${actions.dueOn} asc nulls last`, asc(actions.number))
    .limit(page.limit)
    .offset(page.offset)
    .toSQL();
}

/**
 * Every statement built so far, by shape: a handful in practice (the list commands' filters, and one
 * action by number), each a couple of kB. Words are the one open-ended part of a shape, and a command
 * line's length bounds how many a search can have.
 */
const statements: BuiltStatements = new Map();

/** A view statement, built on its shape's first use (built-once.ts): 0.1 to 0.3 ms of drizzle's work a run. */
const runView = (db: Db, shape: string, build: () => Query, values: Record<string, unknown>) =>
  runBuilt(db, statements, shape, build, values, toViewRow);

/** The actions matching the filter, a page of them, earliest due first (undated last). */
export function listActionRows(db: Db, pid: number, f: ActionFilter): Promise<ActionViewRow[]> {
  const bound = bindList(pid, f);
  return runView(db, `list:${shapeOf(f)}`, () => buildList(bound), bound.values);
}

/** One action by its number in the partnership (A-7 is 7), or undefined. */
export async function actionRowByNumber(db: Db, pid: number, n: number): Promise<ActionViewRow | undefined> {
  const { bind, values } = binder();
  const [partnership, number] = [bind("pid", pid), bind("n", n)];
  const build = () =>
    viewSelect(() => and(eq(actions.partnershipId, partnership), eq(actions.number, number))).toSQL();
  const [row] = await runView(db, "number", build, values);
  return row;
}

/** A row as the driver gave it (in select order) to the view's fields, each decoded as drizzle would. */
function toViewRow(row: unknown[]): ActionViewRow {
  const out: Record<string, unknown> = {};
  VIEW_ENTRIES.forEach(([key, column], i) => {
    const value = row[i];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  });
  return out as ActionViewRow;
}

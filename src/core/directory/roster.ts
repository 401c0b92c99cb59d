// Roster import rules: read a sheet's rows by header name, check each row, and plan the changes (pure).
import { QuorumError } from "../errors.ts";
import type { Group, Organisation, Person, Role } from "../types.ts";
import { checkEmail, checkGroupSlug, checkHandle, checkName, checkOrgCode, checkRole } from "./validate.ts";

export const ROSTER_COLUMNS = ["name", "email", "org", "handle", "org_name", "role", "groups", "chair_of"];
const REQUIRED = ["name", "email", "org"];

/** A sheet as the file reader found it: the header, then each row with the line (or row) it starts on. */
export interface RosterSheet {
  header: string[];
  rows: { line: number; cells: string[] }[];
}

export interface RowProblem {
  line: number;
  reason: string;
}

/** One row, checked: list fields are undefined when their column is absent (nothing to change). */
export interface RosterEntry {
  line: number;
  name: string;
  email: string;
  orgCode: string | null;
  orgName: string | null;
  handle: string | null;
  role: Role | null;
  groups: string[];
  chairOf: string[];
}

/** What the partnership holds now, loaded once so planning needs no per-row look-ups. */
export interface Directory {
  people: Person[];
  orgs: Organisation[];
  groups: Group[];
  /** Group id → ids of its members. */
  members: Map<number, Set<number>>;
  /** Codes and slugs the file names that belong to removed organisations or archived groups. */
  removedOrgCodes: Set<string>;
  archivedGroups: Set<string>;
}

export interface PersonPlan {
  line: number;
  kind: "add" | "update" | "unchanged";
  existing: Person | null;
  handle: string;
  name: string;
  email: string;
  orgCode: string | null;
  role: Role;
  activate: boolean;
  /** Human-readable changes, e.g. "role member → admin". */
  changes: string[];
  joins: string[];
  chairs: string[];
}

export interface RosterPlan {
  people: PersonPlan[];
  newOrgs: { code: string; name: string }[];
  newGroups: string[];
  problems: RowProblem[];
}

/** Maps header names (any order, any case) to columns; a missing required column refuses the file. */
export function readSheet(sheet: RosterSheet): {
  entries: RosterEntry[];
  problems: RowProblem[];
  ignored: string[];
} {
  const header = sheet.header.map((h) => h.trim().toLowerCase().replace(/\s+/g, "_"));
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length)
    throw new QuorumError(
      "bad_argument",
      `The first row must name the columns; missing: ${missing.join(", ")}. Columns: ${ROSTER_COLUMNS.join(", ")}.`,
    );
  const twice = header.filter((h, i) => h && header.indexOf(h) !== i);
  if (twice.length) throw new QuorumError("bad_argument", `Column named twice: ${twice.join(", ")}.`);
  const ignored = sheet.header.filter((_, i) => !ROSTER_COLUMNS.includes(header[i] ?? "") && header[i]);
  const entries: RosterEntry[] = [];
  const problems: RowProblem[] = [];
  for (const row of sheet.rows) {
    const cell = (c: string) => {
      const i = header.indexOf(c);
      return i < 0 ? "" : (row.cells[i] ?? "").trim();
    };
    if (row.cells.every((c) => !c.trim())) continue; // blank rows (a sheet's trailing ones)
    try {
      entries.push(checkRow(row.line, cell));
    } catch (err) {
      if (!(err instanceof QuorumError)) throw err;
      problems.push({ line: row.line, reason: err.message });
    }
  }
  return { entries, problems, ignored };
}

const list = (raw: string, check: (s: string) => string) => [
  ...new Set(
    raw
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map(check),
  ),
];

function checkRow(line: number, cell: (c: string) => string): RosterEntry {
  const bad = (why: string) => new QuorumError("bad_argument", why);
  if (!cell("email")) throw bad("missing email.");
  if (!cell("name")) throw bad("missing name.");
  return {
    line,
    email: checkEmail(cell("email")),
    name: checkName(cell("name"), "person's name"),
    orgCode: cell("org") ? checkOrgCode(cell("org")) : null,
    orgName: cell("org_name") ? checkName(cell("org_name"), "organisation's name") : null,
    handle: cell("handle") ? checkHandle(cell("handle")) : null,
    role: cell("role") ? checkRole(cell("role")) : null,
    groups: list(cell("groups"), checkGroupSlug),
    chairOf: list(cell("chair_of"), checkGroupSlug),
  };
}

/** A free handle from the email's local part: sam.okafor, then sam.okafor2, ... */
export function deriveHandle(email: string, taken: Set<string>): string {
  const local = (email.split("@")[0] ?? "").toLowerCase().replace(/[^a-z0-9._-]/g, "");
  const base = (local.replace(/^[._-]+/, "") || "person").slice(0, 36);
  let handle = base === "me" ? "me2" : base;
  for (let n = 2; taken.has(handle); n++) handle = `${base}${n}`;
  return handle;
}

/** Plans every change, row by row; a row with a problem plans nothing. Pure: reads only `dir`. */
export function planRoster(entries: RosterEntry[], dir: Directory): RosterPlan {
  const byEmail = new Map(dir.people.map((p) => [p.email?.toLowerCase() ?? "", p]));
  const handles = new Set(dir.people.map((p) => p.handle));
  const orgById = new Map(dir.orgs.map((o) => [o.id, o]));
  const orgByCode = new Map(dir.orgs.map((o) => [o.code, o]));
  const groupBySlug = new Map(dir.groups.map((g) => [g.slug, g]));
  const seenEmail = new Map<string, number>();
  const chairClaims = new Map<string, number>();
  const problems: RowProblem[] = [];
  const people: PersonPlan[] = [];
  for (const e of entries) {
    const problem = rowProblem(e, dir, { byEmail, handles, orgByCode, groupBySlug, seenEmail, chairClaims });
    if (problem) {
      problems.push({ line: e.line, reason: problem });
      continue;
    }
    const existing = byEmail.get(e.email.toLowerCase()) ?? null;
    const handle = existing?.handle ?? e.handle ?? deriveHandle(e.email, handles);
    handles.add(handle);
    seenEmail.set(e.email.toLowerCase(), e.line);
    for (const g of e.chairOf) chairClaims.set(g, e.line);
    people.push(personPlan(e, existing, handle, { orgById, groupBySlug, members: dir.members }));
  }
  guardLastAdmin(people, dir, problems);
  const good = people.filter((p) => !problems.some((x) => x.line === p.line));
  return { people: good, ...creations(good, entries, orgByCode, groupBySlug), problems: sortLines(problems) };
}

interface Lookups {
  byEmail: Map<string, Person>;
  handles: Set<string>;
  orgByCode: Map<string, Organisation>;
  groupBySlug: Map<string, Group>;
  seenEmail: Map<string, number>;
  chairClaims: Map<string, number>;
}

function rowProblem(e: RosterEntry, dir: Directory, l: Lookups): string | null {
  const key = e.email.toLowerCase();
  const earlier = l.seenEmail.get(key);
  if (earlier !== undefined) return `${e.email} is also on line ${earlier}.`;
  const existing = l.byEmail.get(key);
  if (existing && e.handle && e.handle !== existing.handle)
    return `${e.email} belongs to @${existing.handle}; an import does not change handles (remove the handle or write @${existing.handle}).`;
  if (!existing && e.handle && l.handles.has(e.handle)) return `@${e.handle} is already taken.`;
  if (!existing && !e.orgCode) return "missing org (the organisation's code).";
  if (e.orgCode && dir.removedOrgCodes.has(e.orgCode))
    return `${e.orgCode} was removed; restore it with org add ${e.orgCode} "<Name>" first.`;
  const archived = [...e.groups, ...e.chairOf].filter((g) => dir.archivedGroups.has(g));
  if (archived.length) return `the group ${archived.join(", ")} is archived.`;
  const claimed = e.chairOf.find((g) => l.chairClaims.has(g));
  if (claimed) return `line ${l.chairClaims.get(claimed)} already makes someone else chair of ${claimed}.`;
  return null;
}

function personPlan(
  e: RosterEntry,
  existing: Person | null,
  handle: string,
  l: Pick<Lookups, "groupBySlug"> & { orgById: Map<number, Organisation>; members: Directory["members"] },
): PersonPlan {
  const wanted = [...new Set([...e.groups, ...e.chairOf])];
  const personId = existing?.id ?? -1;
  const joins = wanted.filter((slug) => {
    const g = l.groupBySlug.get(slug);
    return !g || !l.members.get(g.id)?.has(personId);
  });
  const chairs = e.chairOf.filter((slug) => l.groupBySlug.get(slug)?.chairId !== personId || !existing);
  const role = e.role ?? existing?.role ?? "member";
  const changes: string[] = [];
  const oldOrg = existing?.organisationId ? (l.orgById.get(existing.organisationId)?.code ?? null) : null;
  const orgCode = e.orgCode ?? oldOrg;
  if (existing) {
    if (existing.name !== e.name) changes.push(`name ${existing.name} → ${e.name}`);
    if (oldOrg !== orgCode) changes.push(`org ${oldOrg ?? "none"} → ${orgCode}`);
    if (existing.role !== role) changes.push(`role ${existing.role} → ${role}`);
    if (existing.status !== "active") changes.push(`${existing.status} → active`);
  }
  if (joins.length) changes.push(`joins ${joins.join(", ")}`);
  if (chairs.length) changes.push(`chairs ${chairs.join(", ")}`);
  const kind = !existing ? "add" : changes.length ? "update" : "unchanged";
  const activate = existing !== null && existing.status !== "active";
  return {
    line: e.line,
    kind,
    existing,
    handle,
    name: e.name,
    email: e.email,
    orgCode,
    role,
    activate,
    changes,
    joins,
    chairs,
  };
}

/** An import never leaves the partnership without an active admin: the demoting rows are refused. */
function guardLastAdmin(people: PersonPlan[], dir: Directory, problems: RowProblem[]): void {
  const after = new Map(
    dir.people.filter((p) => p.role === "admin" && p.status === "active").map((p) => [p.id, true]),
  );
  const demoting: PersonPlan[] = [];
  for (const p of people) {
    if (p.role === "admin") after.set(p.existing?.id ?? -p.line, true);
    else if (p.existing && after.has(p.existing.id)) {
      after.delete(p.existing.id);
      demoting.push(p);
    }
  }
  if (after.size > 0) return;
  for (const p of demoting)
    problems.push({
      line: p.line,
      reason: `@${p.handle} would no longer be an admin, leaving none; keep role admin.`,
    });
}

function creations(
  good: PersonPlan[],
  entries: RosterEntry[],
  orgByCode: Map<string, Organisation>,
  groupBySlug: Map<string, Group>,
): Pick<RosterPlan, "newOrgs" | "newGroups"> {
  const lines = new Set(good.map((p) => p.line));
  const newOrgs = new Map<string, string>();
  const newGroups = new Set<string>();
  for (const e of entries.filter((x) => lines.has(x.line))) {
    if (e.orgCode && !orgByCode.has(e.orgCode) && !newOrgs.get(e.orgCode))
      newOrgs.set(e.orgCode, e.orgName ?? "");
    for (const g of [...e.groups, ...e.chairOf]) if (!groupBySlug.has(g)) newGroups.add(g);
  }
  return {
    newOrgs: [...newOrgs].map(([code, name]) => ({ code, name: name || code })),
    newGroups: [...newGroups],
  };
}

const sortLines = (p: RowProblem[]) => [...p].sort((a, b) => a.line - b.line);

// Action tables in minutes: a header row names the columns (Action, Owner, Due, Organisation), each row after
// it is one action. Rows arrive tab-separated (pasted from Word, or from the .docx reader) or pipe-separated.

/** Says whether words read as a due date (the core passes the date reader, in the partnership's zone). */
export type IsDate = (words: string) => boolean;

export interface TableHeader {
  action: number;
  owner: number;
  due: number | null;
  org: number | null;
}

const ACTION_COL =
  /^(?:agreed\s+)?actions?(?:\s+(?:agreed|required|description))?$|^(?:description|task|what|item|details?)$/i;
const OWNER_COL =
  /^(?:action\s+)?owners?$|^(?:lead(?:\s+officer)?|who|responsible|by\s+whom|assigned\s+to|person)$/i;
const DUE_COL = /^(?:due(?:\s+date)?|deadline|by\s+when|when|date|target(?:\s+date)?|timescales?)$/i;
const ORG_COL = /^(?:org|organisation|organization|agency|partner)$/i;

/** The cells of a table row, or null when the line is not one (fewer than two cells). */
export function tableCells(raw: string): string[] | null {
  const line = raw.trim();
  // A tab marks a row even with one cell filled in ("\tJo\t": a row whose action was left empty).
  if (raw.includes("\t") && line) return raw.split("\t").map((c) => c.trim());
  if (line.startsWith("|") || (line.match(/\|/g)?.length ?? 0) >= 2) {
    const cells = line
      .replace(/^\|/, "")
      .replace(/\|$/, "")
      .split("|")
      .map((c) => c.trim());
    return cells.length >= 2 ? cells : null;
  }
  return null;
}

/** The columns, when these cells are a header row naming at least an action and an owner column. */
export function tableHeader(cells: string[]): TableHeader | null {
  const find = (re: RegExp) => {
    const i = cells.findIndex((c) => re.test(c.replace(/[*_:]/g, "").trim()));
    return i < 0 ? null : i;
  };
  const action = find(ACTION_COL);
  const owner = find(OWNER_COL);
  if (action === null || owner === null || action === owner) return null;
  return { action, owner, due: find(DUE_COL), org: find(ORG_COL) };
}

export type TableRead =
  | { title: string; owner: string | null; org: string | null; due: string | null }
  | { why: string }
  | "skip";

/** One row under a header: a markdown rule or an empty row is skipped; a row with no task is unread. */
export function readTableRow(header: TableHeader, cells: string[], isDate: IsDate): TableRead {
  if (cells.every((c) => /^:?-{2,}:?$/.test(c) || !c)) return "skip";
  const at = (i: number | null) => (i === null ? "" : (cells[i] ?? "").trim());
  const title = at(header.action).replace(/^action\s*[:–—-]\s*/i, "");
  if (!title) return { why: "the row has nothing in its action column" };
  const dueText = at(header.due);
  const due = dueText && !/^(?:tbc|tba|ongoing|n\/?a|-+)$/i.test(dueText) ? dueText : null;
  if (due && !isDate(due)) return { why: `"${due}" in the due column is not a date` };
  return { title, owner: at(header.owner) || null, org: at(header.org) || null, due };
}

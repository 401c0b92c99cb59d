// Reads action lines out of minutes as minute-takers write them (pure: no names or records looked up here).
// Forms read: "ACTION: Sam to circulate the draft by 31/1", "Action – ECC (Helen) – map winter capacity –
// end of January", "Action: Helen (ECC) to map ... by end of Jan", list items under an "Actions" heading,
// and rows of a table (tab- or pipe-separated, as Word pastes and as the .docx reader writes them) whose
// header names an action column and an owner column. Everything else in the minutes is left alone.
import { type IsDate, readTableRow, type TableHeader, tableCells, tableHeader } from "./minutes-table.ts";

export type { IsDate } from "./minutes-table.ts";

export interface MinuteAction {
  /** 1-based line number in the text. */
  line: number;
  /** The line as written (trimmed). */
  source: string;
  title: string;
  /** Who, as written: "Sam", "ECC (Helen)", "@sam"; null when no one is named. */
  owner: string | null;
  /** An organisation named apart from the owner (a table's organisation column). */
  org: string | null;
  /** The due date as written: "31/1", "end of January"; null when none. */
  due: string | null;
}

export interface UnreadLine {
  line: number;
  text: string;
  why: string;
}

export interface ParsedMinutes {
  actions: MinuteAction[];
  /** Lines that look like actions but could not be read as one. */
  unread: UnreadLine[];
}

/** A list mark at the start of a line: "-", "•", "1.", "2)", "(a)", "iv)", "5.2". */
const BULLET = /^(?:[-*•‣◦▪·–]|\(?\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-h][.)]|\(?[ivx]{1,4}\))\s+/i;
/** "Action:", "ACTION –", "Action point 3:", "New action -": the line is an action. */
const PREFIX = /^(?:new\s+|agreed\s+)?actions?(?:\s+(?:point|item))?(?:\s*\d{1,3})?\s*[:–—-]\s*/i;
/** "ACTION Sam to ...": the capitals alone mark it. */
const CAPS_PREFIX = /^ACTION\s+(?=[A-Z@])/;
/** "... agreed the plan. ACTION: Sam to circulate": an action at the end of a line of minutes. */
const INLINE = /(?:^|[.;]\s+|\s)(?:ACTION\s*[:–—-]|Action:)\s*(.+)$/;
/** A heading that starts a list of actions. */
const HEADING =
  /^(?:new\s+|agreed\s+|summary\s+of\s+)?actions?(?:\s+(?:agreed|arising|points?|list|summary|log))?(?:\s+from\s+(?:this|today['’]?s)\s+meeting)?\s*:?$/i;
/** "Action: none", "No new actions". */
const NOTHING =
  /^(?:(?:none|nil)(?:\s+(?:agreed|arising|recorded))?|n\/?a|no\s+(?:new\s+)?actions?(?:\s+agreed)?|-+)\.?$/i;
/** Verbs that start an action and are followed by "to" ("Write to the minister"): never an owner's name. */
const TO_VERBS =
  /^(?:write|speak|talk|reply|respond|report|return|refer|go|reach|send|present|forward|escalate|submit|circulate|feed|introduce|invite|link|add|bring|take|give|provide|explain|propose|suggest|apply|contribute|commit|agree|ask)$/i;
/** "X to <task>", "X will <task>": the owner before the verb. */
const WHO_TO = /^(.+?)\s+(?:to|will|agreed\s+to|is\s+to|are\s+to)\s+(.+)$/i;
const DASH = /\s+[–—-]\s+/;
/** "by", "before" and the like, then the date, at the end of a task. */
const DUE_TAIL = /[\s,]+(?:by|before|no\s+later\s+than|due(?:\s+by)?|for|deadline:?)\s+(.+)$/i;
const HONORIFIC = /^(?:dr|cllr|prof|mr|mrs|ms|miss|sir|dame|rev|ch|supt|insp|di|ds|dci|cc|acc)\.?$/i;

export const MAX_TITLE_WORDS = 80;

export function parseMinutes(text: string, isDate: IsDate): ParsedMinutes {
  const actions: MinuteAction[] = [];
  const unread: UnreadLine[] = [];
  const lines = text.split("\n");
  let inSection = false;
  let sectionLines = 0;
  let table: TableHeader | null = null;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const source = raw.trim();
    if (!source) {
      // A blank line ends a list of actions once it has had some.
      if (inSection && sectionLines > 0) inSection = false;
      return;
    }
    const cells = tableCells(raw);
    if (cells) {
      const header = tableHeader(cells);
      if (header) table = header;
      else if (table) {
        const row = readTableRow(table, cells, isDate);
        if (row === "skip") return;
        if ("why" in row) unread.push({ line, text: source, why: row.why });
        else actions.push({ line, source, ...row, title: tidyTitle(row.title) });
      }
      return;
    }
    table = null;
    const body = source.replace(BULLET, "");
    if (HEADING.test(body)) {
      [inSection, sectionLines] = [true, 0];
      return;
    }
    const marked = actionBody(body);
    if (marked === null && !inSection) return;
    sectionLines++;
    const read = readAction(marked ?? body, isDate);
    if (read === "nothing") return;
    if ("why" in read) unread.push({ line, text: source, why: read.why });
    else actions.push({ line, source, org: null, ...read });
  });
  return { actions, unread };
}

/**
 * Only the lines the reader looks at (action lines, lists under an Actions heading, tables), for a whole
 * minutes document longer than a paste may be: the prose between them is left behind.
 */
export function actionExcerpt(text: string): string {
  const kept: string[] = [];
  let inSection = false;
  for (const raw of text.split("\n")) {
    const body = raw.trim().replace(BULLET, "");
    if (!body) {
      if (inSection) kept.push("");
      inSection = false;
      continue;
    }
    if (HEADING.test(body)) inSection = true;
    if (inSection || tableCells(raw) || actionBody(body) !== null) kept.push(raw);
    else if (kept.at(-1) !== "") kept.push("");
  }
  return kept.join("\n").trim();
}

/** The text after an action mark, or null when the line is not marked as an action. */
function actionBody(body: string): string | null {
  const prefixed = PREFIX.exec(body);
  if (prefixed) return body.slice(prefixed[0].length);
  // Capitals without a colon could be a heading ("ACTION LOG"): only "who to what" counts.
  if (CAPS_PREFIX.test(body) && WHO_TO.test(body)) return body.replace(/^ACTION\s+/, "");
  const inline = INLINE.exec(body);
  return inline?.[1] ?? null;
}

type Read = Omit<MinuteAction, "line" | "source" | "org"> | { why: string } | "nothing";

/** Reads "who to what by when" in any of the orders minute-takers use. */
export function readAction(bodyIn: string, isDate: IsDate): Read {
  let body = bodyIn.trim().replace(/[.;]+$/, "");
  if (!body || NOTHING.test(body)) return "nothing";
  let due: string | null = null;
  const bracket = /\s*[([]\s*(?:due|by|deadline)?\s*:?\s*([^)\]]+)[)\]]$/i.exec(body);
  if (bracket?.[1] && isDate(bracket[1])) {
    due = bracket[1].trim();
    body = body.slice(0, bracket.index).trim();
  }
  const parts = body
    .split(DASH)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > 1) {
    const last = parts.at(-1) ?? "";
    if (!due && isDate(stripDueWord(last))) {
      due = stripDueWord(last);
      parts.pop();
    }
  }
  let owner: string | null = null;
  let task: string;
  if (parts.length === 1) {
    ({ owner, task } = whoAndTask(parts[0] ?? ""));
  } else if (parts.length === 2) {
    const [a = "", b = ""] = parts;
    const split = whoAndTask(a);
    if (looksLikeOwner(a)) [owner, task] = [a, b];
    else if (looksLikeOwner(b)) [owner, task] = [b, a];
    else if (split.owner) ({ owner, task } = { owner: split.owner, task: `${split.task} – ${b}` });
    else task = `${a} – ${b}`;
  } else {
    owner = looksLikeOwner(parts[0] ?? "") ? (parts.shift() ?? null) : null;
    task = parts.join(" – ");
  }
  if (!due) {
    const tail = dueAtEnd(task, isDate);
    if (tail) [task, due] = [tail.task, tail.due];
  }
  const title = tidyTitle(task);
  if (title.replace(/[^\p{L}]/gu, "").length < 3)
    return { why: due ? "it has a date but no task" : "no task could be read" };
  if (title.split(/\s+/).length > MAX_TITLE_WORDS)
    return { why: `the task is over ${MAX_TITLE_WORDS} words: put one action on a line` };
  return { title, owner: owner ? owner.replace(/^owner:\s*/i, "").trim() : null, due };
}

function whoAndTask(text: string): { owner: string | null; task: string } {
  const to = WHO_TO.exec(text);
  if (to?.[1] && to[2] && looksLikeOwner(to[1])) return { owner: to[1].trim(), task: to[2] };
  const colon = /^([^:]{1,60}):\s*(.+)$/.exec(text);
  if (colon?.[1] && colon[2] && looksLikeOwner(colon[1])) return { owner: colon[1].trim(), task: colon[2] };
  return { owner: null, task: text };
}

/** The rightmost "by <date>" whose words read as a date; the task is what comes before it. */
function dueAtEnd(task: string, isDate: IsDate): { task: string; due: string } | null {
  const words = task.split(/(?=[\s,]+(?:by|before|no\s+later\s+than|due|for|deadline:?)\s)/i);
  for (let i = words.length - 1; i > 0; i--) {
    const tail = words.slice(i).join("");
    const m = DUE_TAIL.exec(tail);
    if (m?.[1] && isDate(m[1].trim())) return { task: words.slice(0, i).join("").trim(), due: m[1].trim() };
  }
  const comma = /,\s*([^,]+)$/.exec(task);
  if (comma?.[1] && isDate(comma[1].trim()))
    return { task: task.slice(0, comma.index).trim(), due: comma[1].trim() };
  return null;
}

const stripDueWord = (text: string) =>
  text.replace(/^(?:by|before|due(?:\s+by)?|deadline:?|no\s+later\s+than)\s+/i, "").trim();

/**
 * A person or organisation as minutes name them: a few words, each a name (capital first), a code, an
 * @handle, bracketed, or the chair ("Helen", "ECC (Helen)", "Dr Priya Nair", "the Chair", "@sam").
 */
export function looksLikeOwner(text: string): boolean {
  const t = text.trim().replace(/^owner:\s*/i, "");
  if (!t || t.length > 60) return false;
  if (/^@[\w.-]+$/.test(t) || /^(?:the\s+)?chair$/i.test(t)) return true;
  const words = t
    .replace(/[()[\],/&]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  if (words.length > 6 || (words.length === 1 && TO_VERBS.test(t))) return false;
  const fits = (w: string) =>
    /^[\p{Lu}@]/u.test(w) || /^(?:and|of|the|for|from)$/i.test(w) || HONORIFIC.test(w);
  return words.every(fits) && /^[\p{Lu}@]/u.test(words.find((w) => !/^(?:the)$/i.test(w)) ?? "");
}

/** Capital first, no trailing full stop, single spaces: "circulate the draft." → "Circulate the draft". */
export function tidyTitle(task: string): string {
  const t = task
    .trim()
    .replace(/\s+/g, " ")
    .replace(/^(?:to|will)\s+/i, "")
    .replace(/[\s.;,:–—-]+$/, "");
  return t.charAt(0).toUpperCase() + t.slice(1);
}

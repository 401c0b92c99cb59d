// The words every rendering of a matters-arising paper shares, so .docx, HTML, Markdown and CSV agree.
import type { Paper, PaperRow } from "../core/papers/paper.ts";
import { ukDate, ukLongDate } from "./uk-date.ts";

export const PAPER_COLUMNS = ["Ref", "Action", "Owner", "Due", "Status", "Latest update"] as const;

/** "Essex Partners Board (M-1), Friday 22 January 2027 at 10:00, County Hall". */
export function meetingLine(p: Paper): string {
  return `${p.meetingTitle} (${p.meetingRef}), ${ukLongDate(p.date)} at ${p.time}${p.place ? `, ${p.place}` : ""}`;
}

export function introLine(p: Paper): string {
  const since = p.previousDate
    ? `Actions arising since the previous meeting on ${ukDate(p.previousDate)} and every action still open`
    : "Every action still open (this is the first meeting of the series)";
  return `${since}, by organisation. Prepared on ${ukDate(p.preparedOn)}; papers due ${ukDate(p.papersDue)}.`;
}

/** "From M-1, Thu 22 Oct 2026 · new" under an action's title. */
export function aroseLine(r: PaperRow): string {
  return [r.arose ? `From ${r.arose}` : "", r.isNew ? "new since last meeting" : ""]
    .filter(Boolean)
    .join(" · ");
}

export const noteText = (r: PaperRow) => (r.note ? `${ukDate(r.note.on)}: ${r.note.text}` : "");

/** The six cells of a row as plain text, in PAPER_COLUMNS order. */
export function rowCells(r: PaperRow): string[] {
  return [r.ref, r.title, r.owner, ukDate(r.dueOn), r.statusText, noteText(r)];
}

export const paperRowCount = (p: Paper) => p.sections.reduce((n, s) => n + s.rows.length, 0);

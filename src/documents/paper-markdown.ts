// The matters-arising paper as Markdown: one table per organisation (Markdown has no spanning rows).
import type { Paper } from "../core/papers/paper.ts";
import { aroseLine, introLine, meetingLine, PAPER_COLUMNS, rowCells } from "./paper-text.ts";

/** Pipes and line breaks would end a table cell; Markdown specials are escaped so text stays text. */
const md = (s: string) => s.replace(/([\\`*_[\]<>|#])/g, "\\$1").replace(/\r?\n/g, " ");

export function paperToMarkdown(p: Paper): string {
  const out = [`# ${md(p.title)}`, "", `**${md(meetingLine(p))}**`, "", md(introLine(p)), ""];
  if (!p.sections.length) out.push("There are no actions to report.", "");
  for (const s of p.sections) {
    out.push(`## ${md(s.orgName)} (${md(s.orgCode)})`, "");
    out.push(`| ${PAPER_COLUMNS.join(" | ")} |`, `|${PAPER_COLUMNS.map(() => " --- ").join("|")}|`);
    for (const r of s.rows) {
      const cells = rowCells(r);
      const arose = aroseLine(r);
      if (arose) cells[1] = `${cells[1]} (${arose})`;
      out.push(`| ${cells.map(md).join(" | ")} |`);
    }
    out.push("");
  }
  return out.join("\n");
}

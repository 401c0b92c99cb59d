// The matters-arising paper as one printable HTML page: semantic table, A4 print CSS, header row repeated.
import type { Paper, PaperRow, PaperSection } from "../core/papers/paper.ts";
import { esc } from "./html.ts";
import { aroseLine, introLine, meetingLine, noteText, PAPER_COLUMNS } from "./paper-text.ts";
import { ukDate } from "./uk-date.ts";

// thead repeats on each printed page in every browser; rows never split across pages.
const STYLE = `
body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; color: #111; margin: 1.5rem; }
h1 { font-size: 18pt; margin: 0 0 .25rem; } h2 { font-size: 13pt; font-weight: normal; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: .3rem .4rem; text-align: left; vertical-align: top; }
thead th { background: #d9e2f3; }
tbody th { background: #f2f2f2; }
.arose { display: block; font-size: 8.5pt; color: #555; }
.overdue { color: #b00020; font-weight: bold; } .done { color: #1b5e20; } .dropped { color: #555; }
@page { size: A4; margin: 20mm 15mm; }
@media print {
  body { margin: 0; font-size: 10pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
}
@media (max-width: 40rem) { body { margin: .5rem; } td, th { padding: .2rem; } }
`;

function row(r: PaperRow): string {
  const arose = aroseLine(r);
  return `<tr>
<td>${esc(r.ref)}</td>
<td>${esc(r.title)}${arose ? `<span class="arose">${esc(arose)}</span>` : ""}</td>
<td>${esc(r.owner)}</td>
<td>${r.dueOn ? `<time datetime="${esc(r.dueOn)}">${esc(ukDate(r.dueOn))}</time>` : "none"}</td>
<td class="${r.status}">${esc(r.statusText)}</td>
<td>${esc(noteText(r))}</td>
</tr>`;
}

const section = (s: PaperSection) =>
  `<tbody>
<tr><th colspan="${PAPER_COLUMNS.length}" scope="rowgroup">${esc(s.orgName)} (${esc(s.orgCode)}): ${s.rows.length}</th></tr>
${s.rows.map(row).join("\n")}
</tbody>`;

export function paperToHtml(p: Paper): string {
  const table = p.sections.length
    ? `<table>
<caption class="visually-hidden">Actions by organisation</caption>
<thead><tr>${PAPER_COLUMNS.map((c) => `<th scope="col">${c}</th>`).join("")}</tr></thead>
${p.sections.map(section).join("\n")}
</table>`
    : "<p>There are no actions to report.</p>";
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)}</title>
<style>${STYLE}.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }</style>
</head>
<body>
<main>
<h1>${esc(p.title)}</h1>
<h2>${esc(meetingLine(p))}</h2>
<p>${esc(introLine(p))}</p>
${table}
</main>
</body>
</html>
`;
}

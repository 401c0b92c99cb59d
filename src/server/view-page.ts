// A group's shared page as one plain HTML document: no script, every user string escaped, readable at 320 px, printable.
import { createHash } from "node:crypto";
import type { GroupView, ViewAction, ViewSection } from "../core/sharing/group-view.ts";
import { esc } from "../documents/html.ts";
import { ukDate, ukLongDate } from "../documents/uk-date.ts";

/** A link the page lists under Downloads, e.g. the group's calendar feed once one exists. */
export interface PageLink {
  label: string;
  /** An address or a path on this server; escaped, never trusted as markup. */
  href: string;
  /** A short line after the link, e.g. "add it to Outlook or Google Calendar". */
  note?: string;
}

// Wide screens get plain tables; narrow ones (320 px) show each row as a block with its column names beside the
// values, so nothing scrolls sideways. The explicit roles keep the table semantics that display:block drops.
// Overdue rows are marked by the word "Overdue" and a bar, so colour is never the only sign.
const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;font-size:1rem;line-height:1.45;color:#111;background:#fff}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 .75rem}
header{padding-top:1rem;border-bottom:2px solid #1d4f91}
.partnership{margin:0;color:#333}
h1{font-size:1.6rem;margin:.1rem 0 .5rem;line-height:1.2}
h2{font-size:1.3rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:1rem 0 .35rem}
.asof{margin:0 0 .75rem;color:#333}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .75rem;margin:0}
dt{font-weight:bold}dd{margin:0}
table{border-collapse:collapse;width:100%;table-layout:auto}
th,td{border:1px solid #8a8a8a;padding:.3rem .4rem;text-align:left;vertical-align:top}
tbody th{overflow-wrap:anywhere}
thead th{background:#e4ebf5}
tbody th{font-weight:normal}
.ref{display:block;font-size:.85rem;color:#333}
.note{display:block;font-size:.9rem;color:#333}
tr.overdue th{border-left:.4rem solid #a4001d}
.status-overdue{font-weight:bold;color:#a4001d}
.summary{margin:.25rem 0}
a{color:#1d4f91}
a:focus{outline:3px solid #f9a800;outline-offset:2px}
.downloads li{margin:.35rem 0}
footer{margin-top:2rem;padding-bottom:1.5rem;border-top:1px solid #8a8a8a;color:#333;font-size:.9rem}
@media screen and (max-width:36rem){
h1{font-size:1.35rem}dl{grid-template-columns:1fr}dd{margin-bottom:.35rem}
table,tbody,tr,th,td{display:block}
thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
tr{border:1px solid #8a8a8a;margin:0 0 .6rem;padding:.3rem .5rem}
th,td{border:0;padding:.1rem 0}
tbody th{font-weight:bold}
td::before{content:attr(data-label) ": ";font-weight:normal;color:#333}
tr.overdue{border-left:.4rem solid #a4001d}tr.overdue th{border-left:0}
}
@page{size:A4;margin:15mm}
@media print{
body{font-size:10pt}
header,main,footer{max-width:none;padding:0}
a{color:#000;text-decoration:none}
.downloads{display:none}
thead{display:table-header-group}
tr{break-inside:avoid;page-break-inside:avoid}
h2,h3{break-after:avoid;page-break-after:avoid}
}
`;

/** The Content-Security-Policy for the page: no script at all, and only this exact stylesheet. */
export const VIEW_CSP = [
  "default-src 'none'",
  `style-src '${`sha256-${createHash("sha256").update(STYLE).digest("base64")}`}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const date = (iso: string) => `<time datetime="${esc(iso)}">${esc(ukDate(iso))}</time>`;
const longDate = (iso: string) => `<time datetime="${esc(iso)}">${esc(ukLongDate(iso))}</time>`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A cell with its column's name, which the narrow layout shows before the value. */
const cell = (label: string, html: string, cls?: string) =>
  `<td role="cell" data-label="${label}"${cls ? ` class="${cls}"` : ""}>${html}</td>`;

const head = (...names: string[]) =>
  `<thead role="rowgroup"><tr role="row">${names.map((n) => `<th scope="col" role="columnheader">${n}</th>`).join("")}</tr></thead>`;

function actionCell(a: ViewAction): string {
  const note = a.latestNote ? `<span class="note">Latest: ${esc(a.latestNote)}</span>` : "";
  return `<th scope="row" role="rowheader"><span class="ref">${esc(a.ref)}</span>${esc(a.title)}${note}</th>`;
}

function openRow(a: ViewAction): string {
  const status = a.overdue
    ? cell("Status", "Overdue", "status-overdue")
    : cell("Status", "Open", "status-open");
  const due = cell("Due", a.dueOn ? date(a.dueOn) : "No date");
  return `<tr role="row"${a.overdue ? ' class="overdue"' : ""}>${actionCell(a)}${cell("Owner", esc(a.owner))}${due}${status}</tr>`;
}

function openSection(s: ViewSection, index: number): string {
  const id = `org-${index}`;
  return `<h3 id="${id}">${esc(s.orgName)} (${esc(s.orgCode)})</h3>
<table role="table" aria-labelledby="${id}">
${head("Action", "Owner", "Due", "Status")}
<tbody role="rowgroup">
${s.actions.map(openRow).join("\n")}
</tbody>
</table>`;
}

function nextMeeting(v: GroupView): string {
  const m = v.next;
  if (!m) return `<p>No meeting is scheduled.</p>`;
  return `<dl>
<dt>Meeting</dt><dd>${esc(m.title)} (${esc(m.ref)})</dd>
<dt>When</dt><dd>${longDate(m.date)} at ${esc(m.time)}</dd>
<dt>Where</dt><dd>${m.place ? esc(m.place) : "Not given"}</dd>
<dt>Papers due</dt><dd>${longDate(m.papersDue)}</dd>
</dl>`;
}

function openActions(v: GroupView): string {
  const count = v.open.reduce((n, s) => n + s.actions.length, 0);
  if (!count) return `<p>There are no open actions.</p>`;
  const summary = `<p class="summary">${plural(count, "open action")} from ${plural(v.open.length, "organisation")}; ${v.overdueCount} overdue.</p>`;
  return `${summary}\n${v.open.map(openSection).join("\n")}`;
}

function doneSince(v: GroupView): string {
  if (v.doneSince === null || v.lastMet === null)
    return `<h2 id="done">Done since the last meeting</h2>\n<p>The group has not met yet.</p>`;
  const heading = `<h2 id="done">Done since the last meeting (${longDate(v.lastMet)})</h2>`;
  if (!v.doneSince.length) return `${heading}\n<p>Nothing has been marked done since then.</p>`;
  const rows = v.doneSince
    .map(
      (a) =>
        `<tr role="row">${actionCell(a)}${cell("Owner", esc(a.owner))}${cell("Done on", a.closedOn ? date(a.closedOn) : "")}</tr>`,
    )
    .join("\n");
  return `${heading}
<table role="table" aria-labelledby="done">
${head("Action", "Owner", "Done on")}
<tbody role="rowgroup">
${rows}
</tbody>
</table>`;
}

function downloads(v: GroupView, base: string, extra: PageLink[]): string {
  const links: PageLink[] = [
    ...(v.hasPaper
      ? [
          { label: "Matters-arising paper (Word)", href: `${base}/papers.docx` },
          { label: "Matters-arising paper (web page, printable)", href: `${base}/papers.html` },
        ]
      : []),
    { label: "All the group's actions (CSV)", href: `${base}/actions.csv` },
    { label: "All the group's actions (Excel)", href: `${base}/actions.xlsx` },
    { label: "The group's meetings (calendar file for Outlook or Google)", href: `${base}/calendar.ics` },
    ...extra,
  ];
  const items = links.map(
    (l) => `<li><a href="${esc(l.href)}">${esc(l.label)}</a>${l.note ? ` – ${esc(l.note)}` : ""}</li>`,
  );
  return `<section class="downloads" aria-labelledby="downloads">
<h2 id="downloads">Downloads</h2>
<ul>
${items.join("\n")}
</ul>
</section>`;
}

/** The whole page. `base` is the page's own path (/view/<token>), under which its downloads are served. */
export function renderViewPage(v: GroupView, base: string, extra: PageLink[] = []): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${esc(v.groupName)} – ${esc(v.partnershipName)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="partnership">${esc(v.partnershipName)}</p>
<h1>${esc(v.groupName)}</h1>
<p class="asof">Meetings and actions as of ${longDate(v.today)}. This page is read-only.</p>
</header>
<main>
<section aria-labelledby="next">
<h2 id="next">Next meeting</h2>
${nextMeeting(v)}
</section>
<section aria-labelledby="open">
<h2 id="open">Open actions</h2>
${openActions(v)}
</section>
<section aria-labelledby="done">
${doneSince(v)}
</section>
${downloads(v, base, extra)}
</main>
<footer>
<p>Made by Quorum from the group's action log. To change anything, ask the group's chair or use Quorum in chat.</p>
</footer>
</body>
</html>
`;
}

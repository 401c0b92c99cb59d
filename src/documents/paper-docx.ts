// The matters-arising paper as a Word document (docx library): title, meeting, one table whose header row
// repeats on every page, organisation headings inside it, and "Page n of m" in the footer.
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Paper, PaperRow, PaperSection } from "../core/papers/paper.ts";
import { aroseLine, introLine, meetingLine, noteText, PAPER_COLUMNS } from "./paper-text.ts";
import { ukDate } from "./uk-date.ts";

// Column widths in percent of the table: the action and the update need the room.
const WIDTHS = [8, 30, 14, 11, 14, 23];
const FONT = "Arial";
const STATUS_COLOUR: Record<PaperRow["status"], string | undefined> = {
  overdue: "B00020",
  open: undefined,
  done: "1B5E20",
  dropped: "555555",
};

const cell = (children: Paragraph[], width: number, shade?: string) =>
  new TableCell({
    children,
    width: { size: width, type: WidthType.PERCENTAGE },
    ...(shade ? { shading: { type: ShadingType.CLEAR, fill: shade, color: "auto" } } : {}),
  });

const para = (text: string, opts: { bold?: boolean; size?: number; color?: string } = {}) =>
  new Paragraph({ children: [new TextRun({ text, font: FONT, size: opts.size ?? 20, ...opts })] });

function headerRow(): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: PAPER_COLUMNS.map((c, i) => cell([para(c, { bold: true })], WIDTHS[i] ?? 10, "D9E2F3")),
  });
}

function sectionRow(s: PaperSection): TableRow {
  return new TableRow({
    cantSplit: true,
    children: [
      new TableCell({
        columnSpan: PAPER_COLUMNS.length,
        shading: { type: ShadingType.CLEAR, fill: "F2F2F2", color: "auto" },
        children: [para(`${s.orgName} (${s.orgCode}): ${s.rows.length}`, { bold: true })],
      }),
    ],
  });
}

function actionRow(r: PaperRow): TableRow {
  const arose = aroseLine(r);
  const colour = STATUS_COLOUR[r.status];
  return new TableRow({
    cantSplit: true,
    children: [
      cell([para(r.ref)], WIDTHS[0] ?? 8),
      cell([para(r.title), ...(arose ? [para(arose, { size: 16, color: "555555" })] : [])], WIDTHS[1] ?? 30),
      cell([para(r.owner)], WIDTHS[2] ?? 14),
      cell([para(ukDate(r.dueOn) || "none")], WIDTHS[3] ?? 11),
      cell(
        [para(r.statusText, colour ? { bold: r.status === "overdue", color: colour } : {})],
        WIDTHS[4] ?? 14,
      ),
      cell([para(noteText(r))], WIDTHS[5] ?? 23),
    ],
  });
}

const pageFooter = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            font: FONT,
            size: 16,
            children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  });

export async function paperToDocx(p: Paper): Promise<Uint8Array> {
  const rows = [headerRow(), ...p.sections.flatMap((s) => [sectionRow(s), ...s.rows.map(actionRow)])];
  const empty = p.sections.length ? [] : [para("There are no actions to report.")];
  const doc = new Document({
    creator: "Quorum",
    title: p.title,
    description: meetingLine(p),
    sections: [
      {
        // A4 portrait, 2 cm margins (twentieths of a point).
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        footers: { default: pageFooter() },
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            children: [new TextRun({ text: p.title, font: FONT })],
          }),
          new Paragraph({
            heading: HeadingLevel.HEADING_2,
            children: [new TextRun({ text: meetingLine(p), font: FONT })],
          }),
          para(introLine(p)),
          para(""),
          ...(p.sections.length
            ? [new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } })]
            : empty),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

// A table as an Excel workbook (exceljs): a bold, frozen header row, filters, and text cells never read as formulas.
import ExcelJS from "exceljs";
import type { Table } from "../core/papers/documents.ts";

export async function tableToXlsx(t: Table): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = "Quorum";
  const sheet = book.addWorksheet(t.title.slice(0, 31).replace(/[*?:\\/[\]]/g, " ") || "Actions", {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = t.columns.map((c) => ({
    header: c,
    key: c,
    width: Math.max(10, Math.min(60, c.length + 4)),
  }));
  sheet.getRow(1).font = { bold: true };
  // Plain string values: exceljs writes them as shared strings, so "=1+1" stays text and is never evaluated.
  for (const r of t.rows) sheet.addRow(r);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.columns.length } };
  return new Uint8Array(await book.xlsx.writeBuffer());
}

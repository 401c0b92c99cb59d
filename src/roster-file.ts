// Reads a roster file into header and rows with their line numbers: CSV through csv-parse, .xlsx through exceljs.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { extname } from "node:path";
import type * as CsvParse from "csv-parse/sync";
import type { RosterSheet } from "./core/directory/roster.ts";

// Required on the first CSV read, not at every start of the command line that imports this module.
const csvParse = () => createRequire(import.meta.url)("csv-parse/sync") as typeof CsvParse;

export class RosterFileError extends Error {
  override readonly name = "RosterFileError";
}

export async function readRosterFile(path: string): Promise<RosterSheet> {
  const ext = extname(path).toLowerCase();
  if (ext === ".xlsx") return readXlsx(path);
  if (ext === ".csv" || ext === ".txt") return readCsv(await readFile(path));
  throw new RosterFileError(`${path}: give a .csv or .xlsx file (save the spreadsheet as one of those).`);
}

/** CSV as spreadsheets save it: a UTF-8 BOM, CRLF, quoted commas and line breaks, blank rows at the end. */
export function readCsv(bytes: Buffer): RosterSheet {
  // One line ending, so csv-parse's line count is the line a person sees in an editor.
  const text = bytes
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n");
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  const { CsvError, parse } = csvParse();
  try {
    records = parse(text, {
      info: true,
      raw: true,
      relax_column_count: true,
      // A hand-edited `Lucy "Li"` is a name with quotes in it, not a broken file.
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) throw new RosterFileError(`The CSV could not be read: ${err.message}`);
    throw err;
  }
  const rows = records.map(({ record, raw, info }) => ({
    // info.lines is the line the record ends on; a quoted line break makes it start earlier.
    line: info.lines - (raw.replace(/\n$/, "").match(/\n/g)?.length ?? 0),
    cells: record,
  }));
  const [first, ...rest] = rows;
  if (!first) throw new RosterFileError("The file is empty: the first row must name the columns.");
  return { header: first.cells, rows: rest };
}

/** The first sheet of a workbook; cell text as Excel shows it (links, formulas and numbers included). */
async function readXlsx(path: string): Promise<RosterSheet> {
  // Loaded here, not at start-up: exceljs takes most of a second to import and only .xlsx rosters need it.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code) throw err;
    throw new RosterFileError(`${path} is not a readable .xlsx workbook: ${(err as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new RosterFileError(`${path} has no sheets.`);
  const rows: RosterSheet["rows"] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells = Array.from({ length: width }, (_, i) => row.getCell(i + 1).text ?? "");
    rows.push({ line: row.number, cells });
  });
  const [first, ...rest] = rows;
  if (!first)
    throw new RosterFileError(`The first sheet of ${path} is empty: its first row must name the columns.`);
  return { header: first.cells, rows: rest };
}

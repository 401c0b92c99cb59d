// CSV that Excel opens correctly: UTF-8 BOM, CRLF line ends, and no cell that Excel would run as a formula.
import { createRequire } from "node:module";
import type * as CsvStringify from "csv-stringify/sync";

/** Required on the first CSV written, not at every start of the command line that imports this module. */
export const csvStringify = () =>
  (createRequire(import.meta.url)("csv-stringify/sync") as typeof CsvStringify).stringify;

const BOM = "\uFEFF";

/**
 * A cell starting with = + - @ (or a tab or carriage return, which Excel strips before looking) is prefixed
 * with an apostrophe, the OWASP guard: Excel shows the text and never evaluates it.
 */
export function guardCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsv(columns: readonly string[], rows: readonly (readonly string[])[]): Uint8Array {
  const body = csvStringify()([columns.map(guardCell), ...rows.map((r) => r.map(guardCell))], {
    record_delimiter: "windows",
    quoted_match: /[\r\n"]/,
  });
  return new TextEncoder().encode(BOM + body);
}

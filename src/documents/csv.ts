// CSV that Excel opens correctly: UTF-8 BOM, CRLF line ends, and no cell that Excel would run as a formula.
import { stringify } from "csv-stringify/sync";

const BOM = "\uFEFF";

/**
 * A cell starting with = + - @ (or a tab or carriage return, which Excel strips before looking) is prefixed
 * with an apostrophe, the OWASP guard: Excel shows the text and never evaluates it.
 */
export function guardCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsv(columns: readonly string[], rows: readonly (readonly string[])[]): Uint8Array {
  const body = stringify([columns.map(guardCell), ...rows.map((r) => r.map(guardCell))], {
    record_delimiter: "windows",
    quoted_match: /[\r\n"]/,
  });
  return new TextEncoder().encode(BOM + body);
}

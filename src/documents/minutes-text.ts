// The text of a minutes file for the minutes reader: a .txt as it is, a Word .docx (read with mammoth) as
// its paragraphs one per line and each table row as one line of tab-separated cells.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { stripControls } from "../core/clean-input.ts";

export class MinutesFileError extends Error {
  override readonly name = "MinutesFileError";
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e] ?? "");
const plain = (html: string) =>
  decode(html.replace(/<[^>]+>/g, ""))
    .replace(/\s+/g, " ")
    .trim();

/** mammoth's HTML as lines: a table row's cells joined by tabs, every other block on its own line. */
export function htmlToLines(html: string): string {
  const rows = (table: string) =>
    [...table.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)]
      .map((tr) =>
        [...(tr[1] ?? "").matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)]
          .map((td) => plain((td[1] ?? "").replace(/<\/p>/g, " ")))
          .join("\t"),
      )
      .join("\n");
  return html
    .replace(/<table[^>]*>(.*?)<\/table>/gs, (_, t: string) => `\n${rows(t)}\n`)
    .split(/<\/(?:p|h\d|li)>|<br\s*\/?>/)
    .map((block) =>
      block
        .split("\n")
        .map((l) => (l.includes("\t") ? l : plain(l)))
        .join("\n"),
    )
    .join("\n");
}

/** Reads the file; anything that is not a .txt or a real .docx is refused with what to do instead. */
export async function minutesText(path: string): Promise<string> {
  const ext = extname(path).toLowerCase();
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new MinutesFileError(`Cannot read ${path}: ${(err as Error).message}`);
  }
  if (ext === ".txt" || ext === ".md") return stripControls(bytes.toString("utf8"));
  if (ext !== ".docx")
    throw new MinutesFileError(
      `${path} is not a .docx or .txt file. Save the minutes from Word as .docx (Word 2007 or later), or as plain text.`,
    );
  try {
    // Loaded here, for the one command that reads a .docx: ~0.14 s of CPU and ~16 MB at every start otherwise.
    const { default: mammoth } = await import("mammoth");
    const { value } = await mammoth.convertToHtml({ buffer: bytes });
    return stripControls(htmlToLines(value));
  } catch {
    throw new MinutesFileError(
      `${path} is not a Word .docx document (it could not be opened as one). Save it from Word as .docx and try again.`,
    );
  }
}

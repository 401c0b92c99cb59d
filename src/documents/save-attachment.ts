// The shell's way to hand over a file: write it into the working folder and say where.
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Attachment } from "../core/papers/documents.ts";
import { renderDocument } from "./render-document.ts";

/**
 * Writes the attachment under `dir` without overwriting: report.docx, then report-2.docx, and so on
 * (the `wx` flag makes the check and the write one step). Returns the absolute path.
 */
export async function saveAttachment(a: Attachment, dir: string): Promise<string> {
  const { bytes } = await renderDocument(a.document);
  const dot = a.filename.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [a.filename.slice(0, dot), a.filename.slice(dot)] : [a.filename, ""];
  for (let n = 1; n < 1000; n++) {
    const path = resolve(join(dir, n === 1 ? a.filename : `${stem}-${n}${ext}`));
    try {
      await writeFile(path, bytes, { flag: "wx" });
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  throw new Error(`Too many files named ${a.filename} in ${dir}`);
}

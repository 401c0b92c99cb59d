// Turns a reply's document (data from the core) into file bytes and a content type.
// exceljs and docx load on the first workbook or Word paper (~1 s of start-up otherwise, for every command).
import type { Document } from "../core/papers/documents.ts";
import { toCsv } from "./csv.ts";
import { paperToHtml } from "./paper-html.ts";
import { paperToMarkdown } from "./paper-markdown.ts";
import { PAPER_COLUMNS, rowCells } from "./paper-text.ts";

export interface RenderedFile {
  bytes: Uint8Array;
  contentType: string;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export async function renderDocument(doc: Document): Promise<RenderedFile> {
  if (doc.kind === "table") {
    return doc.format === "xlsx"
      ? {
          bytes: await (await import("./xlsx.ts")).tableToXlsx(doc.table),
          contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
      : { bytes: toCsv(doc.table.columns, doc.table.rows), contentType: "text/csv; charset=utf-8" };
  }
  const p = doc.paper;
  switch (doc.format) {
    case "docx":
      return {
        bytes: await (await import("./paper-docx.ts")).paperToDocx(p),
        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      };
    case "html":
      return { bytes: utf8(paperToHtml(p)), contentType: "text/html; charset=utf-8" };
    case "md":
      return { bytes: utf8(paperToMarkdown(p)), contentType: "text/markdown; charset=utf-8" };
    case "csv": {
      const rows = p.sections.flatMap((s) =>
        s.rows.map((r) => [s.orgCode, s.orgName, ...rowCells(r), r.arose ?? ""]),
      );
      return {
        bytes: toCsv(["Organisation", "Organisation name", ...PAPER_COLUMNS, "Arose at"], rows),
        contentType: "text/csv; charset=utf-8",
      };
    }
  }
}

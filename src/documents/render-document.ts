// Turns a reply's document (data from the core) into file bytes and a content type.
import type { Document } from "../core/papers/documents.ts";
import { toCsv } from "./csv.ts";
import { paperToDocx } from "./paper-docx.ts";
import { paperToHtml } from "./paper-html.ts";
import { paperToMarkdown } from "./paper-markdown.ts";
import { PAPER_COLUMNS, rowCells } from "./paper-text.ts";
import { tableToXlsx } from "./xlsx.ts";

export interface RenderedFile {
  bytes: Uint8Array;
  contentType: string;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export async function renderDocument(doc: Document): Promise<RenderedFile> {
  if (doc.kind === "table") {
    return doc.format === "xlsx"
      ? {
          bytes: await tableToXlsx(doc.table),
          contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
      : { bytes: toCsv(doc.table.columns, doc.table.rows), contentType: "text/csv; charset=utf-8" };
  }
  const p = doc.paper;
  switch (doc.format) {
    case "docx":
      return {
        bytes: await paperToDocx(p),
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

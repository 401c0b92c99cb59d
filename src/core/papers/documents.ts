// Documents a command can hand back with its reply: data only; src/documents turns them into file bytes.
import type { Paper } from "./paper.ts";

export const PAPER_FORMATS = ["docx", "html", "md", "csv"] as const;
export type PaperFormat = (typeof PAPER_FORMATS)[number];
export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A flat table: one header row and rows of plain strings (what the action export writes). */
export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
}

export type Document =
  | { kind: "paper"; format: PaperFormat; paper: Paper }
  | { kind: "table"; format: ExportFormat; table: Table };

/** A file that goes with a reply: the shell saves it, chat platforms offer it behind a link. */
export interface Attachment {
  /** The partnership it belongs to: a link to it must never serve another's. */
  partnershipId: number;
  /** A safe file name, letters, digits, dots and dashes only. */
  filename: string;
  document: Document;
}

/** A file-name-safe slug of free text ("Essex Partners Board" → "essex-partners-board"). */
export const fileSlug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "file";

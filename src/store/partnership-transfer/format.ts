// The export file: a versioned envelope naming the schema it came from, and one array of rows per table.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import { MIGRATIONS_FOLDER } from "../migrate.ts";
import { storedColumns, TRANSFERRED, tableName } from "./tables.ts";

export const FORMAT = "quorum-partnership";
/** Bumped when the envelope itself changes; the rows follow the schema named in `schema`. */
export const FORMAT_VERSION = 1;

export type TransferErrorCode = "bad_file" | "unknown_version" | "newer_schema" | "not_empty";

/** A refusal the CLI prints as is: the file or the target database is not fit for the import. */
export class TransferError extends Error {
  override readonly name = "TransferError";
  constructor(
    readonly code: TransferErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface SchemaVersion {
  /** The last migration's tag, for people to read (renumbering may change it). */
  migration: string;
  /** The last migration's creation time, which renumbering keeps: what versions are compared by. */
  when: number;
}

const journalSchema = z.object({ entries: z.array(z.object({ tag: z.string(), when: z.number() })) });

/** The migrations this build of Quorum knows, oldest first. */
export function knownMigrations(): SchemaVersion[] {
  const journal = journalSchema.parse(
    JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")),
  );
  return journal.entries.map((e) => ({ migration: e.tag, when: e.when }));
}

export function currentSchema(): SchemaVersion {
  const last = knownMigrations().at(-1);
  if (!last) throw new Error("no migrations found");
  return last;
}

export type Row = Record<string, unknown>;

export interface PartnershipFile {
  format: typeof FORMAT;
  version: number;
  schema: SchemaVersion;
  exportedAt: string;
  partnership: { slug: string; name: string };
  tables: Record<string, Row[]>;
}

/** What one column's value may be, as PostgreSQL's row_to_json writes it. */
function columnValue(column: PgColumn): z.ZodType {
  const base = (() => {
    switch (column.columnType) {
      case "PgSerial":
      case "PgInteger":
        return z.number().int();
      case "PgText":
        return z.string();
      case "PgBoolean":
        return z.boolean();
      case "PgTimestamp":
        return z.iso.datetime({ offset: true });
      case "PgDateString":
        return z.iso.date();
      case "PgJsonb":
        return z.json();
      case "PgArray":
        return z.array(z.string());
      default:
        throw new Error(`partnership transfer: no rule for column type ${column.columnType}`);
    }
  })();
  return column.notNull ? base : base.nullable();
}

/** A row of a table: every stored column (defaulted ones may be missing in a file from an older schema). */
export function rowSchema(table: PgTable) {
  const shape: Record<string, z.ZodType> = {};
  for (const column of storedColumns(table)) {
    const value = columnValue(column);
    shape[column.name] = column.hasDefault || !column.notNull ? value.optional() : value;
  }
  return z.strictObject(shape);
}

const envelope = z.object({
  format: z.literal(FORMAT, { error: `not a Quorum partnership export (no "format": "${FORMAT}")` }),
  version: z.number().int(),
  schema: z.object({ migration: z.string(), when: z.number().int() }),
  exportedAt: z.string(),
  partnership: z.object({ slug: z.string(), name: z.string() }),
  tables: z.record(z.string(), z.array(z.unknown())),
});

/** Where a zod issue points, as a reader of the file would name it: tables.actions[3].due_on. */
const where = (path: PropertyKey[]) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${String(p)}` : String(p))).join("");

function describeIssues(error: z.ZodError, prefix: PropertyKey[] = []): string {
  const shown = error.issues
    .slice(0, 5)
    .map((i) => `  ${where([...prefix, ...i.path]) || "(top)"}: ${i.message}`);
  const more = error.issues.length > 5 ? [`  ... and ${error.issues.length - 5} more`] : [];
  return [...shown, ...more].join("\n");
}

/** Checks the envelope, the versions and every row; refusals say what is wrong and where. */
export function validateFile(data: unknown): PartnershipFile {
  const head = envelope.safeParse(data);
  if (!head.success)
    throw new TransferError(
      "bad_file",
      `The file is not a valid partnership export:\n${describeIssues(head.error)}`,
    );
  const file = head.data;
  if (file.version !== FORMAT_VERSION)
    throw new TransferError(
      "unknown_version",
      `The file is in export format version ${file.version}; this Quorum reads version ${FORMAT_VERSION}.${file.version > FORMAT_VERSION ? " Upgrade Quorum to import it." : ""}`,
    );
  checkSchema(file.schema);
  const names = new Set(TRANSFERRED.map((t) => tableName(t.table)));
  const stray = Object.keys(file.tables).filter((n) => !names.has(n));
  if (stray.length)
    throw new TransferError(
      "bad_file",
      `The file has tables this Quorum does not know: ${stray.join(", ")}.`,
    );
  for (const { table } of TRANSFERRED) {
    const name = tableName(table);
    const rows = z.array(rowSchema(table)).safeParse(file.tables[name] ?? []);
    if (!rows.success)
      throw new TransferError(
        "bad_file",
        `The file's ${name} rows are not valid:\n${describeIssues(rows.error, ["tables", name])}`,
      );
  }
  const partnerships = file.tables.partnerships ?? [];
  if (partnerships.length !== 1 || (partnerships[0] as Row).slug !== file.partnership.slug)
    throw new TransferError(
      "bad_file",
      `The file must hold exactly one partnership, "${file.partnership.slug}".`,
    );
  return file as PartnershipFile;
}

function checkSchema(schema: SchemaVersion): void {
  const known = knownMigrations();
  const current = known.at(-1);
  if (known.some((m) => m.when === schema.when)) return;
  if (current && schema.when > current.when)
    throw new TransferError(
      "newer_schema",
      `The file comes from a newer Quorum (schema ${schema.migration}); this one knows up to ${current.migration}. Upgrade Quorum, then import.`,
    );
  throw new TransferError(
    "unknown_version",
    `The file's schema ${schema.migration} is not one this Quorum knows (its schemas run up to ${current?.migration}).`,
  );
}

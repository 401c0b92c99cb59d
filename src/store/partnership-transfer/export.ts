// Reads everything one partnership owns, table by table, into the export file's shape.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../open-database.ts";
import { currentSchema, FORMAT, FORMAT_VERSION, type PartnershipFile, type Row } from "./format.ts";
import { ident, keyColumns, scopeWhere, storedColumns, TRANSFERRED, tableName } from "./tables.ts";

/** Rows of a query, the same way on both drivers (postgres.js returns an array, PGlite { rows }). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/**
 * One snapshot of the partnership (a repeatable-read transaction, so a writer cannot tear it). Values
 * come from row_to_json, so timestamps keep their microseconds and arrays and JSON stay as they are.
 */
export async function exportPartnership(
  db: Db,
  partnershipId: number,
  now: Date = new Date(),
): Promise<PartnershipFile> {
  return db.transaction(
    async (tx) => {
      const [p] = await queryRows<{ slug: string; name: string }>(
        tx as unknown as Db,
        sql`select slug, name from partnerships where id = ${partnershipId}`,
      );
      if (!p) throw new Error(`no partnership with id ${partnershipId}`);
      const tables: Record<string, Row[]> = {};
      for (const { table, scope } of TRANSFERRED) {
        const order = keyColumns(table).map((c) => ident(c));
        const rows = await queryRows<{ r: Row }>(
          tx as unknown as Db,
          sql`select json_build_object(${sql.join(
            storedColumns(table).map((c) => sql`${c.name}::text, t.${ident(c.name)}`),
            sql`, `,
          )}) as r from ${ident(tableName(table))} t where ${scopeWhere(scope, { id: partnershipId, slug: p.slug })} order by ${sql.join(order, sql`, `)}`,
        );
        tables[tableName(table)] = rows.map((x) => (typeof x.r === "string" ? JSON.parse(x.r) : x.r));
      }
      return {
        format: FORMAT,
        version: FORMAT_VERSION,
        schema: currentSchema(),
        exportedAt: now.toISOString(),
        partnership: { slug: p.slug, name: p.name },
        tables,
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** The file's text: the envelope as usual, then one row a line so a diff or a reader can follow it. */
export function serialiseFile(file: PartnershipFile): string {
  const { tables, ...head } = file;
  const body = Object.entries(tables)
    .map(
      ([name, rows]) =>
        `${JSON.stringify(name)}: [${rows.length ? `\n${rows.map((r) => `  ${JSON.stringify(r)}`).join(",\n")}\n` : ""}]`,
    )
    .join(",\n");
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, "");
  return `${top},\n"tables": {\n${body}\n}\n}\n`;
}

/** How many rows of each table, for the CLI's summary. */
export const countRows = (file: PartnershipFile) =>
  Object.fromEntries(Object.entries(file.tables).map(([name, rows]) => [name, rows.length]));

// Writes an export file into an empty database in one transaction, keeping every id (A-12, Q-3, M-2).
import { sql } from "drizzle-orm";
import type { Db } from "../open-database.ts";
import { queryRows } from "./export.ts";
import { type PartnershipFile, type Row, TransferError } from "./format.ts";
import { ident, storedColumns, TRANSFERRED, tableName } from "./tables.ts";

/** Rows per INSERT: one JSON parameter each, small enough for either driver. */
const CHUNK = 5000;

/**
 * Ids are kept as they are, so the target must hold no partnership at all: only then can no id, number,
 * handle or linked workspace collide. Each serial sequence then continues after the highest id.
 */
export async function importPartnership(db: Db, file: PartnershipFile, platform = "system"): Promise<void> {
  try {
    await writeAll(db, file, platform);
  } catch (err) {
    if (err instanceof TransferError) throw err;
    throw new TransferError(
      "bad_file",
      `The file's rows do not fit together, so nothing was imported: ${databaseReason(err)}.`,
    );
  }
}

/** The database's own words (a foreign key or a unique key the rows break), without the query or its rows. */
function databaseReason(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause ?? err;
  const { message, detail } = cause as { message?: string; detail?: string };
  return `${message ?? String(cause)}${detail ? ` (${detail})` : ""}`;
}

async function writeAll(db: Db, file: PartnershipFile, platform: string): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    // A second import at the same moment waits here, then finds this one's partnership and says so.
    await t.execute(sql`lock table partnerships in exclusive mode`);
    await refuseUnlessEmpty(t, file.partnership.slug);
    const restore = await suspendForeignKeys(t);
    for (const { table } of TRANSFERRED) {
      const rows = file.tables[tableName(table)] ?? [];
      if (rows.length === 0) continue;
      const name = tableName(table);
      // The columns the file has (a file from an older schema lacks the newer ones, which take defaults).
      const present = storedColumns(table).filter((c) => c.name in (rows[0] as Row));
      const list = sql.join(
        present.map((c) => ident(c.name)),
        sql`, `,
      );
      if (name === "settings")
        await t.execute(
          sql`delete from settings where key in (select key from json_populate_recordset(null::settings, ${JSON.stringify(rows)}::json))`,
        );
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = JSON.stringify(rows.slice(i, i + CHUNK));
        await t.execute(
          sql`insert into ${ident(name)} (${list}) select ${list} from json_populate_recordset(null::${ident(name)}, ${chunk}::json)`,
        );
      }
    }
    await restore();
    await resetSequences(t);
    const [p] = await queryRows<{ id: number }>(
      t,
      sql`select id from partnerships where slug = ${file.partnership.slug}`,
    );
    await t.execute(sql`insert into audit_events (partnership_id, platform, verb, subject, detail)
      values (${p?.id}, ${platform}, 'partnership.import', ${file.partnership.slug},
              ${JSON.stringify({ exportedAt: file.exportedAt, schema: file.schema.migration })}::jsonb)`);
  });
}

async function refuseUnlessEmpty(db: Db, slug: string): Promise<void> {
  const existing = await queryRows<{ slug: string; name: string }>(
    db,
    sql`select slug, name from partnerships order by id`,
  );
  if (existing.some((p) => p.slug === slug))
    throw new TransferError(
      "not_empty",
      `This database already has the partnership "${slug}"; nothing was imported. Import into an empty database (a new data folder or a new PostgreSQL database).`,
    );
  if (existing.length)
    throw new TransferError(
      "not_empty",
      `This database already holds ${existing.map((p) => `"${p.slug}"`).join(", ")}; import partnership needs an empty database, so that every id stays as it was. Nothing was imported. Use a new data folder (DATABASE_URL=file://...) or a new PostgreSQL database.`,
    );
}

/**
 * Checking each foreign key row by row was two thirds of an import's time (100,000 actions); dropped
 * for the transaction and added back, each is checked once over the whole table, with the same
 * message (and rollback) for a row that points nowhere.
 */
async function suspendForeignKeys(db: Db): Promise<() => Promise<void>> {
  const names = TRANSFERRED.map((t) => tableName(t.table));
  const keys = (
    await queryRows<{ table: string; name: string; definition: string }>(
      db,
      sql`select c.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as definition
          from pg_constraint k join pg_class c on c.oid = k.conrelid
          where k.contype = 'f' and c.relnamespace = current_schema()::regnamespace`,
    )
  ).filter((k) => names.includes(k.table));
  for (const k of keys) await db.execute(sql`alter table ${ident(k.table)} drop constraint ${ident(k.name)}`);
  return async () => {
    for (const k of keys)
      await db.execute(
        sql`alter table ${ident(k.table)} add constraint ${ident(k.name)} ${sql.raw(k.definition)}`,
      );
  };
}

/** Every serial column's sequence continues after the highest id now in its table. */
async function resetSequences(db: Db): Promise<void> {
  for (const { table } of TRANSFERRED) {
    for (const column of storedColumns(table).filter((c) => c.columnType === "PgSerial")) {
      const name = tableName(table);
      await db.execute(
        sql`select setval(pg_get_serial_sequence(${name}, ${column.name}), coalesce((select max(${ident(column.name)}) from ${ident(name)}), 0) + 1, false)`,
      );
    }
  }
}

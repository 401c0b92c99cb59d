// quorum export|import partnership: move one partnership, all it owns, between databases through a JSON file.
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import {
  countRows,
  exportPartnership,
  importPartnership,
  type PartnershipFile,
  serialiseFile,
  TransferError,
  validateFile,
} from "../store/partnership-transfer/index.ts";
import { type CliEnv, CliError, cliArgs, withApp } from "./command.ts";
import { openSession } from "./session.ts";

export const EXPORT_SYNTAX = "export partnership <file.json> [--partnership <slug>]";
export const IMPORT_SYNTAX = "import partnership <file.json>";

/** "12 people, 100 actions, ..." for the tables people recognise. */
function summary(file: PartnershipFile): string {
  const n = countRows(file);
  const part = (table: string, one: string, many: string) =>
    `${n[table] ?? 0} ${(n[table] ?? 0) === 1 ? one : many}`;
  return [
    part("organisations", "organisation", "organisations"),
    part("people", "person", "people"),
    part("groups", "group", "groups"),
    part("actions", "action", "actions"),
    part("meetings", "meeting", "meetings"),
    part("faq_entries", "FAQ entry", "FAQ entries"),
    part("enquiries", "question", "questions"),
    part("audit_events", "audit event", "audit events"),
  ].join(", ");
}

export async function exportPartnershipCli(args: string[], env: CliEnv): Promise<number> {
  const { values, positionals, str, as } = cliArgs(args);
  const unknown = Object.keys(values).filter((k) => !["as", "partnership"].includes(k));
  const path = positionals[0];
  if (positionals.length !== 1 || !path || unknown.length)
    throw new CliError(`Usage: quorum ${EXPORT_SYNTAX}`, 2);
  return withApp(env, async (app) => {
    const session = await openSession(app, env, { partnership: str("partnership"), as });
    const actor = await app.store.transaction((repos) =>
      repos.people.byHandle(session.partnership.id, session.user),
    );
    // The file holds everyone's names and emails and every enquiry: the same right as the people it reveals.
    if (actor?.role !== "admin")
      throw new CliError(
        `Only an admin may export a partnership; ${actor ? `@${actor.handle} is not one` : `no one has the handle "${session.user}"`}. Pass --as <admin handle>.`,
      );
    const file = await exportPartnership(app.database.db, session.partnership.id, app.clock.now());
    await writeWhole(path, serialiseFile(file));
    env.io.stdout.write(
      `Exported ${session.partnership.name} (${session.partnership.slug}) to ${path}: ${summary(file)}.\nIt holds people's names, emails and questions: keep it as safe as the database. To move to PostgreSQL: DATABASE_URL=postgres://... quorum import partnership ${basename(path)}\n`,
    );
    return 0;
  });
}

/** Written beside the target and renamed over it, owner-only: a failed export leaves no half a file. */
async function writeWhole(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, path);
  } catch (err) {
    await rm(temporary, { force: true });
    throw new CliError(`Cannot write ${path}: ${(err as Error).message}`);
  }
}

async function readExport(path: string): Promise<PartnershipFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      code === "ENOENT" ? `There is no file ${path}.` : `Cannot read ${path}: ${(err as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new CliError(
      `${path} is not JSON (${(err as Error).message}); give the file quorum export partnership wrote.`,
    );
  }
  try {
    return validateFile(data);
  } catch (err) {
    if (err instanceof TransferError) throw new CliError(`${path}: ${err.message}\nNothing was imported.`);
    throw err;
  }
}

export async function importPartnershipCli(args: string[], env: CliEnv): Promise<number> {
  const { values, positionals } = cliArgs(args);
  const unknown = Object.keys(values).filter((k) => k !== "as");
  const path = positionals[0];
  if (positionals.length !== 1 || !path || unknown.length)
    throw new CliError(`Usage: quorum ${IMPORT_SYNTAX}`, 2);
  const file = await readExport(path);
  return withApp(env, async (app) => {
    try {
      await importPartnership(app.database.db, file);
    } catch (err) {
      if (err instanceof TransferError)
        throw new CliError(`${err.message}${err.code === "bad_file" ? " Was the file edited by hand?" : ""}`);
      throw err;
    }
    env.io.stdout.write(
      `Imported ${file.partnership.name} (${file.partnership.slug}) from ${path}: ${summary(file)}.\nEvery reference (A-n, Q-n, M-n) is as it was. Start it with: quorum start --partnership ${file.partnership.slug}\n`,
    );
    return 0;
  });
}

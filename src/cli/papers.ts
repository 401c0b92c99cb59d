// quorum papers and quorum export actions: the chat commands' files, written to --out (same core, same checks).
import { writeFile } from "node:fs/promises";
import { shellEvent } from "../adapters/shell/shell-adapter.ts";
import type { Card } from "../core/card.ts";
import { cardToText } from "../core/render-text.ts";
import { renderDocument } from "../documents/render-document.ts";
import { type CliEnv, CliError, cliArgs, withApp } from "./command.ts";
import { openSession } from "./session.ts";

export const PAPERS_SYNTAX =
  "papers <group> [--meeting M-<n>] [--date <date>] --format docx|html|md|csv --out <file>";
export const EXPORT_ACTIONS_SYNTAX =
  "export actions [--group <slug>] [--org <CODE>] [--status open|overdue|done|dropped|all] --format csv|xlsx --out <file>";

const STRING = { type: "string" } as const;

/** A value for the chat grammar: quoted when it has spaces, so "22 January 2027" stays one date. */
const word = (s: string) => (/\s/.test(s) ? `"${s.replace(/"/g, "")}"` : s);

/** Runs one chat command as the session's person and writes the file its reply carries to `out`. */
async function runToFile(env: CliEnv, args: string[], line: string, out: string): Promise<number> {
  const { as, str } = cliArgs(args, {});
  return withApp(env, async (app) => {
    const session = await openSession(app, env, { partnership: str("partnership"), as });
    const reply: Card = await app.quorum.handle(shellEvent(session.user, line, session.tenant));
    if (reply.tone === "error" || !reply.attachment) {
      env.io.stderr.write(`${cardToText(reply)}\n`);
      return 1;
    }
    const { bytes } = await renderDocument(reply.attachment.document);
    try {
      await writeFile(out, bytes);
    } catch (err) {
      throw new CliError(`Cannot write ${out}: ${(err as Error).message}`);
    }
    env.io.stdout.write(`${cardToText(reply)}\nWritten to ${out}.\n`);
    return 0;
  });
}

export function runPapers(args: string[], env: CliEnv): Promise<number> {
  const { positionals, str } = cliArgs(args, {
    meeting: STRING,
    date: STRING,
    format: STRING,
    out: STRING,
  });
  const [group] = positionals;
  const format = str("format");
  const out = str("out");
  if (positionals.length !== 1 || !group || !format || !out)
    throw new CliError(`Usage: quorum ${PAPERS_SYNTAX}`, 2);
  const meeting = str("meeting");
  const target = meeting ? `${word(meeting)} group:${word(group)}` : `group:${word(group)}`;
  const line = `meeting papers ${target} ${str("date") ? word(str("date") ?? "") : ""} format:${word(format)}`;
  return runToFile(env, args, line, out);
}

export function runExportActions(args: string[], env: CliEnv): Promise<number> {
  const { positionals, str } = cliArgs(args, {
    group: STRING,
    org: STRING,
    owner: STRING,
    status: STRING,
    format: STRING,
    out: STRING,
  });
  const format = str("format");
  const out = str("out");
  if (positionals.length || !format || !out) throw new CliError(`Usage: quorum ${EXPORT_ACTIONS_SYNTAX}`, 2);
  const options = ["group", "org", "owner"]
    .map((k) => (str(k) ? `${k}:${word(str(k) ?? "")}` : ""))
    .filter(Boolean);
  const line = `action export ${word(str("status") ?? "all")} ${options.join(" ")} format:${word(format)}`;
  return runToFile(env, args, line, out);
}

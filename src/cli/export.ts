// quorum export people: write the roster as a CSV with the import's columns, so a round trip changes nothing.
import { writeFile } from "node:fs/promises";
import { ROSTER_COLUMNS } from "../core/directory/roster.ts";
import { exportRoster } from "../core/directory/roster-apply.ts";
import { csvStringify } from "../documents/csv.ts";
import { type CliCommand, CliError, cliArgs, withApp } from "./command.ts";
import { EXPORT_ACTIONS_SYNTAX, runExportActions } from "./papers.ts";
import { EXPORT_SYNTAX, exportPartnershipCli } from "./partnership-transfer.ts";
import { choosePartnership } from "./session.ts";

const SYNTAX = "export people <file.csv> [--partnership <slug>]";

export const exportCommand: CliCommand = {
  name: "export",
  usage: [
    [SYNTAX, "write everyone active to a CSV that import people reads back"],
    [EXPORT_SYNTAX, "write everything the partnership owns, with its history, to a JSON file"],
    [EXPORT_ACTIONS_SYNTAX, "write the action log, one row per action with its latest note"],
  ],
  run(args, env) {
    const [what, ...rest] = args;
    if (what === "partnership") return exportPartnershipCli(rest, env);
    if (what === "actions") return runExportActions(rest, env);
    const { positionals, str } = cliArgs(rest);
    const path = positionals[0];
    if (what !== "people" || positionals.length !== 1 || !path)
      throw new CliError(`Usage: quorum ${SYNTAX}\n       quorum ${EXPORT_SYNTAX}`, 2);
    return withApp(env, async (app) => {
      const { partnership, rows, withoutEmail } = await app.store.transaction(async (repos) => {
        const partnership = await choosePartnership(repos, str("partnership") ?? env.config.partnership);
        return { partnership, ...(await exportRoster(repos, partnership.id)) };
      });
      try {
        await writeFile(
          path,
          csvStringify()(rows, { header: true, columns: ROSTER_COLUMNS, record_delimiter: "unix" }),
        );
      } catch (err) {
        throw new CliError(`Cannot write ${path}: ${(err as Error).message}`);
      }
      env.io.stdout.write(`Exported ${rows.length} people of ${partnership.name} to ${path}.\n`);
      if (withoutEmail.length)
        env.io.stdout.write(
          `Left out (no email, which the import matches on): ${withoutEmail.join(", ")}.\n`,
        );
      return 0;
    });
  },
};

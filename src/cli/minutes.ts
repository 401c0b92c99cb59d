// quorum minutes: a minutes file (.txt or .docx) through the same preview as a paste in chat; --yes creates.
import { shellEvent } from "../adapters/shell/shell-adapter.ts";
import { actionExcerpt } from "../core/minutes/parse-minutes.ts";
import { MAX_MINUTES, PREVIEW_HOURS } from "../core/minutes/preview.ts";
import { cardToText } from "../core/render-text.ts";
import { MinutesFileError, minutesText } from "../documents/minutes-text.ts";
import { type CliCommand, CliError, cliArgs, withApp } from "./command.ts";
import { openSession } from "./session.ts";

export const MINUTES_SYNTAX = "minutes <group> <file.txt|file.docx> --meeting M-<n> [--date <date>] [--yes]";

async function readMinutes(file: string): Promise<string> {
  try {
    const text = await minutesText(file);
    // A whole document is longer than a paste may be: keep the lines the reader looks at.
    return text.length > MAX_MINUTES ? actionExcerpt(text) : text;
  } catch (err) {
    if (err instanceof MinutesFileError) throw new CliError(err.message);
    throw err;
  }
}

export const minutesCommand: CliCommand = {
  name: "minutes",
  usage: [[MINUTES_SYNTAX, "turn a meeting's minutes into actions (a preview; --yes creates them)"]],
  run(args, env) {
    const { positionals, str, values, as } = cliArgs(args, {
      meeting: { type: "string" },
      date: { type: "string" },
      yes: { type: "boolean" },
    });
    const [group, file] = positionals;
    const meeting = str("meeting");
    if (positionals.length !== 2 || !group || !file || !meeting)
      throw new CliError(`Usage: quorum ${MINUTES_SYNTAX}`, 2);
    const { io } = env;
    return withApp(env, async (app) => {
      const text = await readMinutes(file);
      const session = await openSession(app, env, { partnership: str("partnership"), as });
      const say = (line: string) => app.quorum.handle(shellEvent(session.user, line, session.tenant));
      const head = ["actions from minutes", meeting, str("date") ?? "", `group:${group}`].join(" ");
      const preview = await say(`${head}\n${text}`);
      io.stdout.write(`${cardToText(preview)}\n`);
      if (preview.tone === "error" || !preview.ref) return 1;
      if (values.yes !== true) {
        io.stdout.write(
          `\nNothing is created yet. Run again with --yes, or within ${PREVIEW_HOURS} hours: quorum say "minutes create ${preview.ref}"\n`,
        );
        return 0;
      }
      const created = await say(`minutes create ${preview.ref}`);
      io.stdout.write(`\n${cardToText(created)}\n`);
      return created.tone === "error" ? 1 : 0;
    });
  },
};

// quorum faq import|search: load a council FAQ document, or see what the search finds and how sure it is.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { neutraliseControls } from "../core/clean-input.ts";
import { contextFor } from "../core/context.ts";
import { QuorumError } from "../core/errors.ts";
import { applyFaqImport, countItems, importLines, planFaqImport } from "../core/questions/faq-import.ts";
import { searchFaq } from "../core/questions/faq-service.ts";
import { resolveTopic } from "../core/questions/topics.ts";
import { type CliCommand, type CliEnv, cliArgs, usageLines, withApp } from "./command.ts";
import { choosePartnership, openSession } from "./session.ts";

async function runFaq(args: string[], env: CliEnv): Promise<number> {
  const { io } = env;
  const { str, values, positionals, as } = cliArgs(args, {
    topic: { type: "string" },
    json: { type: "boolean" },
    "dry-run": { type: "boolean" },
    merge: { type: "boolean" },
  });
  const [verb, ...rest] = positionals;
  return withApp(env, async (app) => {
    if (verb === "import" && rest.length === 1 && rest[0]) {
      const file = rest[0];
      const text = readFileSync(file, "utf8");
      const { partnership, user, tenant } = await openSession(app, env, {
        partnership: str("partnership"),
        as,
      });
      return await app.store.transaction(async (repos) => {
        const actor = await repos.people.byHandle(partnership.id, user);
        if (!actor)
          throw new QuorumError(
            "not_linked",
            `No one has the handle "${user}" in ${partnership.name}; pass --as <handle> for the audit log.`,
          );
        const ctx = contextFor(repos, partnership, actor, app.clock.now(), {
          platform: "shell",
          tenant,
          conversation: { id: "cli", kind: "direct" },
        });
        const slug = str("topic");
        const topic = slug ? await resolveTopic(ctx, slug) : null;
        const plan = await planFaqImport(ctx, text, { merge: values.merge === true, topic });
        const dryRun = values["dry-run"] === true;
        const lines = importLines(plan, dryRun).map(neutraliseControls);
        const c = dryRun ? countItems(plan) : await applyFaqImport(ctx, plan, basename(file), topic);
        const counts = `${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged, ${c.merged} merged, ${c.skipped} skipped`;
        io.stdout.write(
          dryRun
            ? `Dry run of ${basename(file)} into ${partnership.name} (nothing stored): would be ${counts}.\n`
            : `Imported ${basename(file)} into ${partnership.name}: ${counts}.\n`,
        );
        for (const line of lines) if (!line.startsWith("Unchanged")) io.stdout.write(`  ${line}\n`);
        return 0;
      });
    }
    if (verb === "search" && rest.length > 0) {
      const text = rest.join(" ");
      const found = await app.store.transaction(async (repos) => {
        const partnership = await choosePartnership(repos, str("partnership") ?? env.config.partnership);
        return searchFaq(repos, partnership.id, text, 5);
      });
      const rows = found.map((f) => ({
        id: f.entry.id,
        question: f.entry.question,
        score: f.score,
        confident: f.confident,
      }));
      if (values.json) io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else if (!rows.length) io.stdout.write("No matches.\n");
      else
        for (const r of rows)
          io.stdout.write(
            `F-${r.id}  ${r.score.toFixed(3)}${r.confident ? " confident" : ""}  ${neutraliseControls(r.question)}\n`,
          );
      return 0;
    }
    io.stderr.write(`Usage:\n${usageLines([faqCommand])}\n`);
    return 2;
  });
}

export const faqCommand: CliCommand = {
  name: "faq",
  usage: [
    [
      "faq import <file> [--dry-run] [--merge] [--topic <slug>] [--partnership <slug>]",
      "import or update FAQ entries from a document (--dry-run: preview; --merge: fold likely duplicates in as phrasings)",
    ],
    ['faq search "<text>" [--json] [--partnership <slug>]', "search the FAQ: best first, with confidence"],
  ],
  async run(args, env) {
    try {
      return await runFaq(args, env);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EISDIR" || code === "EACCES") {
        env.io.stderr.write(`Cannot read the FAQ file: ${(err as Error).message}\n`);
        return 1;
      }
      throw err;
    }
  },
};

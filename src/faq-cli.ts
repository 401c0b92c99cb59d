// quorum faq import|search: load a council FAQ document, or see what the search finds and how sure it is.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import type { App } from "./app.ts";
import { ensureSomePartnership } from "./app.ts";
import type { Io } from "./cli.ts";
import { neutraliseControls } from "./core/clean-input.ts";
import type { Context } from "./core/context.ts";
import { QuorumError } from "./core/errors.ts";
import type { Repos } from "./core/ports.ts";
import { importFaq, searchFaq } from "./core/questions/faq-service.ts";
import { resolveTopic } from "./core/questions/topics.ts";
import type { Partnership } from "./core/types.ts";

export const FAQ_CLI_USAGE = `  faq import <file> [--topic <slug>] [--partnership <slug>]   import or update FAQ entries from a document
  faq search "<text>" [--json] [--partnership <slug>]          search the FAQ: best first, with confidence`;

async function pickPartnership(repos: Repos, slug: string | undefined): Promise<Partnership> {
  if (slug) {
    const p = await repos.partnerships.bySlug(slug);
    if (p) return p;
  }
  const all = await repos.partnerships.list();
  if (!slug && all.length === 1 && all[0]) return all[0];
  const known = all.map((p) => p.slug).join(", ") || "none yet";
  throw new QuorumError(
    "not_found",
    `${slug ? `There is no partnership "${slug}"` : "Say which partnership"} (--partnership): ${known}.`,
  );
}

export async function runFaqCli(app: App, args: string[], io: Io, user: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      topic: { type: "string" },
      partnership: { type: "string" },
      json: { type: "boolean" },
      as: { type: "string" },
    },
    allowPositionals: true,
    strict: false,
  });
  const [verb, ...rest] = positionals;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  try {
    await ensureSomePartnership(app);
    if (verb === "import" && rest.length === 1 && rest[0]) {
      const file = rest[0];
      const text = readFileSync(file, "utf8");
      return await app.store.transaction(async (repos) => {
        const partnership = await pickPartnership(repos, str(values.partnership));
        const actor = await repos.people.byHandle(partnership.id, user);
        if (!actor)
          throw new QuorumError(
            "not_linked",
            `No one has the handle "${user}"; pass --as <handle> for the audit log.`,
          );
        const ctx: Context = {
          repos,
          now: app.clock.now(),
          partnership,
          actor,
          platform: "shell",
          tenant: "local",
          conversation: { id: "cli", kind: "direct" },
        };
        const slug = str(values.topic);
        const topic = slug ? await resolveTopic(ctx, slug) : null;
        const r = await importFaq(ctx, text, basename(file), topic);
        io.stdout.write(
          `Imported ${basename(file)} into ${partnership.name}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged.\n`,
        );
        for (const q of r.unanswered) io.stderr.write(`Skipped (no answer): ${q}\n`);
        return 0;
      });
    }
    if (verb === "search" && rest.length > 0) {
      const text = rest.join(" ");
      const found = await app.store.transaction(async (repos) => {
        const partnership = await pickPartnership(repos, str(values.partnership));
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
    io.stderr.write(`Usage:\n${FAQ_CLI_USAGE}\n`);
    return 2;
  } catch (err) {
    if (err instanceof QuorumError) {
      io.stderr.write(`${err.message}\n`);
      return 1;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || code === "EACCES") {
      io.stderr.write(`Cannot read the FAQ file: ${(err as Error).message}\n`);
      return 1;
    }
    throw err;
  }
}

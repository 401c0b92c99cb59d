// quorum import people: bring a roster (CSV or .xlsx) into a partnership, all or nothing unless told otherwise.
import { basename } from "node:path";
import { neutraliseControls } from "../core/clean-input.ts";
import { type Context, contextFor } from "../core/context.ts";
import {
  type PersonPlan,
  planRoster,
  type RosterPlan,
  type RowProblem,
  readSheet,
} from "../core/directory/roster.ts";
import { applyRoster, countPlan, loadDirectory } from "../core/directory/roster-apply.ts";
import { QuorumError } from "../core/errors.ts";
import { RosterFileError, readRosterFile } from "../roster-file.ts";
import { type CliCommand, type CliEnv, CliError, cliArgs, withApp } from "./command.ts";
import { IMPORT_SYNTAX, importPartnershipCli } from "./partnership-transfer.ts";
import { openSession } from "./session.ts";

const SYNTAX = "import people <file.csv|file.xlsx> [--partnership <slug>] [--dry-run] [--skip-invalid]";
const usage = () => new CliError(`Usage: quorum ${SYNTAX}\n       quorum ${IMPORT_SYNTAX}`, 2);
const clean = (s: string) => neutraliseControls(s);

function describe(p: PersonPlan): string {
  if (p.kind === "add")
    return `+ @${p.handle}  ${clean(p.name)} <${clean(p.email)}>  ${p.orgCode ?? ""}  ${p.role}${p.joins.length ? `  groups: ${p.joins.join(", ")}` : ""}${p.chairs.length ? `  chair of: ${p.chairs.join(", ")}` : ""}`;
  return `~ @${p.handle}  ${clean(p.changes.join("; "))}`;
}

function summary(file: string, partnership: string, plan: RosterPlan, dryRun: boolean): string {
  const c = countPlan(plan);
  const lines = [
    dryRun
      ? `Dry run of ${file} for ${partnership}: would add ${c.added}, update ${c.updated}; ${c.unchanged} unchanged. Nothing was written.`
      : `Imported ${file} into ${partnership}: ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged.`,
  ];
  if (plan.newOrgs.length)
    lines.push(
      `New organisations: ${plan.newOrgs.map((o) => (o.name === o.code ? o.code : `${o.code} (${clean(o.name)})`)).join(", ")}.`,
    );
  if (plan.newGroups.length)
    lines.push(
      `New groups: ${plan.newGroups.join(", ")} (named after their slugs; group rename <slug> "<Name>" to name them).`,
    );
  return lines.join("\n");
}

async function actorContext(
  ctxArgs: { repos: Context["repos"]; now: Date },
  session: Awaited<ReturnType<typeof openSession>>,
) {
  const actor = await ctxArgs.repos.people.byHandle(session.partnership.id, session.user);
  if (!actor)
    throw new QuorumError(
      "not_linked",
      `No one has the handle "${session.user}" in ${session.partnership.name}; pass --as <handle> for the audit log.`,
    );
  if (actor.role !== "admin")
    throw new QuorumError(
      "forbidden",
      `Only an admin may import people; @${actor.handle} is ${actor.role === "observer" ? "an" : "a"} ${actor.role}.`,
    );
  return contextFor(ctxArgs.repos, session.partnership, actor, ctxArgs.now, {
    platform: "shell",
    tenant: session.tenant,
    conversation: { id: "cli", kind: "direct" },
  });
}

async function importPeople(args: string[], env: CliEnv): Promise<number> {
  const { values, positionals, str, as } = cliArgs(args, {
    "dry-run": { type: "boolean" },
    "skip-invalid": { type: "boolean" },
  });
  const unknown = Object.keys(values).filter(
    (k) => !["as", "partnership", "dry-run", "skip-invalid"].includes(k),
  );
  if (positionals.length !== 1 || !positionals[0] || unknown.length) throw usage();
  const path = positionals[0];
  const file = basename(path);
  const dryRun = values["dry-run"] === true;
  const sheet = await readRosterFile(path);
  const read = readSheet(sheet);
  return withApp(env, async (app) => {
    const session = await openSession(app, env, { partnership: str("partnership"), as });
    return app.store.transaction(async (repos) => {
      const ctx = await actorContext({ repos, now: app.clock.now() }, session);
      const plan = planRoster(read.entries, await loadDirectory(repos, session.partnership.id, read.entries));
      const problems: RowProblem[] = [...read.problems, ...plan.problems].sort((a, b) => a.line - b.line);
      for (const p of problems) env.io.stderr.write(`Line ${p.line}: ${clean(p.reason)}\n`);
      if (read.ignored.length)
        env.io.stderr.write(`Ignored columns: ${read.ignored.map(clean).join(", ")}.\n`);
      if (problems.length && values["skip-invalid"] !== true) {
        env.io.stderr.write(
          `Nothing imported: ${problems.length} bad row${problems.length === 1 ? "" : "s"}. Fix ${problems.length === 1 ? "it" : "them"}, or pass --skip-invalid to import the other ${plan.people.length}.\n`,
        );
        return 1;
      }
      for (const p of plan.people) if (p.kind !== "unchanged") env.io.stdout.write(`${describe(p)}\n`);
      if (!dryRun) await applyRoster(ctx, plan, file);
      env.io.stdout.write(`${summary(file, session.partnership.name, plan, dryRun)}\n`);
      if (problems.length)
        env.io.stdout.write(
          `Skipped ${problems.length} bad row${problems.length === 1 ? "" : "s"} (listed above).\n`,
        );
      return 0;
    });
  });
}

export const importCommand: CliCommand = {
  name: "import",
  usage: [
    [
      SYNTAX,
      "add or update people from a roster (columns: name, email, org, handle, org_name, role, groups, chair_of)",
    ],
    [IMPORT_SYNTAX, "restore a partnership export into an empty database (PGlite or PostgreSQL)"],
  ],
  async run(args, env) {
    const [what, ...rest] = args;
    if (what === "partnership") return importPartnershipCli(rest, env);
    if (what !== "people") throw usage();
    try {
      return await importPeople(rest, env);
    } catch (err) {
      if (err instanceof RosterFileError) throw new CliError(err.message);
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EISDIR" || code === "EACCES")
        throw new CliError(`Cannot read the roster: ${(err as Error).message}`);
      throw err;
    }
  },
};

// quorum init: set up a partnership and its first admin from flags, asking in a terminal for what is missing.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import type { App } from "../app.ts";
import {
  checkSetupField,
  DEFAULT_ZONE,
  DEMO_SLUG,
  type SetupField,
  type SetupInput,
  setUpPartnership,
  suggestHandle,
} from "../core/directory/setup.ts";
import { type CliCommand, type CliEnv, CliError, withApp } from "./command.ts";
import type { Io } from "./io.ts";

const SYNTAX =
  'init --name "<name>" --slug <slug> [--zone <IANA zone>] --admin-name "<name>" --admin-email <email> [--admin-handle <handle>]';

interface Question {
  field: SetupField;
  flag: string;
  prompt: string;
  /** Optional answers have a default; required ones have none. */
  fallback?: (a: Partial<SetupInput>) => string;
}

const QUESTIONS: Question[] = [
  { field: "name", flag: "name", prompt: "Partnership name" },
  { field: "slug", flag: "slug", prompt: "Short name for commands (slug)" },
  { field: "timeZone", flag: "zone", prompt: "Time zone", fallback: () => DEFAULT_ZONE },
  { field: "adminName", flag: "admin-name", prompt: "First admin's name (you)" },
  { field: "adminEmail", flag: "admin-email", prompt: "First admin's email" },
  {
    field: "adminHandle",
    flag: "admin-handle",
    prompt: "First admin's handle",
    fallback: (a) => suggestHandle(a.adminName ?? "", a.adminEmail ?? ""),
  },
];

function parseFlags(args: string[]): Partial<SetupInput> {
  try {
    const { values } = parseArgs({
      args,
      options: Object.fromEntries(QUESTIONS.map((q) => [q.flag, { type: "string" as const }])),
      strict: true,
      allowPositionals: false,
    });
    const given: Partial<SetupInput> = {};
    for (const q of QUESTIONS) {
      const value = values[q.flag];
      if (typeof value === "string") given[q.field] = value.trim();
    }
    return given;
  } catch (err) {
    throw new CliError(`${(err as Error).message}\nUsage: quorum ${SYNTAX}`, 2);
  }
}

async function slugProblem(app: App, slug: string): Promise<string | null> {
  const taken = await app.store.transaction((r) => r.partnerships.bySlug(slug));
  return taken ? `The slug "${slug}" is already used by ${taken.name}; choose another.` : null;
}

/** Asks for each missing answer in turn; an invalid one is explained and asked again. */
async function ask(app: App, io: Io, given: Partial<SetupInput>): Promise<SetupInput> {
  const rl = createInterface({
    input: io.stdin,
    output: io.stdout,
    terminal: io.stdin.isTTY === true && (io.stdout as { isTTY?: boolean }).isTTY === true,
  });
  const lines = rl[Symbol.asyncIterator]();
  const answers = { ...given };
  try {
    for (const q of QUESTIONS) {
      while (answers[q.field] === undefined) {
        const fallback = q.fallback?.(answers);
        // Through readline, so line editing in a terminal redraws the question with the answer.
        rl.setPrompt(`${q.prompt}${fallback ? ` [${fallback}]` : ""}: `);
        rl.prompt();
        const next = await lines.next();
        if (next.done) throw new CliError("Set-up cancelled: nothing was created.");
        const answer = String(next.value).trim() || fallback || "";
        const problem =
          checkSetupField(q.field, answer) ?? (q.field === "slug" ? await slugProblem(app, answer) : null);
        if (problem) io.stdout.write(`${problem}\n`);
        else answers[q.field] = answer;
      }
    }
  } finally {
    rl.close();
  }
  return answers as SetupInput;
}

/** Without a terminal nothing can be asked: name every missing flag at once. */
function complete(given: Partial<SetupInput>): SetupInput {
  const missing = QUESTIONS.filter((q) => given[q.field] === undefined && !q.fallback).map(
    (q) => `--${q.flag}`,
  );
  if (missing.length)
    throw new CliError(
      `Missing ${missing.join(", ")}. Pass ${missing.length === 1 ? "it" : "them"}, or run quorum init in a terminal to be asked.\nUsage: quorum ${SYNTAX}`,
      2,
    );
  const answers = { ...given };
  for (const q of QUESTIONS) answers[q.field] ??= q.fallback?.(answers) ?? "";
  return answers as SetupInput;
}

function nextSteps(env: CliEnv, input: SetupInput, demoToo: boolean): string {
  const slug = input.slug;
  const handle = input.adminHandle.replace(/^@/, "").toLowerCase();
  return [
    `Created ${input.name} (${slug}), time zone ${input.timeZone}, with ${input.adminName} (@${handle}) as its first admin.`,
    `${input.name} is now the partnership quorum opens by default.`,
    "",
    "Next:",
    `  npm start                                   open the shell as @${handle} (type help)`,
    '  npx quorum say "whoami"                     run one command and exit',
    "  npx quorum faq import <file>                load your FAQ document",
    `  npx quorum slack link <team_id> ${slug.padEnd(11)} connect a Slack workspace`,
    `  npx quorum teams link <tenant_id> ${slug.padEnd(9)} connect a Teams tenant`,
    ...(demoToo ? [`The demo stays available: npx quorum shell --partnership ${DEMO_SLUG}`] : []),
    ...(env.config.shellUser && env.config.shellUser !== handle
      ? [`Note: QUORUM_USER is set to ${env.config.shellUser}; unset it to open the shell as @${handle}.`]
      : []),
  ].join("\n");
}

export const initCommand: CliCommand = {
  name: "init",
  usage: [[SYNTAX, "set up your partnership and its first admin (asks for what is missing)"]],
  run: (args, env) => {
    const given = parseFlags(args);
    for (const q of QUESTIONS) {
      const value = given[q.field];
      const problem = value === undefined ? null : checkSetupField(q.field, value);
      if (problem) throw new CliError(problem);
    }
    return withApp(env, async (app) => {
      const taken = given.slug ? await slugProblem(app, given.slug) : null;
      if (taken) throw new CliError(taken);
      const input = env.io.stdin.isTTY === true ? await ask(app, env.io, given) : complete(given);
      const { demoToo } = await app.store.transaction(async (repos) => {
        await setUpPartnership(repos, input);
        return { demoToo: (await repos.partnerships.bySlug(DEMO_SLUG)) !== null };
      });
      env.io.stdout.write(`${nextSteps(env, input, demoToo)}\n`);
      return 0;
    });
  },
};

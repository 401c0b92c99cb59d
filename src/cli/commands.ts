// The table of every quorum command, in the order the usage lists them.
import { calendarCommand } from "./calendar.ts";
import type { CliCommand } from "./command.ts";
import { exportCommand } from "./export.ts";
import { faqCommand } from "./faq.ts";
import { importCommand } from "./import.ts";
import { initCommand } from "./init.ts";
import { slackLinkCommand, teamsLinkCommand } from "./link.ts";
import { migrateCommand } from "./migrate.ts";
import { minutesCommand } from "./minutes.ts";
import { outboxCommand } from "./outbox.ts";
import { PAPERS_SYNTAX, runPapers } from "./papers.ts";
import { sayCommand } from "./say.ts";
import { secretsCommand } from "./secrets.ts";
import { serveCommand } from "./serve.ts";
import { demoCommand, shellCommand } from "./shell.ts";
import { startCommand } from "./start.ts";

export const CLI_COMMANDS: CliCommand[] = [
  startCommand,
  initCommand,
  serveCommand,
  shellCommand,
  sayCommand,
  demoCommand,
  migrateCommand,
  slackLinkCommand,
  teamsLinkCommand,
  importCommand,
  exportCommand,
  {
    name: "papers",
    usage: [[PAPERS_SYNTAX, "write a meeting's matters-arising paper (the chat's meeting papers)"]],
    run: runPapers,
  },
  calendarCommand,
  minutesCommand,
  faqCommand,
  outboxCommand,
  secretsCommand,
];

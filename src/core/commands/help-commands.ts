// help, generated from the command specs so it can never drift from what the parser accepts.
import { type Block, type Card, card, items } from "../card.ts";
import { QuorumError } from "../errors.ts";
import { matchCommand } from "./parse.ts";
import type { CommandSpec } from "./spec.ts";

export function helpCommand(all: () => CommandSpec[]): CommandSpec {
  return {
    path: ["help"],
    openTo: "pending",
    summary: "List the commands, or explain one",
    usage: "help [command]",
    examples: ["help", "help action", "help action add"],
    async run(_ctx, args) {
      return args.words.length ? helpFor(all(), args.words) : overview(all());
    },
  };
}

function overview(specs: CommandSpec[]): Card {
  const families = new Map<string, CommandSpec[]>();
  for (const s of specs) families.set(s.path[0] ?? "", [...(families.get(s.path[0] ?? "") ?? []), s]);
  const blocks: Block[] = [...families.values()].map((group) =>
    items(group.map((s) => ({ title: s.usage, detail: s.summary }))),
  );
  const forms = formsItems(specs);
  if (forms.length) blocks.push(items(forms, "Forms (on Slack and Teams)"));
  blocks.push({ kind: "text", text: "Type help <command> for examples, e.g. help action add." });
  return card("Quorum commands", blocks);
}

/** The words that open a form rather than run a command, e.g. "new action" for action add. */
function formsItems(specs: CommandSpec[]) {
  return specs.flatMap((s) =>
    s.form ? [{ title: s.form.opens.join(", "), detail: `Opens a form to ${lowerFirst(s.summary)}` }] : [],
  );
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function formLine(spec: CommandSpec): Block[] {
  const opens = spec.form?.opens[0];
  return opens
    ? [{ kind: "text", text: `On Slack and Teams, type ${opens} to fill in a form instead.` }]
    : [];
}

function helpFor(specs: CommandSpec[], words: string[]): Card {
  const match = matchCommand(specs, words);
  if (match && match.used === words.length) {
    const s = match.spec;
    return card(`${s.path.join(" ")}: ${s.summary}`, [
      { kind: "usage", usage: s.usage, examples: s.examples },
      ...formLine(s),
    ]);
  }
  const family = specs.filter((s) => s.path[0] === words[0]?.toLowerCase());
  if (!family.length)
    throw new QuorumError(
      "unknown_command",
      `There is no command "${words.join(" ")}". Type help to see them all.`,
    );
  return card(`${words[0]} commands`, [items(family.map((s) => ({ title: s.usage, detail: s.summary })))]);
}

// Minutes into actions: `actions from minutes M-<n> [date]` with the minutes pasted below it makes a preview;
// its buttons (minutes create / edit / skip / cancel) act on that preview, and only for whoever pasted it.
import { QuorumError } from "../errors.ts";
import { previewCard } from "../minutes/cards.ts";
import { cancelPreview, createAll, takeOut } from "../minutes/confirm.ts";
import { EXAMPLE_LINE, MAX_MINUTES, minutesTarget, previewMinutes } from "../minutes/preview.ts";
import { resolveMeetingRef } from "./meeting-commands.ts";
import type { CommandSpec } from "./spec.ts";

/** The first line: M-<n>, an optional date, an optional group:slug (the CLI's check); the rest is minutes. */
function firstLine(text: string): {
  ref: string;
  date: string | null;
  group: string | null;
  minutes: string;
} {
  const [head = "", ...rest] = text.split("\n");
  const m = /^\s*(m-?\d{1,9})\b(.*)$/i.exec(head);
  if (!m?.[1])
    throw new QuorumError(
      "missing_argument",
      "Which meeting are these the minutes of? Start with its reference, e.g. actions from minutes M-1 22/1/2027, then paste the minutes on the lines below.",
    );
  let tail = (m[2] ?? "").trim();
  const group = /(?:^|\s)group:(\S+)/i.exec(tail);
  if (group) tail = tail.replace(group[0], " ").trim();
  // Minutes pasted on the first line too ("... M-1 ACTION: Sam to ..."): only a date stays on it.
  const looksLikeDate = tail && !/\b(?:action|to)\b|[:–—]/i.test(tail) && tail.length <= 40;
  return {
    ref: m[1],
    date: looksLikeDate ? tail : null,
    group: group?.[1]?.toLowerCase() ?? null,
    // Line 1 is the first line of the minutes themselves, as the preview numbers them.
    minutes: (tail && !looksLikeDate ? [tail, ...rest] : rest).join("\n"),
  };
}

const fromMinutes: CommandSpec = {
  path: ["actions", "from", "minutes"],
  aliases: [["action", "from", "minutes"]],
  summary: "Turn pasted minutes into actions: a preview first, nothing saved until Create all",
  usage: "actions from minutes M-<n> [date]  (then the minutes, pasted on the lines below)",
  examples: [
    `actions from minutes M-1 22/1/2027\n${EXAMPLE_LINE}\nAction – ECC (Helen) – map winter capacity – end of January`,
  ],
  minArgs: 1,
  maxLength: MAX_MINUTES,
  paste: true,
  async run(ctx, args) {
    const line = firstLine(args.text);
    const meeting = await resolveMeetingRef(ctx, line.ref);
    const target = await minutesTarget(ctx, meeting, line.date);
    if (line.group && line.group !== target.group.slug)
      throw new QuorumError(
        "bad_argument",
        `M-${meeting.id} is a meeting of ${target.group.slug}, not of ${line.group}.`,
      );
    const preview = await previewMinutes(ctx, target, line.minutes);
    return previewCard(preview, meeting.title);
  },
};

/** A step on the preview, named by the number its buttons carry (or your latest preview, typed without one). */
function step(
  name: string,
  summary: string,
  usage: string,
  run: CommandSpec["run"],
  minArgs = 0,
): CommandSpec {
  const example = usage.replace("[<preview>]", "3").replace("<preview> <#>", "3 2");
  return { path: ["minutes", name], summary, usage, examples: [example], minArgs, run };
}

const steps: CommandSpec[] = [
  step("create", "Create every action of your minutes preview", "minutes create [<preview>]", (ctx, args) =>
    createAll(ctx, args.words[0]),
  ),
  step(
    "edit",
    "Take one action out of your minutes preview, as an action add line to correct",
    "minutes edit <preview> <#>",
    (ctx, args) => takeOut(ctx, args.words[0], args.words[1], true),
    2,
  ),
  step(
    "skip",
    "Leave one action of your minutes preview out",
    "minutes skip <preview> <#>",
    (ctx, args) => takeOut(ctx, args.words[0], args.words[1], false),
    2,
  ),
  step(
    "cancel",
    "Drop your minutes preview: no actions are created",
    "minutes cancel [<preview>]",
    (ctx, args) => cancelPreview(ctx, args.words[0]),
  ),
];

export const minutesCommands: CommandSpec[] = [fromMinutes, ...steps];

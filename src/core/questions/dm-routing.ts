// Decides what a direct message that is not a command is: a mistyped command (offered back corrected) or text to understand.

import { type Card, card, text } from "../card.ts";
import { type Parsed, parseLine } from "../commands/parse.ts";
import type { CommandSpec } from "../commands/spec.ts";
import { QuorumError } from "../errors.ts";
import { deskSpec } from "./desk.ts";

/** Edit distance counting a swap of neighbours as one slip ("lsit"), capped: only "within 2?" matters. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      cur[j] = d;
    }
    before = prev;
    prev = cur;
  }
  return Math.min(cap, prev[b.length] ?? cap);
}

/** How far a typed word may be from a command word: one slip in a short word, two in a long one. */
const allowed = (word: string) => (word.length >= 6 ? 2 : word.length >= 4 ? 1 : 0);

const paths = (specs: CommandSpec[]) => specs.flatMap((s) => [s.path, ...(s.aliases ?? [])]);

interface Split {
  first: string;
  second: string;
  /** Everything after the first word, and after the second, exactly as typed. */
  afterFirst: string;
  afterSecond: string;
}

function split(line: string): Split {
  const m = /^(\S+)\s*(\S*)\s*([\s\S]*)$/.exec(line.trim());
  const afterFirst = line
    .trim()
    .slice((m?.[1] ?? "").length)
    .trim();
  return { first: m?.[1] ?? "", second: m?.[2] ?? "", afterFirst, afterSecond: m?.[3] ?? "" };
}

/** The nearest second word of a command family to the one typed ("lsit" → "list"), or null. */
function nearSub(specs: CommandSpec[], root: string, word: string): string | null {
  const lower = word.toLowerCase();
  const subs = [...new Set(paths(specs).flatMap((p) => (p[0] === root && p[1] ? [p[1]] : [])))];
  if (subs.includes(lower)) return lower;
  const near = subs
    .map((s) => ({ s, d: editDistance(lower, s) }))
    .filter(({ s, d }) => d <= allowed(s))
    .sort((a, b) => a.d - b.d);
  return near[0]?.s ?? null;
}

/** Signs that a line was meant as a command: few words, key:value options, or a quoted title. */
function looksLikeCommand(line: string, specs: CommandSpec[], root: string): boolean {
  if (line.trim().split(/\s+/).length <= 3) return true;
  if (/["“”]/.test(line)) return true;
  const optionWords = new Set(
    specs.filter((s) => s.path[0] === root).flatMap((s) => Object.keys(s.options ?? {})),
  );
  return [...line.matchAll(/(?:^|\s)([a-z]+):\S/gi)].some((m) => optionWords.has((m[1] ?? "").toLowerCase()));
}

/** A line that parses as a command (possibly with wrong arguments), so offering it is never a dead end. */
function parses(specs: CommandSpec[], line: string): boolean {
  try {
    parseLine(specs, line);
    return true;
  } catch (err) {
    return err instanceof QuorumError && err.code !== "unknown_command";
  }
}

/** The fixed words a command takes first, read from its usage ("[mine|open|overdue]"): "actions mien" → "mine". */
function nearChoice(specs: CommandSpec[], root: string, word: string): string | null {
  const spec = specs.find((s) => [s.path, ...(s.aliases ?? [])].some((p) => p.length === 1 && p[0] === root));
  const choices = [...(spec?.usage.matchAll(/\[([a-z]+(?:\|[a-z]+)+)\]/g) ?? [])].flatMap((m) =>
    (m[1] ?? "").split("|"),
  );
  const lower = word.toLowerCase();
  if (choices.includes(lower)) return null;
  const near = choices
    .map((c) => ({ c, d: editDistance(lower, c) }))
    .filter(({ c, d }) => d <= allowed(c))
    .sort((a, b) => a.d - b.d);
  return near[0]?.c ?? null;
}

/**
 * The command this line was probably meant to be ("acton add ..." → "action add ..."), or null. A
 * question mark always means a question; a first word near a command word counts only when the rest
 * reads like a command too, so "action plan for winter: who owns it" stays a sentence.
 */
export function nearMissOf(line: string, specs: CommandSpec[]): string | null {
  const trimmed = line.trim();
  if (!trimmed || trimmed.endsWith("?")) return null;
  const { first, second, afterFirst, afterSecond } = split(trimmed);
  const word = first.toLowerCase();
  const roots = [...new Set(paths(specs).map((p) => p[0] ?? ""))];
  const candidates = roots.includes(word)
    ? [word]
    : roots
        .filter((r) => r.length >= 4 && editDistance(word, r) <= allowed(r))
        .sort((a, b) => editDistance(word, a) - editDistance(word, b));
  for (const root of candidates) {
    if (root !== word && !looksLikeCommand(trimmed, specs, root)) continue;
    const sub = second ? (nearSub(specs, root, second) ?? nearChoice(specs, root, second)) : null;
    const fixed = sub ? [root, sub, afterSecond] : [root, afterFirst];
    const suggestion = fixed.filter(Boolean).join(" ");
    if (suggestion.toLowerCase() !== trimmed.toLowerCase() && parses(specs, suggestion)) return suggestion;
  }
  return null;
}

export function suggestionCard(typed: string, suggestion: string): Card {
  return card(
    `Did you mean \`${suggestion}\`?`,
    [
      text(
        `"${typed.length > 80 ? `${typed.slice(0, 79)}…` : typed}" is not a command I know. Nothing was changed.`,
      ),
      {
        kind: "buttons",
        buttons: [
          {
            label: `Run ${suggestion.split(" ").slice(0, 2).join(" ")}`,
            command: suggestion,
            style: "primary",
          },
        ],
      },
      text('Type help to see every command. To ask a person instead, start with "ask".'),
    ],
    { tone: "warning" },
  );
}

/** The "Did you mean" card for a line that is near a command, or null. */
export function nearMissCard(line: string, specs: CommandSpec[]): Card | null {
  const suggestion = nearMissOf(line.trim(), specs);
  const same = (a: string) => a.replace(/\s+/g, " ").trim().toLowerCase();
  // Only a changed word is worth offering: the same line again would fail the same way.
  return suggestion && same(suggestion) !== same(line) ? suggestionCard(line.trim(), suggestion) : null;
}

const argsOf = (line: string) => ({ words: [line], rest: line, options: {}, text: line });

/**
 * A direct message that did not parse: a near miss of a command is offered back corrected, as a
 * finished card; a wrong second word of a known command keeps the
 * parser's error; anything else is understood by the desk (records, FAQ, or a confirmed enquiry).
 */
export function readDirectMessage(
  line: string,
  specs: CommandSpec[],
  parseError: QuorumError,
): Parsed | Card {
  const text = line.trim();
  if (!text) throw parseError;
  const suggestion = nearMissOf(text, specs);
  // Answered before any database work, so a typo is neither counted against a rate limit nor stored.
  if (suggestion) return suggestionCard(text, suggestion);
  const first = (text.split(/\s+/)[0] ?? "").toLowerCase();
  if (!text.endsWith("?") && paths(specs).some((p) => p[0] === first)) throw parseError;
  return { spec: deskSpec(specs), args: argsOf(text) };
}

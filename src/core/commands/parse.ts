// Parses a line against the command specs: longest matching command path, then words and key:value options.
import { QuorumError } from "../errors.ts";
import type { Args, CommandSpec } from "./spec.ts";
import { columnOf, type Token, tokenize } from "./tokenize.ts";

export const MAX_LINE = 4000;

/** Free text as typed, minus the words a command consumed: line breaks kept, trailing spaces gone. */
export function freeText(text: string, consumed: RegExp[]): string {
  return consumed
    .reduce((t, re) => t.replace(re, " "), text)
    .replace(/[ \t]+$/gm, "")
    .replace(/^[ \t]+/, "")
    .trim();
}

export interface Parsed {
  spec: CommandSpec;
  args: Args;
}

export function matchCommand(
  specs: CommandSpec[],
  words: string[],
): { spec: CommandSpec; used: number } | null {
  let best: { spec: CommandSpec; used: number } | null = null;
  const lower = words.map((w) => w.toLowerCase());
  const consider = (spec: CommandSpec, path: readonly string[]) => {
    if ((!best || path.length > best.used) && fits(path, lower)) best = { spec, used: path.length };
  };
  // Every inbound command walks every spec: no array or closure per spec, which a burst would collect.
  for (const spec of specs) {
    consider(spec, spec.path);
    if (spec.aliases) for (const alias of spec.aliases) consider(spec, alias);
  }
  return best;
}

function fits(path: readonly string[], lower: string[]): boolean {
  for (let i = 0; i < path.length; i++) if (lower[i] !== path[i]) return false;
  return true;
}

export function parseLine(specs: CommandSpec[], line: string): Parsed {
  if (line.length > MAX_LINE) refuseLong(specs, line);
  const tokens = tokenize(line);
  const match = matchCommand(
    specs,
    tokens.map((t) => (t.quoted ? "" : t.text)),
  );
  if (!match) throw unknownCommand(tokens[0]?.text ?? "", specs);
  const { spec, used } = match;
  refuseUnclosedQuote(spec, line, tokens);
  const after = used > 0 ? (tokens[used - 1]?.end ?? 0) : 0;
  const args = Object.assign(parseArgs(spec, tokens.slice(used)), { text: line.slice(after).trim() });
  return { spec, args };
}

/** Over MAX_LINE: refused unless the command takes pasted text (its own maxLength), said with the limit. */
function refuseLong(specs: CommandSpec[], line: string): void {
  const head = tokenize(line.slice(0, 200)).map((t) => (t.quoted ? "" : t.text));
  const spec = matchCommand(specs, head)?.spec;
  const limit = spec?.maxLength ?? MAX_LINE;
  if (line.length <= limit) return;
  const n = (x: number) => (spec?.maxLength ? x.toLocaleString("en-GB") : String(x));
  const what = spec?.maxLength
    ? `"${spec.path.join(" ")}" takes at most ${n(limit)}. Nothing was saved: paste only the part you need, or send it in parts`
    : `commands are limited to ${n(limit)}`;
  throw new QuorumError("too_long", `That message is ${n(line.length)} characters; ${what}.`);
}

function unknownCommand(word: string, specs: CommandSpec[]): QuorumError {
  if (!word) return new QuorumError("unknown_command", "Type a command, or help to see them all.");
  const family = specs.filter((s) => s.path[0] === word.toLowerCase()).map((s) => s.path.join(" "));
  const hint = family.length
    ? `"${word}" needs one of: ${family.join(", ")}.`
    : `I don't know the command "${word}". Type help to see them all.`;
  return new QuorumError("unknown_command", hint);
}

/** Shown under quote errors: what to type to keep a quote mark inside quoted text. */
const QUOTE_HINT = 'Close it, or write \\" for a quote mark inside the text.';

/**
 * A command that takes options refuses an unclosed quote: the quote would take owner:, due: and the rest
 * into the text (and give the action to the wrong person). Commands of free text alone lose nothing.
 */
function refuseUnclosedQuote(spec: CommandSpec, line: string, tokens: Token[]): void {
  const open = tokens.find((t) => t.unclosedAt !== undefined)?.unclosedAt;
  if (open === undefined || (!spec.options && !spec.flags)) return;
  const mark = line[open] ?? '"';
  const typed = line.length > 200 ? `${line.slice(0, 199)}…` : line;
  throw new QuorumError(
    "bad_argument",
    `The quote ${mark} at column ${columnOf(line, open)} is never closed. ${QUOTE_HINT} You typed: ${typed}`,
    spec.usage,
  );
}

const OPTION = /^([a-z]+):(.*)$/i;
const FLAG = /^--([a-z][a-z-]*)$/i;

function parseArgs(spec: CommandSpec, tokens: Token[]): Omit<Args, "text"> {
  const words: string[] = [];
  const options: Record<string, string> = {};
  const flags: Record<string, true> = {};
  let open: string | null = null; // a multi-word option still taking words
  for (const token of tokens) {
    const flag = token.hasQuote ? null : FLAG.exec(token.text)?.[1]?.toLowerCase();
    if (flag && spec.flags?.[flag]) {
      flags[flag] = true;
      open = null;
      continue;
    }
    const m = token.quoted ? null : OPTION.exec(token.text);
    const key = m?.[1]?.toLowerCase();
    if (m && key && spec.options?.[key]) {
      if (key in options) throw argError(spec, `${key}: is given twice.`);
      options[key] = m[2] ?? "";
      // key:"quoted value" arrives as one token with the quotes removed, and is complete.
      open = spec.options[key].multiword && !token.hasQuote ? key : null;
    } else if (open && !token.quoted) {
      options[open] = `${options[open]} ${token.text}`.trim();
    } else {
      open = null;
      words.push(token.text);
    }
  }
  for (const [k, v] of Object.entries(options)) if (!v.trim()) throw argError(spec, `${k}: needs a value.`);
  if (words.length < (spec.minArgs ?? 0)) throw argError(spec, missingMessage(spec));
  return { words, rest: words.join(" "), options, ...(spec.flags ? { flags } : {}) };
}

const argError = (spec: CommandSpec, message: string) =>
  new QuorumError("missing_argument", message, spec.usage);

function missingMessage(spec: CommandSpec): string {
  return `${spec.path.join(" ")} needs more: see the usage below.`;
}

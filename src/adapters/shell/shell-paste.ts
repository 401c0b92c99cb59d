// Multi-line pastes in the shell: a command that takes pasted text (actions from minutes) reads the lines
// after it, as a chat message would carry them, until a line with just "." (or the end of input).
import { matchCommand } from "../../core/commands/parse.ts";
import type { CommandSpec } from "../../core/commands/spec.ts";
import { tokenize } from "../../core/commands/tokenize.ts";

export const PASTE_END = ".";

/** The collecting state: the command's first line and the lines pasted so far. */
export interface Paste {
  head: string;
  lines: string[];
}

/** A paste starts at a command that takes one; the first line alone is its head. */
export function startsPaste(commands: CommandSpec[], line: string): Paste | null {
  const words = tokenize(line).map((t) => (t.quoted ? "" : t.text));
  return matchCommand(commands, words)?.spec.paste ? { head: line, lines: [] } : null;
}

export const pasteHint = (head: string) =>
  `Paste the text for "${head}" now, then a line with just ${PASTE_END} to send it.`;

/** The whole message, as one chat message with line breaks. */
export const pastedMessage = (p: Paste) => [p.head, ...p.lines].join("\n");

// Declarative command specs: the parser, the help text and the adapters' command lists all come from these.
import type { Card } from "../card.ts";
import type { Context } from "../context.ts";

export interface OptionSpec {
  /** Shown in usage, e.g. "@person" for owner:@person. */
  value: string;
  /** Multi-word options take the following plain words too: due:next tue 10:00. */
  multiword?: boolean;
}

export interface CommandSpec {
  /** Words that name the command, e.g. ["action", "add"]. */
  path: string[];
  /** Other word sequences that reach it, e.g. [["actions"]] for action list. */
  aliases?: string[][];
  summary: string;
  usage: string;
  examples: string[];
  options?: Record<string, OptionSpec>;
  /** Switches written --name, e.g. { past: "accept a due date in the past" }; only these are read as flags. */
  flags?: Record<string, string>;
  /** How many plain words are required (after the path). */
  minArgs?: number;
  /** Optional, for commands only an admin may run; checked before run. */
  adminOnly?: boolean;
  /**
   * Who below a member may run it, checked before run: "observer" for commands that only read (or ask),
   * "pending" for the few a person awaiting approval may use. Unset: it changes something, so members
   * and admins only; a new command is closed to observers unless it says otherwise.
   */
  openTo?: "observer" | "pending";
  run(ctx: Context, args: Args): Promise<Card>;
}

export interface Args {
  /** Plain words after the command path, options removed. */
  words: string[];
  /** The plain words joined back, for free text such as a title or a note. */
  rest: string;
  options: Record<string, string>;
  /** The spec's flags that were given (--past gives { past: true }). */
  flags?: Record<string, true>;
  /** Everything typed after the command's words, exactly (line breaks kept), for free text. */
  text: string;
}

export const commandName = (spec: CommandSpec) => spec.path.join(" ");

// Declarative command specs: the parser, the help text and the adapters' command lists all come from these.
import type { Card } from "../card.ts";
import type { Context } from "../context.ts";
import type { InboundEvent } from "../inbound.ts";
import type { Repos } from "../ports.ts";
import type { RateLimits } from "../rate-limits.ts";
import type { Partnership } from "../types.ts";

/** A chat user Quorum can't match to a person yet, in the partnership their workspace belongs to. */
export interface Stranger {
  repos: Repos;
  partnership: Partnership;
  event: InboundEvent;
  now: Date;
  limits: RateLimits;
}

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
  /** Longest message it takes, for commands followed by pasted text (default MAX_LINE in parse.ts). */
  maxLength?: number;
  /** Takes text pasted on the lines after its first: the shell reads lines until one with just "." in it. */
  paste?: boolean;
  run(ctx: Context, args: Args): Promise<Card>;
  /**
   * What it does for a chat user Quorum can't match to anyone yet (only "link me" has this); without it
   * such a user is told why they can't run the command.
   */
  stranger?(who: Stranger): Promise<Card>;
  /** A form for this command (Slack modal, Teams card); `submit` runs it with the form's checked values. */
  form?: Form;
  /** The typed entry point `Quorum.run` calls: values already checked against `form` (see forms.ts). */
  submit?(ctx: Context, values: FormValues): Promise<Card>;
}

/** How an input looks and what it accepts; each adapter picks its own widget for a type. */
export type FieldType = "text" | "multiline" | "person" | "date" | "choice";

export interface Choice {
  value: string;
  label: string;
}

export interface FormField {
  /** The value's name: the key in `Quorum.run`'s args, Slack's block id and Teams' input id. */
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  /** Said when a required field is left empty. */
  requiredMessage?: string;
  /** From the core's own rules (e.g. MAX_TITLE), so no adapter keeps a copy. */
  maxLength?: number;
  placeholder?: string;
  /** person: left empty, it means whoever fills the form in (Slack pre-selects them). */
  defaultsToActor?: boolean;
  /** date: days before today (in the partnership's zone) are refused. */
  notPast?: boolean;
  /** choice: a fixed list; a value outside it is refused. */
  choices?: Choice[];
  /** choice: a list that depends on the partnership (its groups), filled in when the form is opened. */
  choicesFrom?: (ctx: Context) => Promise<Choice[]>;
}

export interface Form {
  title: string;
  submitLabel: string;
  /** What a person types to get the form instead of a reply, e.g. "new action"; listed by help. */
  opens: string[];
  fields: FormField[];
}

/** A form as one person sees it: dynamic choices filled in, and the command its submit runs. */
export interface OpenedForm extends Omit<Form, "fields"> {
  command: string[];
  fields: Omit<FormField, "choicesFrom">[];
}

/** Checked form values by field name: trimmed, empty ones left out, dates as YYYY-MM-DD. */
export type FormValues = Record<string, string>;

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

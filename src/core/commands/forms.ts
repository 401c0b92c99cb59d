// Forms in the neutral model: which words open one, the form as a person sees it, and checking what comes back.
// To give a command a form, declare `form` (fields, with limits from the core's rules) and `submit` on its
// spec (see action add in action-commands.ts); Slack (form-view.ts) and Teams (action-form.ts) render it.
import type { Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { parseDate } from "../time/parse-date.ts";
import { localDate } from "../time/zone.ts";
import type { CommandSpec, FormField, FormValues, OpenedForm } from "./spec.ts";

const words = (text: string) => text.trim().toLowerCase().split(/\s+/).join(" ");

/** The command whose form `text` asks for ("new action"), if any: adapters show the form instead of a reply. */
export function formOpenedBy(commands: CommandSpec[], text: string): CommandSpec | undefined {
  const said = words(text);
  return commands.find((c) => c.form?.opens.some((o) => words(o) === said));
}

/** The command at exactly this path; structured calls name a command, they never parse a line. */
export function commandAt(commands: CommandSpec[], path: string[]): CommandSpec | undefined {
  const want = path.map((p) => p.toLowerCase()).join(" ");
  return commands.find((c) => c.path.join(" ") === want);
}

/** The form with this partnership's choices filled in (functions dropped: renderers get plain data). */
export async function openedForm(ctx: Context, spec: CommandSpec): Promise<OpenedForm> {
  const form = spec.form;
  if (!form) throw new QuorumError("bad_argument", `${spec.path.join(" ")} has no form.`);
  const fields = await Promise.all(
    form.fields.map(async ({ choicesFrom, ...field }) =>
      choicesFrom ? { ...field, choices: await choicesFrom(ctx) } : field,
    ),
  );
  return { ...form, command: spec.path, fields };
}

/**
 * Checks submitted values against the form's fields, before the command sees them. Each error names its
 * field, so the form can show it beside the right input. Names the form does not have are refused.
 */
export function checkFormValues(ctx: Context, spec: CommandSpec, raw: Record<string, unknown>): FormValues {
  const fields = spec.form?.fields ?? [];
  const known = new Set(fields.map((f) => f.name));
  for (const [name, value] of Object.entries(raw)) {
    if (!known.has(name))
      throw new QuorumError("bad_argument", `${spec.path.join(" ")} has no field "${name}".`);
    if (value !== undefined && value !== null && typeof value !== "string")
      throw fieldError(name, "bad_argument", `${labelOf(fields, name)} must be text.`);
  }
  const values: FormValues = {};
  for (const field of fields) {
    const value = typeof raw[field.name] === "string" ? (raw[field.name] as string).trim() : "";
    if (value) values[field.name] = checkField(ctx, field, value);
    else if (field.required)
      throw fieldError(field.name, "missing_argument", field.requiredMessage ?? `${field.label} is needed.`);
  }
  return values;
}

function checkField(ctx: Context, field: FormField, value: string): string {
  if (field.maxLength && value.length > field.maxLength) {
    const why = `${field.label} is ${value.length} characters; the limit is ${field.maxLength}.`;
    throw fieldError(field.name, "too_long", why);
  }
  if (field.choices && !field.choices.some((c) => c.value === value)) {
    const list = field.choices.map((c) => c.value).join(", ");
    throw fieldError(field.name, "bad_argument", `${field.label} must be one of: ${list}.`);
  }
  if (field.type !== "date") return value;
  const zone = ctx.partnership.timeZone;
  let date: string;
  try {
    date = parseDate(value, zone, ctx.now).date;
  } catch (err) {
    throw err instanceof QuorumError ? err.inField(field.name) : err;
  }
  if (field.notPast && date < localDate(ctx.now, zone))
    throw fieldError(field.name, "bad_date", "That date has passed; pick today or later.");
  return date;
}

const labelOf = (fields: FormField[], name: string) => fields.find((f) => f.name === name)?.label ?? name;

const fieldError = (
  field: string,
  code: "bad_argument" | "missing_argument" | "too_long" | "bad_date",
  why: string,
) => new QuorumError(code, why, undefined, field);

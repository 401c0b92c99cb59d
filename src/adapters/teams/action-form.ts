// Pure rendering of a neutral Form as an Adaptive Card, and reading a submit back into named values.
import type { OpenedForm } from "../../core/commands/spec.ts";
import { type AcElement, type AdaptiveCardJson, CARD_SCHEMA, plain } from "./adaptive-card.ts";

/**
 * Action.Execute verb of a form's submit button. The name predates other forms; it stays so the cards
 * already posted in chats keep working. `data.form` names the command ("action.add").
 */
export const FORM_VERB = "quorum.actionForm";

/** A form's values as submitted, by field name. */
export type FormInput = Record<string, string>;

/** An error to show: beside its field when the form has that field, else above the inputs. */
export interface FormProblem {
  message: string;
  field?: string | undefined;
}

type Field = OpenedForm["fields"][number];

export const formName = (command: string[]) => command.join(".");
export const formCommand = (name: string) => name.split(".");

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function inputFor(field: Field, value: string | undefined): AcElement | null {
  const common = {
    id: field.name,
    label: field.label,
    ...(field.required ? { isRequired: true } : {}),
    ...(field.required && field.requiredMessage ? { errorMessage: field.requiredMessage } : {}),
  };
  switch (field.type) {
    case "text":
    case "multiline":
    case "person":
      return {
        type: "Input.Text",
        ...common,
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(field.type === "multiline" ? { isMultiline: true } : {}),
        ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        ...(value ? { value } : {}),
      };
    case "date":
      // Input.Date only holds a real day; anything else would make Teams reject the whole card.
      return { type: "Input.Date", ...common, ...(value && ISO_DAY.test(value) ? { value } : {}) };
    case "choice": {
      const choices = (field.choices ?? []).map((c) => ({ title: c.label, value: c.value }));
      if (!choices.length) return null;
      const kept = value && choices.some((c) => c.value === value) ? { value } : {};
      const placeholder = field.placeholder ?? (field.required ? "Choose one" : "None");
      return { type: "Input.ChoiceSet", ...common, style: "compact", placeholder, choices, ...kept };
    }
  }
}

/**
 * The form; with a problem, the same form again with what the person typed and the reason beside the
 * field it belongs to, so a mistake costs one correction rather than retyping everything.
 */
export function formCard(form: OpenedForm, values: FormInput = {}, problem?: FormProblem): AdaptiveCardJson {
  const body: AcElement[] = [plain(form.title, { weight: "Bolder", size: "Medium" })];
  const inputs = form.fields.flatMap((f) => {
    const input = inputFor(f, values[f.name]);
    return input ? [{ field: f.name, input }] : [];
  });
  const beside = problem?.field && inputs.some((i) => i.field === problem.field) ? problem.field : undefined;
  if (problem && !beside) body.push(errorText(problem.message, "formError"));
  for (const { field, input } of inputs) {
    body.push(input);
    if (problem && field === beside) body.push(errorText(problem.message, `${field}Error`));
  }
  body.push({
    type: "ActionSet",
    actions: [
      {
        type: "Action.Execute",
        title: form.submitLabel,
        verb: FORM_VERB,
        style: "positive",
        associatedInputs: "auto",
        data: { form: formName(form.command) },
      },
    ],
  });
  return { type: "AdaptiveCard", $schema: CARD_SCHEMA, version: "1.5", body };
}

const errorText = (message: string, id: string) =>
  plain(message, { color: "Attention" }, { id, spacing: "None" });

/** What a submit carries: its string values, trimmed, empty ones and the form's own name left out. */
export function formInput(data: Record<string, unknown>): FormInput {
  const out: FormInput = {};
  for (const [k, v] of Object.entries(data)) {
    if (k !== "form" && typeof v === "string" && v.trim()) out[k] = v.trim();
  }
  return out;
}

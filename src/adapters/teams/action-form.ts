// The "New action" form card: inputs for an action add, turned back into one line of the shared grammar.
import { type AcElement, type AdaptiveCardJson, CARD_SCHEMA, plain } from "./adaptive-card.ts";

/** Typed in Teams to get the form; Teams has no slash-command dialog, so a card is the friendly way in. */
export const FORM_TRIGGER = /^(new action|action new|action form)$/i;
/** Action.Execute verb of the form's submit button. */
export const FORM_VERB = "quorum.actionForm";

export interface ActionFormValues {
  title?: string;
  owner?: string;
  group?: string;
  due?: string;
}

const input = (
  id: keyof ActionFormValues,
  label: string,
  placeholder: string,
  value: string | undefined,
  extra: Record<string, unknown> = {},
): AcElement => ({
  type: "Input.Text",
  id,
  label,
  placeholder,
  maxLength: id === "title" ? 200 : 80,
  ...(value ? { value } : {}),
  ...extra,
});

/**
 * The form; with `error`, the same form again with what the person typed and the reason it failed,
 * so a mistake costs one correction rather than retyping everything.
 */
export function actionFormCard(values: ActionFormValues = {}, error?: string): AdaptiveCardJson {
  const body: AcElement[] = [plain("New action", { weight: "Bolder", size: "Medium" })];
  if (error) body.push(plain(error, { color: "Attention" }, { id: "formError" }));
  body.push(
    input("title", "What needs doing", "e.g. Circulate the draft strategy", values.title, {
      isRequired: true,
      errorMessage: "Give the action a title.",
    }),
    input("owner", "Owner", "@handle or name; leave blank for yourself", values.owner),
    input("group", "Group", "group slug, e.g. hwb (optional)", values.group),
    input("due", "Due", "e.g. friday, 2026-12-01 or next tue (optional)", values.due),
    {
      type: "ActionSet",
      actions: [
        {
          type: "Action.Execute",
          title: "Add action",
          verb: FORM_VERB,
          style: "positive",
          associatedInputs: "auto",
          data: { form: "action.add" },
        },
      ],
    },
  );
  return { type: "AdaptiveCard", $schema: CARD_SCHEMA, version: "1.5", body };
}

/** What a submit carries, trimmed; anything that is not a string is ignored. */
export function formValues(data: Record<string, unknown>): ActionFormValues {
  const pick = (k: keyof ActionFormValues) => {
    const v = data[k];
    return typeof v === "string" && v.trim() ? v.trim() : undefined;
  };
  const out: ActionFormValues = {};
  for (const k of ["title", "owner", "group", "due"] as const) {
    const v = pick(k);
    if (v) out[k] = v;
  }
  return out;
}

/**
 * Quotes each value so spaces survive the tokenizer. The grammar has no escape for a quote inside a
 * quoted word, so straight and curly double quotes in the text become single quotes.
 */
const quote = (s: string) => `"${s.replace(/["“”]/g, "'").replace(/\s+/g, " ")}"`;

/** Null when the required title is missing: the caller shows the form again with a message. */
export function formCommand(values: ActionFormValues): string | null {
  if (!values.title) return null;
  const parts = ["action add", quote(values.title)];
  if (values.owner) parts.push(`owner:${quote(values.owner)}`);
  if (values.group) parts.push(`group:${quote(values.group.replace(/^group:/i, ""))}`);
  if (values.due) parts.push(`due:${quote(values.due)}`);
  return parts.join(" ");
}

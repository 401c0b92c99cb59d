// Pure rendering of a neutral Form as a Slack modal, reading its submitted state back, and placing its errors.
import type { types, ViewOutput } from "@slack/bolt";
import type { Card } from "../../core/card.ts";
import type { Form, FormField, OpenedForm } from "../../core/commands/spec.ts";
import { clip } from "./escape.ts";

/** Slack's own caps: plain_text_input max_length, option text, options per select. */
const SLACK_MAX_INPUT = 3000;
const SLACK_OPTION_TEXT = 75;
const SLACK_MAX_OPTIONS = 100;

export interface ModalOptions {
  callbackId: string;
  /** The Slack user filling it in: a person field that defaults to them starts with them selected. */
  user: string;
  /** Starting values by field name (e.g. a title taken from a message). */
  initial?: Record<string, string> | undefined;
  metadata?: string | undefined;
  /** Blocks after the inputs, e.g. a link to the message the modal came from. */
  footer?: types.KnownBlock[] | undefined;
}

const plain = (text: string) => ({ type: "plain_text" as const, text });

export function formModal(form: OpenedForm, opts: ModalOptions): types.ModalView {
  const inputs = form.fields.flatMap((f) => {
    const block = fieldBlock(f, opts);
    return block ? [block] : [];
  });
  return {
    type: "modal",
    callback_id: opts.callbackId,
    title: plain(clip(form.title, 24)),
    submit: plain(clip(form.submitLabel, 24)),
    close: plain("Cancel"),
    private_metadata: opts.metadata ?? "",
    blocks: [...inputs, ...(opts.footer ?? [])],
  };
}

/** One input block, its block id the field's name; a choice with nothing to choose is left out. */
function fieldBlock(field: OpenedForm["fields"][number], opts: ModalOptions): types.InputBlock | null {
  const element = fieldElement(field, opts);
  if (!element) return null;
  return {
    type: "input",
    block_id: field.name,
    label: plain(field.label),
    ...(field.required ? {} : { optional: true }),
    element,
  };
}

function fieldElement(
  field: OpenedForm["fields"][number],
  opts: ModalOptions,
): types.InputBlockElement | null {
  const initial = opts.initial?.[field.name];
  switch (field.type) {
    case "text":
    case "multiline": {
      const max = Math.min(field.maxLength ?? SLACK_MAX_INPUT, SLACK_MAX_INPUT);
      return {
        type: "plain_text_input",
        action_id: "value",
        max_length: max,
        ...(field.type === "multiline" ? { multiline: true } : {}),
        ...(field.placeholder ? { placeholder: plain(field.placeholder) } : {}),
        ...(initial ? { initial_value: clip(initial, max) } : {}),
      };
    }
    case "person":
      return {
        type: "users_select",
        action_id: "value",
        ...(field.defaultsToActor ? { initial_user: opts.user } : {}),
      };
    case "date":
      return {
        type: "datepicker",
        action_id: "value",
        ...(initial && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? { initial_date: initial } : {}),
      };
    case "choice": {
      const options = (field.choices ?? []).slice(0, SLACK_MAX_OPTIONS).map((c) => ({
        text: plain(clip(c.label, SLACK_OPTION_TEXT)),
        value: c.value,
      }));
      return options.length ? { type: "static_select", action_id: "value", options } : null;
    }
  }
}

type Element = {
  value?: string | null;
  selected_user?: string | null;
  selected_date?: string | null;
  selected_option?: { value?: string } | null;
};

/** What each input holds, by block id, as text (Slack user ids for people); empty inputs are left out. */
export function readFormState(view: ViewOutput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [block, actions] of Object.entries(view.state.values)) {
    const el = actions.value as Element | undefined;
    const value = el?.value ?? el?.selected_user ?? el?.selected_date ?? el?.selected_option?.value;
    if (typeof value === "string" && value.trim()) out[block] = value;
  }
  return out;
}

export const personFields = (form: Form): FormField[] => form.fields.filter((f) => f.type === "person");

/**
 * response_action "errors" for an error card: on the field the core named when the modal shows it,
 * otherwise on the first input, since Slack can only show errors beside inputs.
 */
export function fieldErrors(form: Form, view: ViewOutput, result: Card): Record<string, string> {
  const shown = Object.keys(view.state.values);
  const named = result.error?.field;
  const first = form.fields[0]?.name ?? "";
  const field = named && shown.includes(named) ? named : first;
  return { [field]: clip(result.title, 2000) };
}

// Card clicks: an adaptiveCard/action invoke (Action.Execute) or an Action.Submit message runs its command.
import type { Card } from "../../core/card.ts";
import type { FormOpening } from "../../core/quorum.ts";
import { cardToText } from "../../core/render-text.ts";
import { FORM_VERB, type FormInput, formCard, formCommand, formInput } from "./action-form.ts";
import { type AdaptiveCardJson, cardToAdaptiveCard, QUORUM_VERB } from "./adaptive-card.ts";

/** The adaptiveCard/action invoke response body (Universal Actions response format). */
export type CardActionResponse =
  | { statusCode: 200; type: "application/vnd.microsoft.card.adaptive"; value: AdaptiveCardJson }
  | { statusCode: 200; type: "application/vnd.microsoft.activity.message"; value: string }
  | {
      statusCode: 400 | 500;
      type: "application/vnd.microsoft.error";
      value: { code: string; message: string };
    };

/** What a click asks for: one grammar line, or a form's values for the command it names. */
export type Submission =
  | { kind: "command"; command: string }
  | { kind: "form"; command: string[]; values: FormInput };

const MAX_COMMAND = 4000;

/**
 * Reads Action.Execute data ({verb, data}) or Action.Submit data (the value of a message activity).
 * Anything else, including a command that is not a string, is not a Quorum click.
 */
export function readSubmission(verb: unknown, data: unknown): Submission | null {
  if (!data || typeof data !== "object" || Array.isArray(data)) return null;
  const d = data as Record<string, unknown>;
  // Form cards posted before forms named their command always meant action add.
  const form = typeof d.form === "string" ? d.form : verb === FORM_VERB ? "action.add" : null;
  if (form && (verb === FORM_VERB || verb === undefined))
    return { kind: "form", command: formCommand(form), values: formInput(d) };
  if (verb !== undefined && verb !== QUORUM_VERB) return null;
  const command = d.command;
  if (typeof command !== "string" || !command.trim()) return null;
  return { kind: "command", command: command.trim().slice(0, MAX_COMMAND) };
}

/** Invoke value: { action: { type, verb, data } }. */
export function invokeSubmission(value: unknown): Submission | null {
  const action = (value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  if (!action) return null;
  return readSubmission(action.verb, action.data);
}

export const cardResponse = (value: AdaptiveCardJson): CardActionResponse => ({
  statusCode: 200,
  type: "application/vnd.microsoft.card.adaptive",
  value,
});

/** Shown beside the card without replacing it, so a refusal never overwrites a shared card for everyone. */
export const messageResponse = (value: string): CardActionResponse => ({
  statusCode: 200,
  type: "application/vnd.microsoft.activity.message",
  value,
});

export const badRequest = (message: string): CardActionResponse => ({
  statusCode: 400,
  type: "application/vnd.microsoft.error",
  value: { code: "BadRequest", message },
});

export interface SubmissionResult {
  /** The card to show in place of the clicked one; null leaves the clicked card as it was. */
  replace: AdaptiveCardJson | null;
  /** A short note for the clicker when nothing is replaced (the refusal or error). */
  note: string | null;
}

/** The core as a click sees it, already bound to the clicker and their conversation. */
export interface Runner {
  line(line: string): Promise<Card>;
  form(command: string[], values: FormInput): Promise<Card>;
  open(command: string[]): Promise<FormOpening>;
}

/**
 * Runs a click through the core. A success replaces the card in place (Teams shows the returned card
 * to everyone in the conversation); an error leaves the card alone and tells only the clicker why.
 * A form that fails comes back filled in, with the reason beside the field it belongs to.
 */
export async function runSubmission(submission: Submission, core: Runner): Promise<SubmissionResult> {
  if (submission.kind === "form") {
    const result = await core.form(submission.command, submission.values);
    if (result.tone !== "error") return { replace: cardToAdaptiveCard(result), note: null };
    const opening = await core.open(submission.command);
    if (!opening.ok) return { replace: null, note: cardToText(result) };
    const problem = { message: result.title, field: result.error?.field };
    return { replace: formCard(opening.form, submission.values, problem), note: null };
  }
  const result = await core.line(submission.command);
  if (result.tone === "error") return { replace: null, note: cardToText(result) };
  return { replace: cardToAdaptiveCard(result), note: null };
}

export function toInvokeResponse(result: SubmissionResult): CardActionResponse {
  if (result.replace) return cardResponse(result.replace);
  return messageResponse(result.note ?? "Done.");
}

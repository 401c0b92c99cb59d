// Card clicks: an adaptiveCard/action invoke (Action.Execute) or an Action.Submit message runs its command.
import type { Card } from "../../core/card.ts";
import { cardToText } from "../../core/render-text.ts";
import { type ActionFormValues, actionFormCard, FORM_VERB, formCommand, formValues } from "./action-form.ts";
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

/** What a click asks for: one grammar line, or the New action form's values. */
export type Submission = { kind: "command"; command: string } | { kind: "form"; values: ActionFormValues };

const MAX_COMMAND = 4000;

/**
 * Reads Action.Execute data ({verb, data}) or Action.Submit data (the value of a message activity).
 * Anything else, including a command that is not a string, is not a Quorum click.
 */
export function readSubmission(verb: unknown, data: unknown): Submission | null {
  if (!data || typeof data !== "object" || Array.isArray(data)) return null;
  const d = data as Record<string, unknown>;
  if (verb === FORM_VERB || d.form === "action.add") return { kind: "form", values: formValues(d) };
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

/**
 * Runs a click through the core. A success replaces the card in place (Teams shows the returned card
 * to everyone in the conversation); an error leaves the card alone and tells only the clicker why.
 * A form that fails comes back filled in, with the reason above the inputs.
 */
export async function runSubmission(
  submission: Submission,
  run: (line: string) => Promise<Card>,
): Promise<SubmissionResult> {
  if (submission.kind === "form") {
    const line = formCommand(submission.values);
    if (!line) return { replace: actionFormCard(submission.values, "Give the action a title."), note: null };
    const result = await run(line);
    if (result.tone === "error") {
      return { replace: actionFormCard(submission.values, cardToText(result)), note: null };
    }
    return { replace: cardToAdaptiveCard(result), note: null };
  }
  const result = await run(submission.command);
  if (result.tone === "error") return { replace: null, note: cardToText(result) };
  return { replace: cardToAdaptiveCard(result), note: null };
}

export function toInvokeResponse(result: SubmissionResult): CardActionResponse {
  if (result.replace) return cardResponse(result.replace);
  return messageResponse(result.note ?? "Done.");
}

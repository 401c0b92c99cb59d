// What an error log line may carry about a failed command: its name and ids, the error's kind and stack, never what a person typed.
import { matchCommand } from "./core/commands/parse.ts";
import type { CommandSpec } from "./core/commands/spec.ts";
import { tokenize } from "./core/commands/tokenize.ts";
import type { InboundEvent } from "./core/inbound.ts";

/** The command path the text starts with ("action add"), or a placeholder: never the rest of the text. */
export function commandName(commands: CommandSpec[], event: InboundEvent): string {
  const words = tokenize(event.text.slice(0, 200))
    .slice(0, 4)
    .map((t) => (t.quoted ? "" : t.text));
  const match = matchCommand(commands, words);
  if (match) return match.spec.path.join(" ");
  // Plain text in a direct message is a question for `ask` (see core/quorum.ts).
  return event.conversation.kind === "direct" ? "ask (direct message)" : "(not a command)";
}

/** Who and where, by id only. */
export const eventIds = (event: InboundEvent) => ({
  platform: event.platform,
  tenant: event.tenant,
  user: event.userId,
  conversation: event.conversation.id,
});

/**
 * An error reduced to what helps an operator without repeating user text: pino's own serializer would log
 * every property, and a failed query carries its parameters (titles, answers, emails) in `params` and in
 * its message. Quoted values in driver messages ('invalid input syntax ... "abc"') are blanked too.
 * Log it under a key other than `err`, or pino's error serializer rebuilds the message from the causes.
 */
export function safeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const e = err as Error & { code?: unknown; query?: unknown };
  const first = e.message.split("\n")[0] ?? "";
  // A query's text has placeholders, not values, and its quotes are identifiers; elsewhere quotes hold values.
  const message = (first.startsWith("Failed query:") ? first : first.replace(/"[^"]*"/g, '"…"')).slice(
    0,
    200,
  );
  return {
    type: e.name,
    ...(typeof e.code === "string" ? { code: e.code } : {}),
    message,
    ...(e.cause !== undefined && depth < 2 ? { cause: safeError(e.cause, depth + 1) } : {}),
    ...(depth === 0 && e.stack ? { stack: frames(e.stack) } : {}),
  };
}

const frames = (stack: string) =>
  stack
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 12)
    .join("\n");

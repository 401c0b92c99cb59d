// The core's front door: parse an inbound line, run the command in one transaction, answer with a Card.
import { type Card, card } from "./card.ts";
import { cleanInput } from "./clean-input.ts";
import { type Parsed, parseLine } from "./commands/parse.ts";
import { buildRegistry } from "./commands/registry.ts";
import type { CommandSpec } from "./commands/spec.ts";
import { contextFor } from "./context.ts";
import { rememberConversation, resolveActor, resolvePartnership } from "./directory/actor.ts";
import { refusal } from "./directory/permissions.ts";
import { QuorumError } from "./errors.ts";
import type { InboundEvent } from "./inbound.ts";
import type { Clock, Store } from "./ports.ts";
import { readDirectMessage } from "./questions/dm-routing.ts";
import {
  checkCommandRate,
  DEFAULT_RATE_LIMITS,
  type OnRateLimited,
  PartnershipMemo,
  type RateLimits,
} from "./rate-limits.ts";

export interface QuorumDeps {
  store: Store;
  clock: Clock;
  /** Told about unexpected failures (bugs, lost connections); the user only sees a short apology. */
  onUnexpected?: (err: unknown, event: InboundEvent) => void;
  extraCommands?: CommandSpec[];
  /** Per-minute limits; any left out take DEFAULT_RATE_LIMITS. */
  rateLimits?: Partial<RateLimits>;
  /** Told the first time in a window that a user or partnership goes over its limit (for the log). */
  onRateLimited?: OnRateLimited;
}

export interface Quorum {
  handle(event: InboundEvent): Promise<Card>;
  readonly commands: CommandSpec[];
}

export function createQuorum(deps: QuorumDeps): Quorum {
  const commands = buildRegistry(deps.extraCommands);
  const rate: Rate = { limits: { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits }, memo: new PartnershipMemo() };
  return {
    commands,
    async handle(event) {
      try {
        return await run(deps, rate, commands, { ...event, text: cleanInput(event.text) });
      } catch (err) {
        if (err instanceof QuorumError) return errorCard(err);
        deps.onUnexpected?.(err, event);
        return card(
          "Sorry, something went wrong on Quorum's side. Nothing was changed; please try again.",
          [],
          {
            tone: "error",
          },
        );
      }
    },
  };
}

interface Rate {
  limits: RateLimits;
  memo: PartnershipMemo;
}

async function run(
  deps: QuorumDeps,
  rate: Rate,
  commands: CommandSpec[],
  event: InboundEvent,
): Promise<Card> {
  const line = event.text.trim();
  // Parse before opening a transaction: a typo costs no database work (and is not counted).
  const parsed = parseOrAsk(commands, line, event);
  if (!("spec" in parsed)) return parsed;
  const { spec, args } = parsed;
  const now = deps.clock.now();
  // Before the command's transaction, so a refused command writes nothing but its count.
  await checkCommandRate(deps.store, rate.limits, event, now, {
    partnershipId: rate.memo.get(event, now),
    onLimited: deps.onRateLimited,
  });
  return deps.store.transaction(async (repos) => {
    const partnership = await resolvePartnership(repos, event);
    rate.memo.set(event, partnership.id, now);
    const actor = await resolveActor(repos, partnership, event, { limits: rate.limits, now });
    await rememberConversation(repos, partnership, actor, event, now);
    const ctx = contextFor(repos, partnership, actor, now, event);
    const refused = refusal(spec, actor);
    if (refused) return errorCard(refused.withUsage(spec.usage));
    try {
      return await spec.run(ctx, args);
    } catch (err) {
      throw err instanceof QuorumError ? err.withUsage(spec.usage) : err;
    }
  });
}

/** In a direct message, text that is not a command is a question for `ask` (DESIGN.md: one grammar). */
function parseOrAsk(commands: CommandSpec[], line: string, event: InboundEvent): Parsed | Card {
  try {
    return parseLine(commands, line);
  } catch (err) {
    const ask = commands.find((c) => c.path.length === 1 && c.path[0] === "ask");
    if (
      !(err instanceof QuorumError) ||
      err.code !== "unknown_command" ||
      event.conversation.kind !== "direct" ||
      !ask
    )
      throw err;
    return readDirectMessage(line, commands, err);
  }
}

export function errorCard(err: QuorumError): Card {
  return card(err.message, err.usage ? [{ kind: "usage", usage: err.usage }] : [], { tone: "error" });
}

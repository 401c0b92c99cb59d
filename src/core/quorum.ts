// The core's front door: parse an inbound line, run the command in one transaction, answer with a Card.
import { type Card, card } from "./card.ts";
import { cleanInput } from "./clean-input.ts";
import { checkFormValues, commandAt, formOpenedBy, openedForm } from "./commands/forms.ts";
import { type Parsed, parseLine } from "./commands/parse.ts";
import { buildRegistry } from "./commands/registry.ts";
import type { CommandSpec, OpenedForm } from "./commands/spec.ts";
import { type Context, contextFor } from "./context.ts";
import { matchActor, rememberConversation, resolveActor, resolvePartnership } from "./directory/actor.ts";
import { unmatchedError } from "./directory/guests.ts";
import { refusal } from "./directory/permissions.ts";
import { QuorumError } from "./errors.ts";
import type { InboundEvent } from "./inbound.ts";
import type { Clock, EventClaim, Repos, Store, Then } from "./ports.ts";
import { nearMissCard, readDirectMessage } from "./questions/dm-routing.ts";
import { claimEvent, type QuorumDoors, quorumDoors } from "./quorum-doors.ts";
import {
  checkCommandRate,
  DEFAULT_RATE_LIMITS,
  type OnRateLimited,
  PartnershipMemo,
  type RateLimits,
} from "./rate-limits.ts";
import type { Reach } from "./reach/ports.ts";

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
  /** Whether email reaches people (SMTP configured): person-addressed notices then may go by email. */
  reach?: Reach;
}

/** All an adapter is given of the core (with its logger and its own config). */
export interface Quorum extends QuorumDoors {
  handle(event: InboundEvent): Promise<Card>;
  /**
   * Runs the event once: a platform's retry or redelivery with the same key is claimed in the
   * processed-events ledger (shared by every instance) and answered with null, before any work. For a
   * command the claim goes in the statement that counts it against the rate limits: one round trip.
   */
  handleOnce(eventKey: string, event: InboundEvent): Promise<Card | null>;
  /**
   * A structured call from a button or form: the command named by its path, with named values checked
   * against its form's fields (no tokenizer, no string building). `event.text` is not read. An error card
   * says in `card.error.field` which value was wrong; a success carries what it created in `card.ref`.
   */
  run(event: InboundEvent, commandPath: string[], args: Record<string, unknown>): Promise<Card>;
  /** The command's form as this person may fill it in (choices filled), or a card saying why not. */
  openForm(event: InboundEvent, commandPath: string[]): Promise<FormOpening>;
  readonly commands: CommandSpec[];
}

export type FormOpening = { ok: true; form: OpenedForm } | { ok: false; card: Card };

export function createQuorum(deps: QuorumDeps): Quorum {
  const commands = buildRegistry(deps.extraCommands);
  const rate: Rate = { limits: { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits }, memo: new PartnershipMemo() };
  const guarded = async <T extends Card | null>(
    event: InboundEvent,
    work: () => Promise<T>,
  ): Promise<T | Card> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof ClaimFault) throw err.cause;
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
  };
  const front: Pick<Quorum, "commands" | "handle" | "handleOnce" | "run" | "openForm"> = {
    commands,
    handle(event) {
      return guarded(event, () => run(deps, rate, commands, { ...event, text: cleanInput(event.text) }));
    },
    handleOnce(eventKey, event) {
      const claim = { platform: event.platform, key: eventKey };
      return guarded(event, () =>
        run(deps, rate, commands, { ...event, text: cleanInput(event.text) }, claim),
      );
    },
    run(event, commandPath, args) {
      return guarded(event, () => {
        const spec = commandAt(commands, commandPath);
        const submit = spec?.submit;
        if (!spec || !submit) throw noForm(commandPath);
        return execute(deps, rate, spec, event, (ctx) => submit(ctx, checkFormValues(ctx, spec, args)));
      });
    },
    async openForm(event, commandPath) {
      let form: OpenedForm | undefined;
      const reply = await guarded(event, () => {
        const spec = commandAt(commands, commandPath);
        if (!spec?.form) throw noForm(commandPath);
        return inside(deps, rate, spec, event, async (ctx) => {
          form = await openedForm(ctx, spec);
          return card(form.title, []);
        });
      });
      return form ? { ok: true, form } : { ok: false, card: reply };
    },
  };
  return { ...front, ...quorumDoors(deps) };
}

const noForm = (path: string[]) =>
  new QuorumError("unknown_command", `There is no form for "${path.join(" ")}". Type help to see them all.`);

interface Rate {
  limits: RateLimits;
  memo: PartnershipMemo;
}

/**
 * A fault while claiming an event to run once. It leaves handleOnce as a throw, not an apology card, as a
 * failed claim always did: nothing ran and nothing was claimed, so the platform may deliver it again.
 */
class ClaimFault {
  constructor(readonly cause: unknown) {}
}

/** Runs the claiming statement; its faults, but not the QuorumErrors it means to throw, become ClaimFaults. */
async function claiming<T>(claim: EventClaim | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw claim && !(err instanceof QuorumError) ? new ClaimFault(err) : err;
  }
}

/** With a claim: null when it was claimed before, and then nothing ran. */
function run(deps: QuorumDeps, rate: Rate, commands: CommandSpec[], event: InboundEvent): Promise<Card>;
function run(
  deps: QuorumDeps,
  rate: Rate,
  commands: CommandSpec[],
  event: InboundEvent,
  claim: EventClaim,
): Promise<Card | null>;
async function run(
  deps: QuorumDeps,
  rate: Rate,
  commands: CommandSpec[],
  event: InboundEvent,
  claim?: EventClaim,
): Promise<Card | null> {
  const line = event.text.trim();
  // A line that is not a command to count is claimed on its own: a copy of it still answers nothing.
  const firstTime = () => (claim ? claiming(claim, () => claimEvent(deps.store, claim)) : true);
  let parsed: Parsed | Card;
  try {
    // Adapters with forms show one for these words; anywhere else (the shell, a Slack DM) say how to type it.
    const formSpec = formOpenedBy(commands, line);
    // Parse before opening a transaction: a typo costs no database work (and is not counted).
    parsed = formSpec ? typeInstead(formSpec) : parseOrAsk(commands, line, event);
  } catch (err) {
    if (!(await firstTime())) return null;
    throw err;
  }
  if (!("spec" in parsed)) return (await firstTime()) ? parsed : null;
  const { spec, args } = parsed;
  try {
    return await execute(deps, rate, spec, event, (ctx) => spec.run(ctx, args), claim);
  } catch (err) {
    // "actions mien": the command refused a word; a near one it takes is offered back instead.
    const wrongWord = err instanceof QuorumError && err.code === "bad_argument" && saidToQuorum(event);
    const fixed = wrongWord ? nearMissCard(line, commands) : null;
    if (fixed) return fixed;
    throw err;
  }
}

const saidToQuorum = (event: InboundEvent) => event.conversation.kind === "direct" || event.mention === true;

/**
 * Counts the command against the rate limits, then runs it in one transaction as the event's person.
 * With a claim, the count claims the event too, and a copy claimed before runs nothing (null).
 */
function execute(
  deps: QuorumDeps,
  rate: Rate,
  spec: CommandSpec,
  event: InboundEvent,
  work: (ctx: Context) => Promise<Card>,
): Promise<Card>;
function execute(
  deps: QuorumDeps,
  rate: Rate,
  spec: CommandSpec,
  event: InboundEvent,
  work: (ctx: Context) => Promise<Card>,
  claim: EventClaim | undefined,
): Promise<Card | null>;
async function execute(
  deps: QuorumDeps,
  rate: Rate,
  spec: CommandSpec,
  event: InboundEvent,
  work: (ctx: Context) => Promise<Card>,
  claim?: EventClaim,
): Promise<Card | null> {
  const now = deps.clock.now();
  const guardedWork = async (ctx: Context) => {
    try {
      return await work(ctx);
    } catch (err) {
      throw err instanceof QuorumError ? err.withUsage(spec.usage) : err;
    }
  };
  // The count commits on its own before the command's transaction, so a refused command writes nothing
  // but its count (and its claim); the store sends the transaction's BEGIN behind it where it can.
  return deps.store.autocommitThen(
    (lone) =>
      claiming(claim, () =>
        checkCommandRate(lone, rate.limits, event, now, {
          partnershipId: rate.memo.get(event, now),
          onLimited: deps.onRateLimited,
          claim,
        }),
      ),
    (counted): Then<Card | null> =>
      counted
        ? { transaction: (repos) => asActor(repos, deps, rate, spec, event, guardedWork), seen: counted.seen }
        : { done: null },
  );
}

/** One transaction as the event's person, who must be allowed the command. */
function inside(
  deps: QuorumDeps,
  rate: Rate,
  spec: CommandSpec,
  event: InboundEvent,
  work: (ctx: Context) => Promise<Card>,
): Promise<Card> {
  return deps.store.transaction((repos) => asActor(repos, deps, rate, spec, event, work));
}

/** Inside a command's transaction: runs `work` as the event's person, if they may run the command. */
async function asActor(
  repos: Repos,
  deps: QuorumDeps,
  rate: Rate,
  spec: CommandSpec,
  event: InboundEvent,
  work: (ctx: Context) => Promise<Card>,
): Promise<Card> {
  const now = deps.clock.now();
  const partnership = await resolvePartnership(repos, event);
  rate.memo.set(event, partnership.id, now);
  const seen = { limits: rate.limits, now };
  // Only "link me" runs for someone Quorum can't place yet; every other command needs a person.
  const actor = spec.stranger
    ? await matchActor(repos, partnership, event, seen)
    : await resolveActor(repos, partnership, event, seen);
  if (!actor) {
    if (spec.stranger) return spec.stranger({ repos, partnership, event, ...seen });
    throw unmatchedError(event);
  }
  await rememberConversation(repos, partnership, actor, event, now);
  const ctx = contextFor(repos, partnership, actor, now, event, deps.reach);
  const refused = refusal(spec, actor);
  if (refused) return errorCard(refused.withUsage(spec.usage));
  return work(ctx);
}

function typeInstead(spec: CommandSpec): Card {
  return card(`${spec.form?.title ?? spec.summary}: the form opens from /quorum on Slack and in Teams`, [
    { kind: "text", text: "Here, type it as a command:" },
    { kind: "usage", usage: spec.usage, examples: spec.examples },
  ]);
}

/**
 * In a direct message or an @Quorum mention, text that is not a command is understood by the desk
 * (DESIGN.md: one grammar); a slash command or a click in a channel must be a command.
 */
function parseOrAsk(commands: CommandSpec[], line: string, event: InboundEvent): Parsed | Card {
  try {
    return parseLine(commands, line);
  } catch (err) {
    const ask = commands.find((c) => c.path.length === 1 && c.path[0] === "ask");
    if (!(err instanceof QuorumError) || !saidToQuorum(event) || !ask) throw err;
    // A known command with a slipped word ("actions mien") is offered back corrected, else its own error.
    if (err.code !== "unknown_command") return nearMissCard(line, commands) ?? rethrow(err);
    return readDirectMessage(line, commands, err);
  }
}

const rethrow = (err: unknown): never => {
  throw err;
};

export function errorCard(err: QuorumError): Card {
  const blocks: Card["blocks"] = err.usage ? [{ kind: "usage", usage: err.usage }] : [];
  const error = { code: err.code, ...(err.field ? { field: err.field } : {}) };
  return { ...card(err.message, blocks, { tone: "error" }), error };
}

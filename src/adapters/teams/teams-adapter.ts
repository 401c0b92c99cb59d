// The Teams adapter: the Teams SDK App on Quorum's express server at /api/messages, its handlers and sender.
import { type CloudEnvironment, PUBLIC } from "@microsoft/teams.api";
import { ExpressAdapter, App as TeamsApp } from "@microsoft/teams.apps";
import type { ILogger } from "@microsoft/teams.common";
import type { Express } from "express";
import { type Card, card, text } from "../../core/card.ts";
import { resolvePartnership } from "../../core/directory/actor.ts";
import { forgetChannel, rememberChannel } from "../../core/directory/channels.ts";
import { QuorumError } from "../../core/errors.ts";
import type { InboundEvent } from "../../core/inbound.ts";
import type { Logger } from "../../log.ts";
import type { AdapterDeps, AdapterFactory, ServerAdapter } from "../../server/serve.ts";
import { actionFormCard, FORM_TRIGGER } from "./action-form.ts";
import { commandText, inboundEvent, isPersonal, type NotAnEvent, type TeamsActivity } from "./activity.ts";
import { cardAttachment } from "./adaptive-card.ts";
import { type MemberLookup, profileFor } from "./identity.ts";
import { badRequest, invokeSubmission, readSubmission, runSubmission, toInvokeResponse } from "./invoke.ts";
import { cardActivity, createTeamsSender, type HttpClient } from "./sender.ts";

export interface TeamsAdapterOptions {
  /** Replaces the Entra token request for outbound calls (tests, or a custom token service). */
  token?: (scope: string | string[], tenantId?: string) => string | Promise<string>;
  /** Where inbound tokens are checked (issuer, keys); the public cloud unless a test says otherwise. */
  cloud?: CloudEnvironment;
}

/** The narrow slice of the SDK's turn context the handlers use. */
interface Turn {
  activity: unknown;
  send(activity: unknown): Promise<unknown>;
  api: {
    conversations: MemberLookup & {
      updateActivity(conversationId: string, id: string, activity: unknown): Promise<unknown>;
    };
  };
}

const PROBLEMS: Record<NotAnEvent, string> = {
  no_tenant: "This message came without a Teams tenant, so Quorum cannot tell which partnership it is for.",
  no_user: "This message came without a sender, so Quorum cannot tell who you are.",
  no_conversation: "This message came without a conversation.",
};

export function createTeamsAdapter(deps: AdapterDeps, opts: TeamsAdapterOptions = {}): ServerAdapter {
  const { app, config, logger } = deps;
  const log = logger.child({ adapter: "teams" });
  let teams: TeamsApp | undefined;

  /** Runs one line of the grammar as the activity's sender, in the activity's conversation. */
  const runLine = async (a: TeamsActivity, line: string, turn: Turn): Promise<Card> => {
    const profile = await profileFor(a, { store: app.store, members: turn.api.conversations, logger: log });
    const event = inboundEvent(a, line, profile);
    if (typeof event === "string") return card(PROBLEMS[event], [], { tone: "error" });
    return app.quorum.handle(event);
  };

  /** Teams retries a turn it thinks timed out; the ledger makes the retry a no-op. */
  const firstDelivery = async (a: TeamsActivity): Promise<boolean> => {
    if (!a.id) return true;
    const id = `${a.conversation?.id ?? ""}|${a.id}`.slice(0, 400);
    return app.store.transaction((r) => r.events.claim("teams", id));
  };

  const reply = async (turn: Turn, c: Card) => {
    await turn.send(cardActivity({ card: c }));
  };

  async function onMessage(turn: Turn): Promise<void> {
    const a = turn.activity as TeamsActivity;
    if (!(await firstDelivery(a))) return;
    const submitted = a.value !== undefined ? readSubmission(undefined, a.value) : null;
    if (submitted) {
      // Action.Submit (older clients): update the clicked message in place, or answer beneath it.
      const result = await runSubmission(submitted, (line) => runLine(a, line, turn));
      if (result.replace && a.replyToId && a.conversation?.id) {
        await turn.api.conversations.updateActivity(a.conversation.id, a.replyToId, {
          type: "message",
          attachments: [cardAttachment(result.replace)],
        });
      } else if (result.replace) {
        await turn.send({ type: "message", attachments: [cardAttachment(result.replace)] });
      } else {
        await reply(turn, card(result.note ?? "Done.", [], { tone: "error" }));
      }
      return;
    }
    const line = commandText(a);
    if (line === null) return; // a shared conversation's message not addressed to Quorum
    if (FORM_TRIGGER.test(line)) {
      await turn.send({ type: "message", attachments: [cardAttachment(actionFormCard())] });
      return;
    }
    await reply(turn, await runLine(a, line, turn));
  }

  async function onCardAction(turn: Turn) {
    const a = turn.activity as TeamsActivity;
    const submission = invokeSubmission(a.value);
    if (!submission) return badRequest("This card button does not carry a Quorum command.");
    if (!(await firstDelivery(a))) return toInvokeResponse({ replace: null, note: "Already done." });
    return toInvokeResponse(await runSubmission(submission, (line) => runLine(a, line, turn)));
  }

  /** Stores where Quorum can post later and says hello, whichever way the app arrived. */
  async function onInstalled(turn: Turn, welcome: boolean): Promise<void> {
    const a = turn.activity as TeamsActivity;
    if (isPersonal(a)) {
      // The core stores the 1:1 reference on the person's identity while it answers.
      if (welcome) await reply(turn, await runLine(a, "home", turn));
      return;
    }
    const event = inboundEvent(a, "", undefined);
    if (typeof event === "string") return;
    try {
      await rememberInstall(event);
    } catch (err) {
      if (!(err instanceof QuorumError)) throw err;
      if (welcome) await reply(turn, card(err.message, [], { tone: "warning" }));
      return;
    }
    if (welcome) {
      await reply(
        turn,
        card("Quorum is here", [
          text(
            "Mention me with a command, e.g. @Quorum actions overdue or @Quorum next meeting. " +
              "To have a group's digests and reminders posted here: @Quorum link group:<slug>. " +
              "@Quorum help lists everything.",
          ),
        ]),
      );
    }
  }

  /** A channel link without an actor: installs have no command to run, only a reference to keep. */
  function rememberInstall(event: InboundEvent): Promise<void> {
    return app.store.transaction(async (repos) => {
      const partnership = await resolvePartnership(repos, event);
      await rememberChannel(repos, partnership, event, app.clock.now());
    });
  }

  /** Removed from a team or chat: stop posting there (the outbox would only get 403s). */
  async function onRemoved(turn: Turn): Promise<void> {
    const a = turn.activity as TeamsActivity;
    if (isPersonal(a)) return;
    const event = inboundEvent(a, "", undefined);
    if (typeof event === "string") return;
    await app.store.transaction(async (repos) => {
      const link = await repos.channels.byChannel("teams", event.tenant, event.conversation.id);
      if (link) await forgetChannel(repos, link);
    });
  }

  /** Handlers never throw into the SDK: it would answer 500 and Teams would retry the same turn. */
  const guarded =
    <T>(name: string, fn: (turn: Turn) => Promise<T>, fallback: T) =>
    async (ctx: unknown): Promise<T> => {
      try {
        return await fn(ctx as Turn);
      } catch (err) {
        const a = (ctx as Turn).activity as TeamsActivity;
        log.error(
          { err: safeError(err), activity: a?.type, activityId: a?.id },
          `Teams ${name} handler failed`,
        );
        return fallback;
      }
    };

  return {
    name: "teams",
    sender: createTeamsSender(() => teams?.api.http as HttpClient | undefined),
    async mount(express: Express) {
      const teamsConfig = config.teams;
      if (!teamsConfig) {
        log.warn(
          "TEAMS_APP_ID is not set: /api/messages accepts UNAUTHENTICATED activities. " +
            "Use this for local testing only; set TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID in production.",
        );
      }
      teams = new TeamsApp({
        // Explicit values throughout: the SDK otherwise falls back to CLIENT_ID, SERVICE_URL and other
        // environment variables, and Quorum reads its environment in one place only.
        clientId: teamsConfig?.appId ?? "",
        ...(teamsConfig?.tenantId ? { tenantId: teamsConfig.tenantId } : {}),
        ...(opts.token ? { token: opts.token } : { clientSecret: teamsConfig?.appPassword ?? "" }),
        dangerouslyAllowUnauthenticatedRequests: !teamsConfig,
        httpServerAdapter: new ExpressAdapter(express, { logger: sdkLogger(log) }),
        messagingEndpoint: "/api/messages",
        serviceUrl: "https://smba.trafficmanager.net/teams",
        cloud: opts.cloud ?? PUBLIC,
        client: { timeout: 15_000 },
        logger: sdkLogger(log),
      });
      teams.on("message", guarded("message", onMessage, undefined));
      teams.on(
        "card.action",
        // Quorum's response type is the wire format; the SDK's card typings are narrower (e.g. width casing).
        guarded(
          "card action",
          onCardAction,
          toInvokeResponse({ replace: null, note: "Sorry, that failed on Quorum's side. Please try again." }),
        ) as never,
      );
      teams.on(
        "install.add",
        guarded("install", (t) => onInstalled(t, true), undefined),
      );
      teams.on("install.remove", guarded("uninstall", onRemoved, undefined));
      teams.on(
        "conversationUpdate",
        guarded(
          "conversation update",
          async (turn) => {
            const a = turn.activity as TeamsActivity;
            const bot = a.recipient?.id;
            if (bot && a.membersAdded?.some((m) => m.id === bot)) await onInstalled(turn, false);
            if (bot && a.membersRemoved?.some((m) => m.id === bot)) await onRemoved(turn);
          },
          undefined,
        ),
      );
      await teams.initialize();
    },
  };
}

/** Mounted whatever the credentials: without them it serves unauthenticated local testing. */
export const teamsAdapterFactory: AdapterFactory = (deps) => createTeamsAdapter(deps);

/** The SDK's logger interface over pino, so its warnings land in Quorum's log and not on stdout. */
export function sdkLogger(logger: Logger, name = "teams-sdk"): ILogger {
  const child = logger.child({ sdk: name });
  const line = (msg: unknown[]) =>
    msg.map((m) => (typeof m === "string" ? m : m instanceof Error ? m.message : safeJson(m))).join(" ");
  // The SDK logs whole activities at debug level: only format them when someone is listening.
  const at = (level: "debug" | "warn" | "error" | "trace") => (msg: unknown[]) => {
    if (child.isLevelEnabled(level)) child[level](line(msg));
  };
  const out: ILogger = {
    debug: (...m) => at("debug")(m),
    // The SDK's info lines (start-up chatter) are debug detail for Quorum.
    info: (...m) => at("debug")(m),
    warn: (...m) => at("warn")(m),
    error: (...m) => at("error")(m),
    trace: (...m) => at("trace")(m),
    log: (level, ...m) => out[level](...m),
    child: (n) => sdkLogger(logger, `${name}/${n}`),
  };
  return out;
}

/**
 * HTTP errors from the SDK carry the request config, Authorization header (the bot's token) included;
 * log only what helps, so no token reaches the log.
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: unknown; response?: { status?: unknown; data?: unknown } };
  if (e.response || e.code) {
    return {
      name: e.name,
      message: e.message,
      code: e.code,
      status: e.response?.status,
      data: e.response?.data,
    };
  }
  return { name: e.name, message: e.message, stack: e.stack };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}

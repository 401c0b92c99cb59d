// The Teams adapter: the Teams SDK App on Quorum's express server at /api/messages, its handlers and sender.
import { PUBLIC, withOverrides } from "@microsoft/teams.api";
import { ExpressAdapter, App as TeamsApp } from "@microsoft/teams.apps";
import type { Express } from "express";
import { type Card, card, text } from "../../core/card.ts";
import { formOpenedBy } from "../../core/commands/forms.ts";
import type { TenantKnock } from "../../core/directory/tenants.ts";
import { QuorumError } from "../../core/errors.ts";
import type { AdapterDeps, AdapterFactory, ServerAdapter } from "../factory.ts";
import { formCard } from "./action-form.ts";
import { commandText, inboundEvent, isPersonal, type NotAnEvent, type TeamsActivity } from "./activity.ts";
import { cardAttachment } from "./adaptive-card.ts";
import {
  admit,
  boundedTurn,
  isInstall,
  TENANT_REFUSAL,
  type Turn,
  tenantNote,
  type Verdict,
  wantsRefusal,
} from "./door.ts";
import { profileFor } from "./identity.ts";
import {
  badRequest,
  invokeSubmission,
  messageResponse,
  readSubmission,
  runSubmission,
  toInvokeResponse,
} from "./invoke.ts";
import { teamsOutlet } from "./pacing.ts";
import { teamsRunner } from "./runner.ts";
import { safeError, sdkLogger } from "./sdk-logger.ts";
import { cardActivity, createTeamsSender, type HttpClient, postText } from "./sender.ts";
import { serviceUrlPolicy } from "./service-url.ts";

export interface TeamsAdapterOptions {
  /** Replaces the Entra token request for outbound calls (tests, or a custom token service). */
  token?: (scope: string | string[], tenantId?: string) => string | Promise<string>;
}

/** A turn needs at most a member look-up and one reply (or one card update). */
export const MAX_OUTBOUND_PER_ACTIVITY = 2;

const INSECURE_BANNER =
  "!!! INSECURE: QUORUM_TEAMS_INSECURE=1 — /api/messages accepts UNAUTHENTICATED Teams activities from " +
  "anyone who can reach this loopback address. For local development only; never expose this port. !!!";

const PROBLEMS: Record<NotAnEvent, string> = {
  no_tenant: "This message came without a Teams tenant, so Quorum cannot tell which partnership it is for.",
  no_user: "This message came without a sender, so Quorum cannot tell who you are.",
  no_conversation: "This message came without a conversation.",
};

export function createTeamsAdapter(deps: AdapterDeps, opts: TeamsAdapterOptions = {}): ServerAdapter {
  const { quorum, config, logger } = deps;
  const teamsConfig = config.teams;
  if (!teamsConfig) {
    throw new Error(
      "Teams is not configured: set TEAMS_APP_ID (or QUORUM_TEAMS_INSECURE=1 with HOST=127.0.0.1).",
    );
  }
  const log = logger.child({ adapter: "teams" });
  const serviceUrls = serviceUrlPolicy(teamsConfig.serviceUrlHosts);
  let teams: TeamsApp | undefined;

  /** The activity's sender, in the activity's conversation, as the core sees them. */
  const runnerFor = (a: TeamsActivity, turn: Turn) =>
    teamsRunner(quorum, async (line) => {
      const profile = await profileFor(a, { quorum, members: turn.api.conversations, logger: log });
      const event = inboundEvent(a, line, profile);
      return typeof event === "string" ? card(PROBLEMS[event], [], { tone: "error" }) : event;
    });

  /** Runs one line of the grammar as the activity's sender, in the activity's conversation. */
  const runLine = (a: TeamsActivity, line: string, turn: Turn): Promise<Card> =>
    runnerFor(a, turn).line(line);

  /**
   * Teams retries a turn it thinks timed out; the core's ledger makes the retry a no-op. Claimed here, not
   * with handleOnce, because one turn may be a card submission that is not a single command.
   */
  const firstDelivery = async (a: TeamsActivity): Promise<boolean> => {
    if (!a.id) return true;
    return quorum.claimOnce("teams", `${a.conversation?.id ?? ""}|${a.id}`.slice(0, 400));
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
      const result = await runSubmission(submitted, runnerFor(a, turn));
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
    const opens = formOpenedBy(quorum.commands, line);
    if (opens) {
      // Teams has no slash-command dialog, so the form comes as a card in the conversation.
      const opening = await runnerFor(a, turn).open(opens.path);
      if (opening.ok)
        await turn.send({ type: "message", attachments: [cardAttachment(formCard(opening.form))] });
      else await reply(turn, opening.card);
      return;
    }
    await reply(turn, await runLine(a, line, turn));
  }

  async function onCardAction(turn: Turn) {
    const a = turn.activity as TeamsActivity;
    const submission = invokeSubmission(a.value);
    if (!submission) return badRequest("This card button does not carry a Quorum command.");
    if (!(await firstDelivery(a))) return toInvokeResponse({ replace: null, note: "Already done." });
    return toInvokeResponse(await runSubmission(submission, runnerFor(a, turn)));
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
      await quorum.installed(event);
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

  /** Removed from a team or chat: stop posting there (the outbox would only get 403s). */
  async function onRemoved(turn: Turn): Promise<void> {
    const a = turn.activity as TeamsActivity;
    if (isPersonal(a)) return;
    const event = inboundEvent(a, "", undefined);
    if (typeof event === "string") return;
    await quorum.removed(event);
  }

  /** Handlers never throw into the SDK: it would answer 500 and Teams would retry the same turn. */
  const guarded =
    <T>(name: string, fn: (turn: Turn) => Promise<T>, fallback: T) =>
    async (ctx: unknown): Promise<T> => {
      try {
        return await fn(boundedTurn(ctx as Turn, MAX_OUTBOUND_PER_ACTIVITY));
      } catch (err) {
        const a = (ctx as Turn).activity as TeamsActivity;
        log.error(
          { err: safeError(err), activity: a?.type, activityId: a?.id },
          `Teams ${name} handler failed`,
        );
        return fallback;
      }
    };

  /**
   * Refused activities write nothing but a tenant's request to join. A message addressed to Quorum (or an
   * install, for a tenant waiting on a decision) gets one polite line: why, and whether anyone was asked.
   */
  async function refuse(a: TeamsActivity, verdict: Exclude<Verdict, { admit: true }>) {
    if (verdict.why === "service_url") {
      log.warn(
        { activity: a.type, host: verdict.host, reason: verdict.detail },
        "Teams activity refused: its serviceUrl is not an allowed Bot Framework address",
      );
      return { status: 403, body: { error: "serviceUrl not allowed" } };
    }
    const { standing, tenant } = verdict;
    const note = tenantNote(a, tenant, standing);
    log[note.level](note.fields, note.message);
    const line = standing.status === "refused" ? TENANT_REFUSAL : standing.message;
    if (a.type === "invoke") return { status: 200, body: messageResponse(line) };
    const http = teams?.api.http as HttpClient | undefined;
    const answers = wantsRefusal(a) || (standing.status !== "refused" && isInstall(a));
    if (http && answers && a.conversation?.id) {
      try {
        await postText(http, verdict.serviceUrl, a.conversation.id, line);
      } catch (err) {
        log.warn({ err: safeError(err) }, "Could not send the Teams refusal");
      }
    }
    return { status: 200 };
  }

  /**
   * The SDK authenticates a request, then hands it to `onRequest`; the door sits between the two, so
   * nothing runs, is written or is sent for a tenant or serviceUrl Quorum does not allow.
   */
  function guardDoor(sdk: TeamsApp): void {
    const handle = sdk.server.onRequest;
    if (!handle) throw new Error("The Teams SDK has no request handler to guard.");
    const rules = {
      serviceUrls,
      tenantStanding: (tenant: string | undefined, knock: TenantKnock | null) =>
        quorum.tenantStanding("teams", tenant, teamsConfig?.tenantIds ?? [], knock),
    };
    sdk.server.onRequest = async (event) => {
      const a = event.body as TeamsActivity;
      const verdict = await admit(a, event.token.serviceUrl, rules);
      if (!verdict.admit) return refuse(a, verdict);
      // The normalised address: replies, look-ups and stored references all use it.
      (event.body as { serviceUrl?: string }).serviceUrl = verdict.serviceUrl;
      return handle(event);
    };
  }

  return {
    ...teamsOutlet(createTeamsSender(() => teams?.api.http as HttpClient | undefined, serviceUrls)),
    name: "teams",
    async mount(express: Express) {
      if (teamsConfig.insecure) log.warn(INSECURE_BANNER);
      const openIdMetadataUrl = teamsConfig.openIdMetadataUrl;
      teams = new TeamsApp({
        // Explicit values throughout: the SDK otherwise falls back to CLIENT_ID, SERVICE_URL and other
        // environment variables, and Quorum reads its environment in one place only.
        clientId: teamsConfig.appId ?? "",
        // The first listed tenant is the app registration's home, where its token is requested.
        ...(teamsConfig.appId && teamsConfig.tenantIds[0] ? { tenantId: teamsConfig.tenantIds[0] } : {}),
        ...(opts.token ? { token: opts.token } : { clientSecret: teamsConfig.appPassword ?? "" }),
        dangerouslyAllowUnauthenticatedRequests: teamsConfig.insecure,
        httpServerAdapter: new ExpressAdapter(express, { logger: sdkLogger(log) }),
        messagingEndpoint: "/api/messages",
        serviceUrl: "https://smba.trafficmanager.net/teams",
        // TEAMS_OPENID_METADATA_URL (tests): the SDK reads signing keys from its sibling /keys.
        cloud: openIdMetadataUrl ? withOverrides(PUBLIC, { openIdMetadataUrl }) : PUBLIC,
        client: { timeout: 15_000 },
        logger: sdkLogger(log),
      });
      guardDoor(teams);
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

/** Mounted only when Teams is configured: without it /api/messages does not exist (404). */
export const teamsAdapterFactory: AdapterFactory = (deps) =>
  deps.config.teams ? createTeamsAdapter(deps) : undefined;

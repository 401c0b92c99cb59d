// The Slack adapter: bolt on Quorum's shared HTTP server at /slack/events, or over Socket Mode with an app token.
import {
  App as Bolt,
  type App as BoltApp,
  ExpressReceiver,
  type Receiver,
  SocketModeReceiver,
  webApi,
} from "@slack/bolt";
import type { InstallProvider } from "@slack/oauth";
import { type Express, Router } from "express";
import type { Sender } from "../../core/outbound.ts";
import type { WorkspaceTokenStore } from "../../core/ports/workspace-tokens.ts";
import type { Quorum } from "../../core/quorum.ts";
import type { Logger } from "../../log.ts";
import type { AdapterFactory, ServerAdapter } from "../factory.ts";
import { AppHome } from "./app-home.ts";
import { registerEvents } from "./events.ts";
import { SlackIdentity } from "./identity.ts";
import type { SlackShared } from "./inbound.ts";
import { createInstaller, mountInstaller, type SlackOAuth } from "./installer.ts";
import { registerInteractivity } from "./interactivity.ts";
import { registerNewActionModal } from "./new-action-modal.ts";
import { slackOutlet } from "./pacing.ts";
import { replayGuard, requestDigest } from "./replay.ts";
import { SlackRoutes } from "./routes.ts";
import { createSlackSender } from "./sender.ts";
import { slackSignatureGuard } from "./signature.ts";
import { registerSlashCommand, SLASH_COMMAND } from "./slash-command.ts";
import { boltLogger, slackClientOptions } from "./web-client.ts";
import { registerWorkspaceLifecycle } from "./workspace-events.ts";

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackAdapterOptions {
  quorum: Quorum;
  logger: Logger;
  /** One workspace (SLACK_BOT_TOKEN); or `oauth` with `tokens` for many, each installed through OAuth. */
  botToken?: string | undefined;
  oauth?: SlackOAuth | undefined;
  /** Where each installed workspace's tokens are kept (sealed); required with `oauth`. */
  tokens?: WorkspaceTokenStore | undefined;
  /** QUORUM_PUBLIC_URL: Slack's redirect back to /slack/oauth_redirect is built from it. */
  publicUrl?: string | undefined;
  /** Test-only: the consent page the install link points at. */
  authorizationUrl?: string | undefined;
  /** Required for HTTP; unused in Socket Mode, where the app token authenticates the connection. */
  signingSecret?: string | undefined;
  appToken?: string | undefined;
  apiUrl?: string | undefined;
  /** Real time for the signature window, even when a test fixes the app's clock. */
  requestNow?: () => number;
  /** Default 2 s: Slack allows 3 s for the ack, and the network takes some of it. */
  ackBudgetMs?: number;
  timeoutMs?: number;
}

export interface SlackAdapter extends ServerAdapter {
  sender: Sender;
  bolt: BoltApp;
  /** Resolves when every request received so far has been fully handled (for shutdown and tests). */
  settled(): Promise<void>;
}

export const slackAdapterFactory: AdapterFactory = ({ quorum, config, logger, tokens }) => {
  const slack = config.slack;
  if (!slack) return undefined;
  if (!slack.appToken && !slack.signingSecret) {
    throw new Error(
      "SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is not: set it for the HTTP endpoint, or set SLACK_APP_TOKEN for Socket Mode.",
    );
  }
  if (slack.oauth && !tokens)
    throw new Error(
      "Installing into several Slack workspaces needs QUORUM_SECRET_KEY (openssl rand -base64 32).",
    );
  return createSlackAdapter({
    quorum,
    logger,
    botToken: slack.botToken,
    oauth: slack.oauth,
    tokens,
    publicUrl: config.publicUrl,
    signingSecret: slack.signingSecret,
    appToken: slack.appToken,
    apiUrl: slack.apiUrl,
  });
};

export function createSlackAdapter(opts: SlackAdapterOptions): SlackAdapter {
  const { logger } = opts;
  const settings = { apiUrl: opts.apiUrl, timeoutMs: opts.timeoutMs ?? 10_000 };
  const inflight = new Set<Promise<unknown>>();
  const socketMode = Boolean(opts.appToken);
  const router = Router();
  const inner: Receiver = socketMode
    ? new SocketModeReceiver({ appToken: opts.appToken as string, logger: boltLogger(logger) })
    : new ExpressReceiver({
        signingSecret: opts.signingSecret as string,
        endpoints: SLACK_EVENTS_PATH,
        router,
        logger: boltLogger(logger),
        customPropertiesExtractor: requestDigest,
      });
  const redirect = opts.publicUrl ? `${opts.publicUrl}/slack/oauth_redirect` : undefined;
  const installer =
    opts.oauth && opts.tokens
      ? createInstaller({
          ...settings,
          oauth: opts.oauth,
          tokens: opts.tokens,
          quorum: opts.quorum,
          logger,
          redirectUri: redirect,
          authorizationUrl: opts.authorizationUrl,
        })
      : undefined;
  if (!installer && !opts.botToken)
    throw new Error("Slack needs SLACK_BOT_TOKEN, or SLACK_CLIENT_ID with QUORUM_SECRET_KEY.");
  const bolt = new Bolt({
    // Several workspaces: each request's token from the sealed store (refreshed when due). One workspace:
    // not `token`, since bolt would call auth.test in its constructor, and an unreachable Slack at
    // start-up would become an unhandled rejection that kills the process. This asks on first use, and
    // again after a failure.
    authorize: installer
      ? (source) => installer.authorize(source)
      : cachedAuthorize(opts.botToken as string, slackClientOptions(settings, logger)),
    receiver: new TrackingReceiver(inner, inflight),
    // Quorum keeps no per-conversation state in bolt; its default store costs every event a thrown-away
    // Error ("Conversation not found") and the promise around it.
    convoStore: false,
    logger: boltLogger(logger),
    clientOptions: slackClientOptions(settings, logger),
  });
  bolt.error(async (err) => {
    // Only the code and message: a bolt error can carry the request, and the request carries ids and text.
    logger.error({ code: (err as { code?: string }).code, message: err.message }, "Slack handler failed");
  });
  const deps: SlackShared = {
    quorum: opts.quorum,
    clock: opts.quorum.clock,
    logger,
    identity: new SlackIdentity(opts.quorum, logger),
    home: new AppHome(logger),
    ackBudgetMs: opts.ackBudgetMs ?? 2_000,
  };
  // Before every listener: a replayed command or interaction is acknowledged and goes no further.
  // /quorum's listener claims its own commands, in the statement that counts them (slash-command.ts).
  bolt.use(replayGuard(deps, [SLASH_COMMAND]));
  const forget = async (team: string) => {
    const removed = (await opts.tokens?.remove(team)) ?? false;
    const links = await opts.quorum.workspaceRemoved("slack", team);
    logger.warn({ team, tokensRemoved: removed, channelLinks: links }, "Slack workspace connection ended");
  };
  const routes = new SlackRoutes();
  registerWorkspaceLifecycle(routes, forget);
  registerSlashCommand(routes, deps);
  registerEvents(routes, deps);
  registerInteractivity(routes, deps);
  registerNewActionModal(routes, deps);
  routes.mount(bolt);

  const settled = async () => {
    while (inflight.size) await Promise.allSettled([...inflight]);
  };
  return {
    ...slackOutlet(
      createSlackSender({
        token: opts.botToken,
        ...(installer && opts.tokens
          ? { tokenFor: currentToken(installer, opts.tokens), onConnectionLost: forget }
          : {}),
        logger,
        ...settings,
      }),
    ),
    name: socketMode ? "slack (socket mode)" : "slack",
    bolt,
    settled,
    mount(express: Express) {
      if (installer) mountInstaller(express, installer, { logger, redirectUri: redirect });
      if (socketMode) return;
      // Our guard runs first: it also refuses timestamps from the future, which bolt lets through.
      const guard = slackSignatureGuard({
        signingSecret: opts.signingSecret as string,
        now: opts.requestNow ?? Date.now,
        logger,
      });
      express.post(SLACK_EVENTS_PATH, ...guard);
      express.use(router);
    },
    async start() {
      if (socketMode) await bolt.start();
    },
    async stop() {
      await settled();
      if (socketMode) await bolt.stop();
    },
  };
}

/**
 * Wraps the real receiver so every request's whole handling (which outlives the ack) is tracked: shutdown
 * waits for it, and tests can wait for "everything Slack sent has been dealt with" instead of sleeping.
 */
class TrackingReceiver implements Receiver {
  constructor(
    private readonly inner: Receiver,
    private readonly inflight: Set<Promise<unknown>>,
  ) {}

  init(bolt: BoltApp): void {
    const processEvent: BoltApp["processEvent"] = (event) => {
      const work = bolt.processEvent(event);
      this.inflight.add(work);
      void work.finally(() => this.inflight.delete(work)).catch(() => {});
      return work;
    };
    this.inner.init({ processEvent } as BoltApp);
  }

  start(...args: unknown[]): Promise<unknown> {
    return this.inner.start(...args);
  }

  stop(...args: unknown[]): Promise<unknown> {
    return this.inner.stop(...args);
  }
}

/** The workspace's bot token for the outbox, refreshed first when Slack's token rotation says it is due. */
function currentToken(installer: InstallProvider, tokens: WorkspaceTokenStore) {
  return async (team: string): Promise<string | null> => {
    // One read of the installation a send (authorize fetches it); a missing one is told apart only when
    // authorize fails, which is rare, rather than read a second time before every send of a fan-out.
    try {
      const auth = await installer.authorize({
        teamId: team,
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      });
      return auth.botToken ?? null;
    } catch (err) {
      // Not installed, or uninstalled (revoked by another row's send) meanwhile: no installation.
      if (!(await tokens.get(team))) return null;
      throw err;
    }
  };
}

/** The bot's ids from one auth.test, remembered once it succeeds. */
function cachedAuthorize(botToken: string, options: webApi.WebClientOptions) {
  const client = new webApi.WebClient(botToken, options);
  let known: Promise<{ botToken: string; botId?: string; botUserId?: string; teamId?: string }> | undefined;
  return () => {
    known ??= client.auth
      .test()
      .then((r) => ({
        botToken,
        // The installation's own team: in a Slack Connect channel a click names the clicker's team instead.
        // bolt also keys the client it hands each listener (with this token) by it.
        ...(r.team_id ? { teamId: r.team_id } : {}),
        ...(r.bot_id ? { botId: r.bot_id } : {}),
        ...(r.user_id ? { botUserId: r.user_id } : {}),
      }))
      .catch((err: unknown) => {
        known = undefined;
        throw err;
      });
    return known;
  };
}

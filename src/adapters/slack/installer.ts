// Slack's OAuth v2 install for many workspaces: @slack/oauth's InstallProvider over Quorum's sealed token store.
import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";
import slackOAuth, {
  type Installation,
  type InstallationQuery,
  InstallProvider,
  type InstallURLOptions,
  InvalidStateError,
  type StateStore,
} from "@slack/oauth";
import type { Express } from "express";
import type { WorkspaceTokenStore } from "../../core/ports/workspace-tokens.ts";
import type { Quorum } from "../../core/quorum.ts";
import type { Logger } from "../../log.ts";
import { boltLogger, type SlackClientSettings } from "./web-client.ts";

export const SLACK_INSTALL_PATH = "/slack/install";
export const SLACK_REDIRECT_PATH = "/slack/oauth_redirect";

/** What Quorum's bot asks for: the same as manifests/slack/*.json (test/slack/manifest-multi.test.ts checks). */
export const BOT_SCOPES = [
  "commands",
  "chat:write",
  "chat:write.public",
  "app_mentions:read",
  "im:history",
  "users:read",
  "users:read.email",
];

/** A state is good for ten minutes, once, and only in the browser that started the install. */
const STATE_SECONDS = 600;

export interface SlackOAuth {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

export interface InstallerOptions extends SlackClientSettings {
  oauth: SlackOAuth;
  tokens: WorkspaceTokenStore;
  quorum: Quorum;
  logger: Logger;
  /** Where Slack sends the browser back: QUORUM_PUBLIC_URL + /slack/oauth_redirect, when known. */
  redirectUri?: string | undefined;
  /** Test-only: the authorize page the install link points at. */
  authorizationUrl?: string | undefined;
}

type InstallOutcome = Awaited<ReturnType<Quorum["workspaceInstalled"]>>;
/** What storing each installation decided, for its success page: per installer, by team id. */
const decided = new WeakMap<InstallProvider, Map<string, InstallOutcome>>();

export function createInstaller(opts: InstallerOptions): InstallProvider {
  const outcomes = new Map<string, InstallOutcome>();
  const installer = new InstallProvider({
    clientId: opts.oauth.clientId,
    clientSecret: opts.oauth.clientSecret,
    stateStore: singleUseStateStore(opts.oauth.stateSecret, opts.quorum),
    stateCookieExpirationSeconds: STATE_SECONDS,
    installationStore: sealedInstallationStore(opts.tokens, opts.quorum, outcomes),
    installUrlOptions: {
      scopes: BOT_SCOPES,
      ...(opts.redirectUri ? { redirectUri: opts.redirectUri } : {}),
    },
    ...(opts.authorizationUrl ? { authorizationUrl: opts.authorizationUrl } : {}),
    renderHtmlForInstallPath: addToSlackPage,
    // No debug lines: the Web API client's debug dumps request and response bodies, and here those hold
    // the client secret, codes and freshly issued tokens.
    logger: { ...boltLogger(opts.logger), debug: () => {} },
    clientOptions: {
      ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl.endsWith("/") ? opts.apiUrl : `${opts.apiUrl}/` } : {}),
      retryConfig: { retries: 0 },
      timeout: opts.timeoutMs ?? 10_000,
    },
  });
  decided.set(installer, outcomes);
  return installer;
}

/**
 * The library's signed, expiring state, plus a claim in the processed-events ledger (shared by every
 * instance): a state that has been redeemed once is refused, even within its ten minutes.
 */
function singleUseStateStore(secret: string, quorum: Pick<Quorum, "claimOnce">): StateStore {
  // Node's ESM loader does not see this re-export of the CommonJS package by name; the default export has it.
  const signed = new slackOAuth.ClearStateStore(secret, STATE_SECONDS);
  return {
    generateStateParam: (options, now) => signed.generateStateParam(options, now),
    async verifyStateParam(now, state) {
      const options = await signed.verifyStateParam(now, state);
      const key = `oauth-state:${createHash("sha256").update(state).digest("hex")}`;
      if (!(await quorum.claimOnce("slack", key)))
        throw new InvalidStateError("The state value was already used");
      return options;
    },
  };
}

/** The library's installation store over Quorum's: only the bot's credentials are kept (sealed). */
function sealedInstallationStore(
  tokens: WorkspaceTokenStore,
  quorum: Pick<Quorum, "workspaceInstalled">,
  outcomes: Map<string, InstallOutcome>,
) {
  return {
    async storeInstallation(installation: Installation) {
      const teamId = installation.team?.id;
      const bot = installation.bot;
      // An org-wide (Enterprise Grid) install has no single team; Quorum links workspaces one by one.
      if (!teamId)
        throw new Error("Install Quorum into one workspace at a time, not the whole organisation.");
      if (!bot) throw new Error("Slack returned no bot token: the app's manifest must request bot scopes.");
      // The workspace's request (or link) exists before its token does: an event arriving in between, or
      // after a failure here, finds a pending request, never an unlinked workspace that would be auto-linked.
      outcomes.set(
        teamId,
        await quorum.workspaceInstalled({
          platform: "slack",
          tenant: teamId,
          name: installation.team?.name,
          requestedBy: installation.user.id,
          partnership: installation.metadata,
        }),
      );
      await tokens.save({
        teamId,
        enterpriseId: installation.enterprise?.id,
        teamName: installation.team?.name,
        appId: installation.appId,
        botId: bot.id,
        botUserId: bot.userId,
        scopes: bot.scopes,
        botToken: bot.token,
        refreshToken: bot.refreshToken,
        expiresAt: bot.expiresAt,
        installerUserId: installation.user.id || undefined,
      });
    },
    async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
      const t = query.teamId ? await tokens.get(query.teamId) : null;
      if (!t) throw new Error(`Quorum is not installed in Slack workspace ${query.teamId ?? "(none)"}`);
      return {
        team: { id: t.teamId, ...(t.teamName ? { name: t.teamName } : {}) },
        enterprise: t.enterpriseId ? { id: t.enterpriseId } : undefined,
        user: { id: t.installerUserId ?? "", token: undefined, scopes: undefined },
        bot: {
          token: t.botToken,
          scopes: t.scopes,
          id: t.botId ?? "",
          userId: t.botUserId ?? "",
          ...(t.refreshToken ? { refreshToken: t.refreshToken } : {}),
          ...(t.expiresAt ? { expiresAt: t.expiresAt } : {}),
        },
        ...(t.appId ? { appId: t.appId } : {}),
        authVersion: "v2",
        isEnterpriseInstall: false,
      };
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      if (query.teamId) await tokens.remove(query.teamId);
    },
  };
}

/** /slack/install and /slack/oauth_redirect on the shared server. */
export function mountInstaller(
  express: Express,
  installer: InstallProvider,
  opts: Pick<InstallerOptions, "logger" | "redirectUri">,
): void {
  const { logger } = opts;
  // The install pages carry a state cookie and Slack's consent link: never cached, framed or sniffed.
  express.use([SLACK_INSTALL_PATH, SLACK_REDIRECT_PATH], (_req, res, next) => {
    res.set({
      "Cache-Control": "no-store",
      "X-Frame-Options": "DENY",
      "Content-Security-Policy": "frame-ancestors 'none'",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    });
    next();
  });
  express.get(SLACK_INSTALL_PATH, async (req, res) => {
    // ?partnership=<slug>: the install link an admin shares names where the workspace asks to join.
    const slug = typeof req.query.partnership === "string" ? req.query.partnership : undefined;
    const valid = slug && /^[a-z0-9-]{1,64}$/.test(slug) ? slug : undefined;
    const options: InstallURLOptions = {
      scopes: BOT_SCOPES,
      ...(opts.redirectUri ? { redirectUri: opts.redirectUri } : {}),
      ...(valid ? { metadata: valid } : {}),
    };
    await installer.handleInstallPath(req, res, {}, options).catch((err: unknown) => {
      logger.error({ error: (err as Error).name }, "Slack install page failed");
      if (!res.headersSent) page(res, 500, "Quorum could not start the install", "Please try again.");
    });
  });
  express.get(SLACK_REDIRECT_PATH, async (req, res) => {
    await installer.handleCallback(req, res, {
      successAsync: async (installation, _options, _req, res) => {
        const team = installation.team?.id ?? "";
        const outcomes = decided.get(installer);
        const outcome = outcomes?.get(team);
        outcomes?.delete(team);
        if (!outcome) throw new Error("Slack install finished without being stored");
        logger.info({ team, outcome: outcome.status }, "Slack workspace installed Quorum");
        if (outcome.status === "linked")
          page(
            res,
            200,
            "Quorum is installed",
            `It is linked to ${outcome.partnership.name}. Type /quorum help in Slack.`,
          );
        else
          page(
            res,
            200,
            "Quorum is installed and waiting",
            outcome.partnership
              ? `An admin of ${outcome.partnership.name} has been asked to accept this workspace. You'll be able to use Quorum once they do.`
              : "An administrator of your Quorum installation must accept this workspace before anyone can use it.",
          );
      },
      failureAsync: async (error, _options, _req, res) => {
        // The library's code and the error's name only: a failed exchange's message can echo the request.
        logger.warn({ code: (error as { code?: string }).code, error: error.name }, "Slack install failed");
        page(
          res,
          400,
          "Quorum was not installed",
          "The install link was used already, expired, was opened in another browser, or Slack refused it. Start again from the install page.",
        );
      },
    });
  });
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.statusCode = status;
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
      `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`,
  );
}

/** The "Add to Slack" page: one link to Slack's consent screen carrying this browser's state. */
export function addToSlackPage(url: string): string {
  const href = escapeHtml(url);
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Add Quorum to Slack</title></head><body>` +
    `<h1>Add Quorum to your Slack workspace</h1>` +
    `<p>Once installed, a partnership admin is asked to accept your workspace before anyone can use it.</p>` +
    `<p><a id="add-to-slack" href="${href}">Add to Slack</a></p></body></html>`
  );
}

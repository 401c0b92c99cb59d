// New workspaces and tenants join by decision: an install waits as a request until a partnership admin accepts it.
import { card, fields, text } from "../card.ts";
import { QuorumError } from "../errors.ts";
import type { Repos, WorkspaceRequest } from "../ports.ts";
import { notifyPerson } from "../reach/notify-person.ts";
import { cardToText } from "../render-text.ts";
import type { Partnership, Platform } from "../types.ts";
import { forgetChannel } from "./channels.ts";

export interface WorkspaceInstall {
  platform: Platform;
  tenant: string;
  /** The workspace's own name, for the admins' message. */
  name?: string | undefined;
  /** The platform user who installed it. */
  requestedBy?: string | undefined;
  /** The partnership the install link named (?partnership=slug), if any. */
  partnership?: string | undefined;
}

export type InstallOutcome =
  | { status: "linked"; partnership: Partnership }
  | { status: "pending"; partnership: Partnership | null };

const platformWord = (p: Platform) => (p === "teams" ? "Teams tenant" : "Slack workspace");

/**
 * An install through OAuth (or a tenant's first contact): a workspace already linked stays linked; any
 * other waits for a decision, and the admins of the partnership it names (or the only one) hear of it.
 */
export async function requestWorkspace(
  repos: Repos,
  w: WorkspaceInstall,
  now: Date,
): Promise<InstallOutcome> {
  const linked = await repos.partnerships.forInstallation(w.platform, w.tenant);
  if (linked) return { status: "linked", partnership: linked };
  const partnership = await partnershipToAsk(repos, w.partnership);
  const request = await repos.workspaces.ask(requestOf(w, partnership));
  if (partnership) await tellAdmins(repos, partnership, request, now);
  return { status: "pending", partnership };
}

/**
 * A tenant's first contact (a Teams install or message): recorded as asking to join only if nobody has
 * been asked about it yet, so a second message, or a tenant already declined, tells no one again.
 * Returns the tenant's request and whether this call created it.
 */
export async function askToJoin(
  repos: Repos,
  w: WorkspaceInstall,
  now: Date,
): Promise<{ request: WorkspaceRequest; asked: boolean; partnership: Partnership | null }> {
  const partnership = await partnershipToAsk(repos, w.partnership);
  const created = await repos.workspaces.askOnce(requestOf(w, partnership));
  if (created) {
    if (partnership) await tellAdmins(repos, partnership, created, now);
    return { request: created, asked: true, partnership };
  }
  const request = await repos.workspaces.request(w.platform, w.tenant);
  if (!request) throw new Error(`The join request for ${w.platform} ${w.tenant} vanished`);
  const asked = request.partnershipId === null ? null : await repos.partnerships.byId(request.partnershipId);
  return { request, asked: false, partnership: asked };
}

/** The partnership the install named, else the only one; with several and none named, an operator decides. */
async function partnershipToAsk(repos: Repos, slug: string | undefined): Promise<Partnership | null> {
  const named = slug ? await repos.partnerships.bySlug(slug) : null;
  const all = named ? [named] : await repos.partnerships.list();
  return all.length === 1 ? (all[0] ?? null) : null;
}

const requestOf = (w: WorkspaceInstall, partnership: Partnership | null) => ({
  platform: w.platform,
  tenant: w.tenant,
  name: w.name ?? null,
  partnershipId: partnership?.id ?? null,
  requestedBy: w.requestedBy ?? null,
});

/** What a waiting or declined workspace's people are told: on Teams a tenant is their organisation. */
export function undecidedMessage(platform: Platform, status: WorkspaceRequest["status"]): string {
  if (platform === "teams")
    return status === "declined"
      ? "Quorum isn't available for your organisation: the partnership's admins declined it. Nothing you typed was kept."
      : "Thanks for adding Quorum. Your organisation is waiting for a partnership admin to accept it; until then Quorum can't act on anything here, and nothing you type is kept.";
  return status === "declined"
    ? "Quorum isn't available in this workspace: the partnership's admins declined it. Nothing you typed was kept."
    : "Thanks for installing Quorum. This workspace is waiting for a partnership admin to accept it; until then Quorum can't act on anything here, and nothing you type is kept.";
}

/** Throws the polite "waiting" answer when the workspace has asked to join and no one has accepted it. */
export async function refuseUndecided(repos: Repos, platform: Platform, tenant: string): Promise<void> {
  const request = await repos.workspaces.request(platform, tenant);
  if (!request) return;
  throw new QuorumError("not_linked", undecidedMessage(platform, request.status));
}

export function workspaceRequestCard(request: WorkspaceRequest) {
  return card(
    `A ${platformWord(request.platform)} would like to join`,
    [
      // A Teams tenant arrives with no name: its id alone, once.
      fields(
        ...(request.name
          ? [
              { label: "Workspace", value: request.name },
              { label: "Id", value: request.tenant },
            ]
          : [{ label: request.platform === "teams" ? "Tenant id" : "Id", value: request.tenant }]),
      ),
      text(
        "Until someone accepts it, its people can't use Quorum. Accepting can also set the organisation its newcomers join: workspace accept <id> org:CODE",
      ),
      {
        kind: "buttons",
        buttons: [
          { label: "Accept", command: `workspace accept ${request.tenant}`, style: "primary" },
          { label: "Decline", command: `workspace decline ${request.tenant}`, style: "danger" },
        ],
      },
    ],
    { audience: "personal" },
  );
}

async function tellAdmins(repos: Repos, partnership: Partnership, request: WorkspaceRequest, now: Date) {
  const c = workspaceRequestCard(request);
  const admins = (await repos.people.list(partnership.id)).filter(
    (p) => p.role === "admin" && p.status === "active",
  );
  // The request time in the key: a workspace declined, then installed again, is asked about again.
  const subject = `workspace:${request.platform}:${request.tenant}:${request.createdAt.getTime()}`;
  for (const admin of admins)
    await notifyPerson({ repos, partnership, now }, admin, "workspace-request", subject, {
      card: c,
      text: cardToText(c),
    });
}

/** Links the workspace to the partnership (an admin's Accept, or quorum slack link) and closes its request. */
export async function acceptWorkspace(
  repos: Repos,
  partnership: Partnership,
  platform: Platform,
  tenant: string,
  organisationId: number | null = null,
): Promise<void> {
  await repos.partnerships.linkInstallation(partnership.id, platform, tenant);
  if (organisationId !== null)
    await repos.workspaces.setDefaultOrganisation(platform, tenant, organisationId);
  const request = await repos.workspaces.request(platform, tenant);
  if (request) await repos.workspaces.forget(request.id);
}

/** Uninstalled or its tokens revoked: every channel link in it is gone, so digests stop and nothing retries. */
export async function workspaceGone(repos: Repos, platform: Platform, tenant: string): Promise<number> {
  const partnership = await repos.partnerships.forInstallation(platform, tenant);
  if (!partnership) return 0;
  const links = (await repos.channels.list(partnership.id)).filter(
    (l) => l.platform === platform && l.tenant === tenant && l.status !== "uninstalled",
  );
  for (const link of links) await forgetChannel(repos, link);
  return links.length;
}

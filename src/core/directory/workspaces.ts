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
  const named = w.partnership ? await repos.partnerships.bySlug(w.partnership) : null;
  const all = named ? [named] : await repos.partnerships.list();
  const partnership = all.length === 1 ? (all[0] ?? null) : null;
  const request = await repos.workspaces.ask({
    platform: w.platform,
    tenant: w.tenant,
    name: w.name ?? null,
    partnershipId: partnership?.id ?? null,
    requestedBy: w.requestedBy ?? null,
  });
  if (partnership) await tellAdmins(repos, partnership, request, now);
  return { status: "pending", partnership };
}

/** Throws the polite "waiting" answer when the workspace has asked to join and no one has accepted it. */
export async function refuseUndecided(repos: Repos, platform: Platform, tenant: string): Promise<void> {
  const request = await repos.workspaces.request(platform, tenant);
  if (!request) return;
  throw new QuorumError(
    "not_linked",
    request.status === "declined"
      ? "Quorum isn't available in this workspace: the partnership's admins declined it. Nothing you typed was kept."
      : "Thanks for installing Quorum. This workspace is waiting for a partnership admin to accept it; until then Quorum can't act on anything here, and nothing you type is kept.",
  );
}

export function workspaceRequestCard(request: WorkspaceRequest) {
  return card(
    `A ${platformWord(request.platform)} would like to join`,
    [
      fields(
        { label: "Workspace", value: request.name ?? request.tenant },
        { label: "Id", value: request.tenant },
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

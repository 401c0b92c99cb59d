// Which workspaces or tenants may use Quorum at all: the operator's list, or those linked to a partnership.
import type { Repos } from "../ports.ts";
import type { Platform } from "../types.ts";
import { askToJoin, undecidedMessage } from "./workspaces.ts";

/**
 * The operator's list, when there is one, is the whole answer (a listed tenant that is not linked yet
 * joins a partnership on first use, as resolvePartnership says). Without a list only a tenant already
 * linked to a partnership (quorum teams link) may use Quorum, so a missing setting opens no door.
 */
export async function tenantAllowed(
  repos: Repos,
  platform: Platform,
  tenant: string | undefined,
  allowList: readonly string[],
): Promise<boolean> {
  if (!tenant) return false;
  if (allowList.length > 0) return allowList.includes(tenant);
  return (await repos.partnerships.forInstallation(platform, tenant)) !== null;
}

/** A tenant's first contact worth a request: who in it knocked (the platform's user id), if known. */
export interface TenantKnock {
  requestedBy?: string | undefined;
}

export type TenantStanding =
  | { status: "allowed" }
  /** Off the operator's list, or unknown and not asking: refused with the platform's own line. */
  | { status: "refused" }
  | {
      status: "pending" | "declined";
      /** The polite line for its people. */
      message: string;
      /** True when this contact recorded the request (and told the admins, if it could name a partnership). */
      asked: boolean;
      /** The partnership whose admins decide; null with several partnerships: an operator links it. */
      partnership: string | null;
    };

/**
 * Where a tenant stands. Not allowed and off no operator's list, a tenant that knocks (an install, or a
 * message addressed to Quorum) is recorded as asking to join, once: only the request is written, never
 * a person, channel or event. With an operator's list, a tenant off it cannot ask: the list is the answer.
 */
export async function tenantStanding(
  repos: Repos,
  platform: Platform,
  tenant: string | undefined,
  allowList: readonly string[],
  knock: TenantKnock | null,
  now: Date,
): Promise<TenantStanding> {
  if (await tenantAllowed(repos, platform, tenant, allowList)) return { status: "allowed" };
  if (!tenant || allowList.length > 0) return { status: "refused" };
  const existing = await repos.workspaces.request(platform, tenant);
  if (!existing && !knock) return { status: "refused" };
  const { request, asked, partnership } = existing
    ? {
        request: existing,
        asked: false,
        partnership: existing.partnershipId ? await repos.partnerships.byId(existing.partnershipId) : null,
      }
    : await askToJoin(repos, { platform, tenant, requestedBy: knock?.requestedBy }, now);
  return {
    status: request.status,
    message: undecidedMessage(platform, request.status),
    asked,
    partnership: partnership?.name ?? null,
  };
}

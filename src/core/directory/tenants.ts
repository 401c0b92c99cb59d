// Which workspaces or tenants may use Quorum at all: the operator's list, or those linked to a partnership.
import type { Repos } from "../ports.ts";
import type { Platform } from "../types.ts";

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

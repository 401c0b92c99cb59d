// Slack Connect guests: a user from another workspace in a shared channel is known by their own workspace,
// and acts only if that workspace belongs to the same partnership (secure by default: nothing is written).
import { QuorumError } from "../errors.ts";
import type { InboundEvent } from "../inbound.ts";
import type { Repos } from "../ports.ts";
import type { Partnership } from "../types.ts";

/** The workspace the user belongs to, where their identity is kept: their own, not the channel host's. */
export const homeTenant = (event: Pick<InboundEvent, "tenant" | "userTenant">): string =>
  event.userTenant || event.tenant;

/** True for a user from another workspace writing in a channel shared with this installation's workspace. */
export const isGuest = (event: Pick<InboundEvent, "tenant" | "userTenant">): boolean =>
  !!event.userTenant && event.userTenant !== event.tenant;

/**
 * Throws, before anything is written, unless the guest's own workspace is linked to the partnership the
 * channel belongs to: a shared channel is not an open door for every organisation it is shared with.
 */
export async function checkGuestWorkspace(
  repos: Repos,
  partnership: Partnership,
  event: InboundEvent,
): Promise<void> {
  if (!isGuest(event)) return;
  const tenant = homeTenant(event);
  const home = await repos.partnerships.forInstallation(event.platform, tenant);
  if (home?.id === partnership.id) return;
  const request = await repos.workspaces.request(event.platform, tenant);
  throw new QuorumError(
    "not_linked",
    request?.status === "pending" && request.partnershipId === partnership.id
      ? `Your workspace (${tenant}) is waiting for a ${partnership.name} admin to accept it; until then Quorum can't act for you here, and nothing you typed was kept.`
      : `You're writing from another organisation's workspace (${tenant}), which isn't part of this channel's partnership, so Quorum can't act for you here and kept nothing you typed. Its admins can add your workspace (quorum ${event.platform} link ${tenant} <partnership>).`,
  );
}

/** What an unmatched chat user is told: a guest (or anyone whose email is hidden) can link themselves. */
export function unmatchedError(event: InboundEvent): QuorumError {
  if (event.platform === "shell")
    return new QuorumError(
      "not_linked",
      `There is no one with the handle "${event.userId}". Try one from: quorum say --as <handle> people`,
    );
  const where = isGuest(event) ? " from this shared channel" : "";
  return new QuorumError(
    "not_linked",
    `I couldn't match you to a partner: your chat profile has no email address Quorum can see${where}. Type "link me" to Quorum to link your account once.`,
  );
}

// Finds the partnership and person behind an inbound event, linking new identities by email.
import { QuorumError } from "../errors.ts";
import type { InboundEvent } from "../inbound.ts";
import type { Repos } from "../ports.ts";
import { checkEnrolmentRate, type RateLimits } from "../rate-limits.ts";
import type { Partnership, Person, Platform } from "../types.ts";
import { admitNewcomer } from "./admission.ts";
import { rememberChannel } from "./channels.ts";
import { checkGuestWorkspace, homeTenant, unmatchedError } from "./guests.ts";
import { refuseUndecided } from "./workspaces.ts";

/**
 * The partnership a workspace or tenant belongs to, read-only: before its first command links it, the
 * only partnership there is (the one resolvePartnership would link it to); null when that is not clear.
 */
export async function findPartnership(
  repos: Repos,
  platform: Platform,
  tenant: string,
): Promise<Partnership | null> {
  const linked = await repos.partnerships.forInstallation(platform, tenant);
  if (linked) return linked;
  // A workspace that asked to join belongs nowhere until an admin accepts it.
  if (await repos.workspaces.request(platform, tenant)) return null;
  const all = await repos.partnerships.list();
  return all.length === 1 ? (all[0] ?? null) : null;
}

export async function resolvePartnership(
  repos: Repos,
  event: Pick<InboundEvent, "platform" | "tenant">,
): Promise<Partnership> {
  const linked = await repos.partnerships.forInstallation(event.platform, event.tenant);
  if (linked) return linked;
  await refuseUndecided(repos, event.platform, event.tenant);
  // Any workspace or tenant not linked yet (not only the first) joins the only partnership there is;
  // with several, an admin must choose. Teams lets only allowed tenants this far (tenants.ts).
  const all = await repos.partnerships.list();
  if (all.length === 1 && all[0]) {
    await repos.partnerships.linkInstallation(all[0].id, event.platform, event.tenant);
    return all[0];
  }
  throw new QuorumError(
    "not_linked",
    all.length === 0
      ? "Quorum has no partnership yet. Run quorum init to set one up, or quorum demo to try the demo."
      : `This ${event.platform} workspace is not linked to a partnership yet. An admin can run: quorum ${event.platform} link ${event.tenant} <partnership>`,
  );
}

export async function resolveActor(
  repos: Repos,
  partnership: Partnership,
  event: InboundEvent,
  rate: { limits: RateLimits; now: Date },
): Promise<Person> {
  const person = await matchActor(repos, partnership, event, rate);
  if (person) return person;
  throw unmatchedError(event);
}

/**
 * The person behind the event, linking a new identity by email; null when there is no way to tell who
 * they are (the caller says so, or offers "link me"). A guest from a workspace outside the partnership
 * is refused first, before anything is written. Identities are keyed on the user's own workspace.
 */
export async function matchActor(
  repos: Repos,
  partnership: Partnership,
  event: InboundEvent,
  rate: { limits: RateLimits; now: Date },
): Promise<Person | null> {
  await checkGuestWorkspace(repos, partnership, event);
  const tenant = homeTenant(event);
  const known = await repos.people.byIdentity(event.platform, tenant, event.userId);
  if (known && known.partnershipId === partnership.id) {
    await repos.reach.touchIdentity(event.platform, tenant, event.userId, rate.now);
    return stillActive(known, partnership);
  }
  // The local shell names people by handle: whoever runs it already holds the data folder.
  if (event.platform === "shell") {
    const byHandle = await repos.people.byHandle(partnership.id, event.userId.toLowerCase());
    if (byHandle) return stillActive(byHandle, partnership);
  }
  const email = event.profile?.email?.trim();
  if (!email) return null;
  // A first contact links (and may create) a person: capped per partnership, so a flood of made-up
  // profiles cannot fill the directory.
  await checkEnrolmentRate(repos, rate.limits, partnership.id, rate.now);
  const byEmail = await repos.people.byEmail(partnership.id, email);
  if (byEmail) stillActive(byEmail, partnership);
  const person =
    byEmail ??
    (await admitNewcomer(
      repos,
      partnership,
      { email, name: event.profile?.name, platform: event.platform, tenant },
      rate.now,
    ));
  // Keep the adapter's reference even from a channel: without it Quorum could never message this
  // person directly (Teams opens a 1:1 chat from it). A direct message later replaces it.
  await repos.people.addIdentity(person.id, event.platform, tenant, event.userId, event.userRef);
  // A first contact is a use: reminders and notices go where the person was last, timed by the same clock.
  await repos.reach.touchIdentity(event.platform, tenant, event.userId, rate.now);
  return person;
}

/** A removed person keeps their history but can no longer act or be matched to a chat identity. */
function stillActive(person: Person, partnership: Partnership): Person {
  if (person.status !== "inactive") return person;
  throw new QuorumError(
    "forbidden",
    `Your access to Quorum for ${partnership.name} has ended. If that is a mistake, ask one of its admins.`,
  );
}

/**
 * Keeps what adapters need for proactive posts fresh: the user's direct conversation and any channel
 * Quorum is used in. A channel found this way gets no digest until someone links it to a group.
 */
export async function rememberConversation(
  repos: Repos,
  partnership: Partnership,
  actor: Person,
  event: InboundEvent,
  now: Date,
): Promise<void> {
  if (event.platform === "shell") return;
  const { conversation } = event;
  if (conversation.kind === "direct" && event.userRef) {
    await repos.people.addIdentity(actor.id, event.platform, homeTenant(event), event.userId, event.userRef);
  }
  if (conversation.kind === "channel") {
    await rememberChannel(
      repos,
      partnership,
      { platform: event.platform, tenant: event.tenant, conversation },
      now,
    );
  }
}

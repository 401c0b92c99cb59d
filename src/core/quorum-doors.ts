// The core's doors beside handle(): run-once claims, installs and removals, and the look-ups adapters need.
import { findPartnership, resolvePartnership } from "./directory/actor.ts";
import { type ChannelSighting, forgetChannel, rememberChannel } from "./directory/channels.ts";
import { type TenantKnock, type TenantStanding, tenantStanding } from "./directory/tenants.ts";
import {
  type InstallOutcome,
  requestWorkspace,
  type WorkspaceInstall,
  workspaceGone,
} from "./directory/workspaces.ts";
import type { Clock, EventClaim, Store } from "./ports.ts";
import type { Partnership, Person, Platform } from "./types.ts";

/** Where the app was added or removed: a channel, team or group chat (not a 1:1 chat). */
export type Installation = ChannelSighting;

/** A person as a chat platform names them. */
export interface ChatIdentity {
  platform: Platform;
  tenant: string;
  userId: string;
}

export interface QuorumDoors {
  /** The core's clock, for an adapter's own checks (a form's "due date in the past"). */
  readonly clock: Clock;
  /** True the first time `key` is claimed for the platform: for requests that are not one command. */
  claimOnce(platform: Platform, key: string): Promise<boolean>;
  /**
   * Remembers where Quorum was added, so it can post there later. Throws QuorumError("not_linked") when
   * the workspace or tenant belongs to no partnership yet (its message says what an admin can do).
   */
  installed(installation: Installation): Promise<void>;
  /** Removed from a channel or chat: post nothing more there. */
  removed(installation: Installation): Promise<void>;
  /**
   * A whole workspace installed Quorum (Slack's OAuth): linked already, or now waiting for an admin of the
   * partnership it named to accept it (they are sent Accept / Decline).
   */
  workspaceInstalled(install: WorkspaceInstall): Promise<InstallOutcome>;
  /** The workspace uninstalled Quorum or revoked its tokens: its channel links are gone. Returns how many. */
  workspaceRemoved(platform: Platform, tenant: string): Promise<number>;
  /** The partnership a workspace or tenant belongs to, read-only; null when none can be told. */
  partnershipFor(platform: Platform, tenant: string): Promise<Partnership | null>;
  /**
   * The person behind a chat identity in its workspace's partnership, or null. An identity not linked
   * yet is matched by the email `email()` gives, asked only then (it may cost the adapter an API call).
   */
  personFor(who: ChatIdentity, email?: () => Promise<string | undefined>): Promise<Person | null>;
  /**
   * Where a tenant stands. With a `knock` (an install, or a message addressed to Quorum), a tenant that is
   * neither allowed nor on an operator's list is recorded, once, as asking to join, and the admins of the
   * partnership it would join get Accept / Decline; nothing else is written.
   */
  tenantStanding(
    platform: Platform,
    tenant: string | undefined,
    allowList: readonly string[],
    knock: TenantKnock | null,
  ): Promise<TenantStanding>;
}

/** One statement, committed at once: the claim must stand even if what it guards then fails. */
export const claimEvent = (store: Store, claim: EventClaim): Promise<boolean> =>
  store.autocommit((repos) => repos.events.claim(claim.platform, claim.key));

export function quorumDoors(deps: { store: Store; clock: Clock }): QuorumDoors {
  const { store, clock } = deps;
  return {
    clock,
    claimOnce: (platform, key) => claimEvent(store, { platform, key }),
    installed(installation) {
      return store.transaction(async (repos) => {
        const partnership = await resolvePartnership(repos, installation);
        await rememberChannel(repos, partnership, installation, clock.now());
      });
    },
    removed(installation) {
      const { platform, tenant, conversation } = installation;
      return store.transaction(async (repos) => {
        const link = await repos.channels.byChannel(platform, tenant, conversation.id);
        if (link) await forgetChannel(repos, link);
      });
    },
    workspaceInstalled(install) {
      return store.transaction((repos) => requestWorkspace(repos, install, clock.now()));
    },
    workspaceRemoved(platform, tenant) {
      return store.transaction((repos) => workspaceGone(repos, platform, tenant));
    },
    partnershipFor(platform, tenant) {
      return store.transaction((repos) => findPartnership(repos, platform, tenant));
    },
    async personFor(who, email) {
      const known = await store.transaction(async (repos) => {
        const partnership = await findPartnership(repos, who.platform, who.tenant);
        if (!partnership) return { partnership: null, person: null };
        const person = await repos.people.byIdentity(who.platform, who.tenant, who.userId);
        if (person?.partnershipId === partnership.id) return { partnership, person };
        // A Slack Connect guest is known by their own workspace, not the channel's; a Slack user id names one
        // person across workspaces. Teams ids are not a reason to skip the email look-up in another tenant:
        // the person there is matched (and their identity in that tenant made) by email.
        if (who.platform !== "slack") return { partnership, person: null };
        const guest = await repos.people.byExternalId(partnership.id, who.platform, who.userId);
        return { partnership, person: guest };
      });
      if (known.person || !known.partnership || !email) return known.person;
      const address = await email();
      if (!address) return null;
      const partnershipId = known.partnership.id;
      return store.transaction((repos) => repos.people.byEmail(partnershipId, address));
    },
    tenantStanding(platform, tenant, allowList, knock) {
      return store.transaction((repos) =>
        tenantStanding(repos, platform, tenant, allowList, knock, clock.now()),
      );
    },
  };
}

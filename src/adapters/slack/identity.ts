// Who a Slack user is: their profile email from users.info (so Slack and Teams meet in one person), cached briefly.
import type { webApi } from "@slack/bolt";
import type { InboundEvent } from "../../core/inbound.ts";
import type { Quorum } from "../../core/quorum.ts";
import type { Person } from "../../core/types.ts";
import type { Logger } from "../../log.ts";
import { slackErrorCode } from "./errors.ts";

export type Profile = NonNullable<InboundEvent["profile"]>;

interface Cached {
  profile: Profile | undefined;
  until: number;
}

/** Long enough to spare users.info on every click, short enough that an email change is seen soon. */
const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 5_000;

export class SlackIdentity {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly quorum: Pick<Quorum, "personFor">,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The profile the core uses to match a new Slack user by email. Undefined when Slack won't say (no
   * users:read.email scope, a bot, an API failure): the core then answers that it couldn't match them.
   */
  async profile(client: webApi.WebClient, team: string, user: string): Promise<Profile | undefined> {
    const key = `${team}:${user}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > this.now()) return hit.profile;
    const profile = await this.fetch(client, user);
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(key, { profile, until: this.now() + TTL_MS });
    return profile;
  }

  /** The Quorum person behind a Slack user in the workspace's partnership, or null if there is none yet. */
  person(client: webApi.WebClient, team: string, user: string): Promise<Person | null> {
    return this.quorum.personFor(
      { platform: "slack", tenant: team, userId: user },
      async () => (await this.profile(client, team, user))?.email,
    );
  }

  /** `client` is the request's, holding the token of the workspace `user` was seen through. */
  private async fetch(client: webApi.WebClient, user: string): Promise<Profile | undefined> {
    try {
      const res = await client.users.info({ user });
      const u = res.user;
      if (!u || u.is_bot) return undefined;
      const name = u.profile?.real_name || u.real_name || u.profile?.display_name || u.name;
      const email = u.profile?.email;
      return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
    } catch (err) {
      this.logger.warn({ slack: slackErrorCode(err), user }, "Slack users.info failed");
      return undefined;
    }
  }
}

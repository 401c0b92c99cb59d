// What a command runs with: the repositories inside its transaction, the actor, and the time.
import type { Repos } from "./ports.ts";
import type { Reach } from "./reach/ports.ts";
import type { Partnership, Person, Platform } from "./types.ts";

export interface Conversation {
  id: string;
  kind: "direct" | "channel";
  /** The channel's display name, when the adapter knows it. */
  name?: string;
  /** What the adapter needs to post here later (Teams: serviceUrl, tenant, conversation id). */
  ref?: Record<string, unknown>;
}

export interface Context {
  repos: Repos;
  now: Date;
  partnership: Partnership;
  actor: Person;
  platform: Platform;
  /** Slack team id, Teams tenant id, or "local". */
  tenant: string;
  conversation: Conversation;
  /**
   * Whether this installation sends email (the server knows, from its config). Unset where it cannot be
   * known (a one-off command line): notices then go only to chat.
   */
  reach?: Reach;
}

/** Where a command came from: the platform, its workspace or tenant, and the conversation. */
export type Origin = Pick<Context, "platform" | "tenant" | "conversation">;

/** The one way to build a Context: the core's front door and the command line both use it. */
export function contextFor(
  repos: Repos,
  partnership: Partnership,
  actor: Person,
  now: Date,
  origin: Origin,
  reach?: Reach,
): Context {
  return {
    ...(reach ? { reach } : {}),
    repos,
    now,
    partnership,
    actor,
    platform: origin.platform,
    tenant: origin.tenant,
    conversation: origin.conversation,
  };
}

export const isAdmin = (ctx: Context) => ctx.actor.role === "admin";

export function audit(ctx: Context, verb: string, subject: string, detail: Record<string, unknown> = {}) {
  return ctx.repos.audit.record({
    partnershipId: ctx.partnership.id,
    actorId: ctx.actor.id,
    platform: ctx.platform,
    verb,
    subject,
    detail,
  });
}

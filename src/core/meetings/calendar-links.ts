// Calendar subscription links: who may have one, how a token is made and checked, and revoking them.
import { createHash, randomBytes } from "node:crypto";
import { audit, type Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import type { Repos } from "../ports.ts";
import type { Group, Meeting, Partnership, Person } from "../types.ts";
import type { CalendarLink, CalendarLinkRepo } from "./calendar-ports.ts";
import { assertMayManage } from "./service.ts";

export type { CalendarLink, CalendarLinkRepo };

/** base64url of 32 random bytes: 43 characters, as the file links. */
export const CALENDAR_TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const calendarTokenHash = (token: string) => createHash("sha256").update(token).digest("hex");
/** The feed's path on `quorum serve`; the server puts its public address in front. */
export const calendarPath = (token: string) => `/calendar/${token}.ics`;

/**
 * Anyone active in the partnership (observers too) may subscribe: the feed shows no more than `meeting
 * list`, which observers may read. Someone awaiting approval may not, and a link stops working when its
 * person is removed (see feedForToken).
 */
export function assertMaySubscribe(actor: Person): void {
  if (actor.status !== "active")
    throw new QuorumError("forbidden", "Only active members of the partnership can subscribe to a calendar.");
}

/**
 * A new link for the actor to the group's feed. It replaces the actor's earlier link to that group (the
 * token is never stored, so it cannot be shown again; subscribing again is how a leaked link is retired).
 */
export async function subscribe(ctx: Context, group: Group): Promise<{ token: string; replaced: number }> {
  assertMaySubscribe(ctx.actor);
  const replaced = await ctx.repos.calendarLinks.revoke(group.id, ctx.actor.id, ctx.now);
  const token = randomBytes(32).toString("base64url");
  await ctx.repos.calendarLinks.insert({
    partnershipId: ctx.partnership.id,
    groupId: group.id,
    personId: ctx.actor.id,
    tokenHash: calendarTokenHash(token),
  });
  await audit(ctx, "calendar.subscribe", group.slug, { replaced });
  return { token, replaced };
}

/** Revokes the actor's own link, or (`everyone`, the group's chair or an admin) every link to the group. */
export async function revokeLinks(ctx: Context, group: Group, everyone: boolean): Promise<number> {
  if (everyone) assertMayManage(ctx, group);
  const n = await ctx.repos.calendarLinks.revoke(group.id, everyone ? null : ctx.actor.id, ctx.now);
  await audit(ctx, "calendar.revoke", group.slug, { everyone, revoked: n });
  return n;
}

export interface FeedSource {
  partnership: Partnership;
  group: Group;
  meetings: Meeting[];
}

/**
 * What a token opens, or null (the caller answers 404 alike for all): a malformed, unknown or revoked
 * token, a person no longer active, or an archived group.
 */
export async function feedForToken(repos: Repos, token: string): Promise<FeedSource | null> {
  if (!CALENDAR_TOKEN.test(token)) return null;
  const link = await repos.calendarLinks.byHash(calendarTokenHash(token));
  if (!link || link.revokedAt) return null;
  const person = await repos.people.byId(link.personId);
  if (person?.status !== "active" || person.partnershipId !== link.partnershipId) return null;
  return feedForGroup(repos, link.partnershipId, link.groupId);
}

/** A group's feed data by ids, or null when the group is not the partnership's or is archived. */
export async function feedForGroup(
  repos: Repos,
  partnershipId: number,
  groupId: number,
): Promise<FeedSource | null> {
  const [group, partnership] = await Promise.all([
    repos.groups.byId(groupId),
    repos.partnerships.byId(partnershipId),
  ]);
  if (!group || group.archivedAt || group.partnershipId !== partnershipId || !partnership) return null;
  return { partnership, group, meetings: await repos.meetings.list(partnership.id, group.id) };
}

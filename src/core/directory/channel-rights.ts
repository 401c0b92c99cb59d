// Who may change where a group's digests and reminders go, written once: the group's chair or an admin.
// A channel linked to no group carries the partnership-wide digest, so only an admin may change that.
import { type Context, isAdmin } from "../context.ts";
import { QuorumError } from "../errors.ts";
import type { ChannelLink, Group } from "../types.ts";

/** True for an admin, and for the chair of the group. Members, newcomers and strangers: no. */
export const mayManageGroup = (ctx: Context, group: Group): boolean =>
  isAdmin(ctx) || (group.chairId !== null && group.chairId === ctx.actor.id);

/** Refuses unless the actor chairs the group or is an admin, naming who may (`doing`: "change its reminders"). */
export async function assertMayManageGroup(ctx: Context, group: Group, doing: string): Promise<void> {
  if (mayManageGroup(ctx, group)) return;
  const chair = group.chairId === null ? null : await ctx.repos.people.byId(group.chairId);
  throw new QuorumError(
    "forbidden",
    chair
      ? `Only the chair of ${group.name} (${chair.name}) or a partnership admin can ${doing}.`
      : `${group.name} has no chair, so only a partnership admin can ${doing}.`,
  );
}

/** The group a channel is linked to, or null when it is linked to none (or its group is gone). */
export async function linkedGroup(ctx: Context, link: ChannelLink): Promise<Group | null> {
  if (link.groupId === null) return null;
  const group = await ctx.repos.groups.byId(link.groupId);
  return group && group.partnershipId === ctx.partnership.id ? group : null;
}

/**
 * Linking, unlinking and every digest setting of a channel: its group's chair or an admin; for a channel
 * linked to no group, an admin. Returns the linked group, which callers usually need next.
 */
export async function assertMayManageChannel(
  ctx: Context,
  link: ChannelLink,
  doing: string,
): Promise<Group | null> {
  const group = await linkedGroup(ctx, link);
  if (group) {
    await assertMayManageGroup(ctx, group, doing);
    return group;
  }
  if (!isAdmin(ctx))
    throw new QuorumError(
      "forbidden",
      `This channel is not linked to a group, so only a partnership admin can ${doing}.`,
    );
  return null;
}

// Channel links: which group a Slack channel or Teams conversation belongs to, so digests land there.
import { card } from "../card.ts";
import { audit, type Context, isAdmin } from "../context.ts";
import { rememberChannel } from "../directory/channels.ts";
import { resolveGroup } from "../directory/resolve.ts";
import { QuorumError } from "../errors.ts";
import { setDigest } from "../schedule/digest-settings.ts";
import type { ChannelLink, Group } from "../types.ts";
import type { CommandSpec } from "./spec.ts";

export async function currentLink(ctx: Context): Promise<ChannelLink> {
  if (ctx.conversation.kind !== "channel")
    throw new QuorumError(
      "bad_argument",
      "Run this in the channel you want to link, not in a direct message.",
    );
  return rememberChannel(ctx.repos, ctx.partnership, ctx, ctx.now);
}

/** Linking a channel decides who sees a group's digests, so it takes the chair, a member or an admin. */
async function assertMayLink(ctx: Context, group: Group): Promise<void> {
  if (isAdmin(ctx) || group.chairId === ctx.actor.id) return;
  const members = await ctx.repos.groups.members(group.id);
  if (members.some((m) => m.id === ctx.actor.id)) return;
  throw new QuorumError(
    "forbidden",
    `Only members of ${group.name}, its chair or an admin can link a channel to it.`,
  );
}

const link: CommandSpec = {
  path: ["link"],
  summary: "Link this channel to a group: its digests and reminders are posted here",
  usage: "link group:<group>",
  examples: ["link group:hwb"],
  options: { group: { value: "<group>" } },
  async run(ctx, args) {
    const slug = args.options.group ?? args.words[0];
    if (!slug) throw new QuorumError("missing_argument", "Say which group, e.g. link group:hwb.");
    const group = await resolveGroup(ctx, slug.replace(/^group:/, ""));
    await assertMayLink(ctx, group);
    const channel = await currentLink(ctx);
    await ctx.repos.channels.update(channel.id, { groupId: group.id, status: "active" });
    const spec = await setDigest(ctx.repos, ctx.partnership, channel, { enabled: true }, ctx.now);
    await audit(ctx, "channel.link", `channel:${channel.id}`, { group: group.slug });
    return card(
      `This channel is now linked to ${group.name}`,
      [
        {
          kind: "text",
          text: `Digests post here at "${spec}" (${ctx.partnership.timeZone} time). Change that with digest schedule "weekdays 08:30", or stop them with digest off.`,
        },
      ],
      { tone: "success", audience: "channel" },
    );
  },
};

const unlink: CommandSpec = {
  path: ["unlink"],
  summary: "Stop treating this channel as a group's channel",
  usage: "unlink",
  examples: ["unlink"],
  async run(ctx) {
    const channel = await currentLink(ctx);
    if (!channel.groupId) throw new QuorumError("conflict", "This channel is not linked to a group.");
    const group = await ctx.repos.groups.byId(channel.groupId);
    if (group) await assertMayLink(ctx, group);
    await ctx.repos.channels.update(channel.id, { groupId: null });
    await setDigest(ctx.repos, ctx.partnership, channel, { enabled: false }, ctx.now);
    await audit(ctx, "channel.unlink", `channel:${channel.id}`, { group: group?.slug ?? null });
    return card(`This channel is no longer linked to ${group?.name ?? "a group"}`, [], {
      tone: "success",
      audience: "channel",
    });
  },
};

export const channelCommands: CommandSpec[] = [link, unlink];

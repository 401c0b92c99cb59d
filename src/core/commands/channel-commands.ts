// Channel links: which group a Slack channel or Teams conversation belongs to, so digests land there.
import { card } from "../card.ts";
import { audit, type Context } from "../context.ts";
import { assertMayManageChannel, assertMayManageGroup } from "../directory/channel-rights.ts";
import { rememberChannel } from "../directory/channels.ts";
import { resolveGroup } from "../directory/resolve.ts";
import { QuorumError } from "../errors.ts";
import { setDigest } from "../schedule/digest-settings.ts";
import type { ChannelLink } from "../types.ts";
import type { CommandSpec } from "./spec.ts";

export async function currentLink(ctx: Context): Promise<ChannelLink> {
  if (ctx.conversation.kind !== "channel")
    throw new QuorumError(
      "bad_argument",
      // The shell's channels are a word away, but a newcomer to it cannot know that word.
      ctx.platform === "shell"
        ? "Run this in the channel you want to link, not in a direct message: in the shell, go there first with channel <name>, e.g. channel partners-board."
        : "Run this in the channel you want to link, not in a direct message.",
    );
  return rememberChannel(ctx.repos, ctx.partnership, ctx, ctx.now);
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
    // Linking decides where a group's digests go: its chair or an admin, never just any member. An
    // unlinked channel may be claimed by the chair; one linked elsewhere needs that group's say too.
    const channel = await currentLink(ctx);
    await assertMayManageGroup(ctx, group, "link a channel to it");
    if (channel.groupId !== null && channel.groupId !== group.id)
      await assertMayManageChannel(ctx, channel, "move this channel to another group");
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
    const group = await assertMayManageChannel(ctx, channel, "unlink this channel");
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

// A channel's life as Quorum sees it: first use, a fresh reference, removal, and coming back, with the
// channel's digest schedule kept in step (stopped while removed, resumed from "now" when re-added).
import type { Conversation } from "../context.ts";
import type { Repos } from "../ports.ts";
import { setDigest } from "../schedule/digest-settings.ts";
import type { ChannelLink, Partnership, Platform } from "../types.ts";

export interface ChannelSighting {
  platform: Platform;
  tenant: string;
  conversation: Conversation;
}

/** Records a channel Quorum was used in or added to. A new channel gets no digest until it is linked. */
export async function rememberChannel(
  repos: Repos,
  partnership: Partnership,
  seen: ChannelSighting,
  now: Date,
): Promise<ChannelLink> {
  const { platform, tenant, conversation } = seen;
  const known = await repos.channels.byChannel(platform, tenant, conversation.id);
  const refChanged =
    conversation.ref && JSON.stringify(known?.conversationRef) !== JSON.stringify(conversation.ref);
  if (known && known.status === "active" && !refChanged) return known;
  const link = await repos.channels.upsert({
    partnershipId: partnership.id,
    platform,
    tenant,
    channelId: conversation.id,
    ...(conversation.name ? { name: conversation.name } : {}),
    ...(conversation.ref ? { conversationRef: conversation.ref } : {}),
    ...(known ? {} : { digestEnabled: false }),
  });
  // Back after a removal: its digest resumes from now, without a burst of the weeks it missed.
  if (known?.status === "uninstalled" && link.digestEnabled)
    await setDigest(repos, partnership, link, { enabled: true }, now);
  return link;
}

/** Removed from the channel (or the platform says it is gone): post nothing more there. */
export async function forgetChannel(repos: Repos, link: ChannelLink): Promise<void> {
  if (link.status === "uninstalled") return;
  await repos.channels.update(link.id, { status: "uninstalled" });
  const schedule = await repos.schedules.get("digest", `link:${link.id}`);
  if (schedule?.enabled) await repos.schedules.put({ ...schedule, enabled: false });
}

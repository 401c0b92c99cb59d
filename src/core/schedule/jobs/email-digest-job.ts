// A group's digest by email (digest email on): the group's channel digest, sent to each member whom
// email reaches first (no chat linked, or they chose email). Its schedule is made by the command.
import { CHANNEL_AUDIENCE } from "../../questions/visibility.ts";
import { reachTargetOfEach } from "../../reach/targets.ts";
import type { ChannelLink, Group } from "../../types.ts";
import { composeDigest } from "../digest.ts";
import { expiresAfterTtl, type ScheduledJob, scheduledPost } from "../jobs.ts";
import type { Snapshot } from "../snapshot.ts";

export const EMAIL_DIGEST_KIND = "email-digest";

export const emailDigestSubject = (groupId: number): string => `group:${groupId}`;

/** The group's digest as its channel would get it; quiet weeks send no mail. */
const groupLink = (s: Snapshot, group: Group): ChannelLink => ({
  id: 0,
  partnershipId: s.partnership.id,
  groupId: group.id,
  platform: "email",
  tenant: s.partnership.slug,
  channelId: emailDigestSubject(group.id),
  name: group.name,
  conversationRef: null,
  digestSchedule: "",
  digestEnabled: true,
  digestAllClear: false,
  status: "active",
});

export const emailDigestJob: ScheduledJob = {
  kind: EMAIL_DIGEST_KIND,
  async messages(repos, schedule, s, send) {
    if (!send.reach?.email) return [];
    const group = [...s.groups.values()].find((g) => emailDigestSubject(g.id) === schedule.subject);
    if (!group || !(await repos.reach.emailDigestGroups(s.partnership.id)).has(group.id)) return [];
    const digest = composeDigest(s, groupLink(s, group), CHANNEL_AUDIENCE, { delayed: send.delayed });
    if (!digest) return [];
    const members = (await repos.groups.members(group.id)).filter((m) => m.status === "active");
    const targets = await reachTargetOfEach(repos, s.partnership, members, send.reach);
    const key = `${EMAIL_DIGEST_KIND}:${schedule.subject}:${send.at.toISOString()}`;
    const out = [];
    for (const member of members) {
      const target = targets.get(member.id);
      // Members reached on chat read the digest in the group's channel.
      if (target?.platform !== "email") continue;
      out.push(scheduledPost(s, key, EMAIL_DIGEST_KIND, target, digest));
    }
    return out;
  },
  expiresAt: expiresAfterTtl,
};

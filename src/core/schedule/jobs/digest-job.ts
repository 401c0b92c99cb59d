// The weekly (or daily) digest of one linked channel. Its schedule is made when the channel's digest is
// turned on (digest-settings.ts), so there is nothing to ensure here.
import { linkTarget } from "../../outbound.ts";
import type { ChannelLink } from "../../types.ts";
import { channelDigest } from "../digest.ts";
import { expiresAfterTtl, type ScheduledJob, scheduledPost } from "../jobs.ts";
import type { Snapshot } from "../snapshot.ts";

export const DIGEST_KIND = "digest";

/** The schedule subject of a channel link's digest. */
export const digestSubject = (linkId: number): string => `link:${linkId}`;

export const digestJob: ScheduledJob = {
  kind: DIGEST_KIND,
  async messages(_repos, schedule, s, send) {
    const link = linksBySubject(s).get(schedule.subject);
    const digest = link?.digestEnabled ? channelDigest(s, link, { delayed: send.delayed }) : null;
    if (!link || !digest) return [];
    const key = `${DIGEST_KIND}:${schedule.subject}:${send.at.toISOString()}`;
    return [scheduledPost(s, key, DIGEST_KIND, linkTarget(link), digest)];
  },
  expiresAt: expiresAfterTtl,
};

// A tick finds a thousand channels' links in the snapshot: indexed once, not searched once per channel.
const linkIndex = new WeakMap<Snapshot, Map<string, ChannelLink>>();

function linksBySubject(s: Snapshot): Map<string, ChannelLink> {
  let index = linkIndex.get(s);
  if (!index) {
    index = new Map();
    // The first link of a subject wins, as a search through the list would find it.
    for (const l of s.links) if (!index.has(digestSubject(l.id))) index.set(digestSubject(l.id), l);
    linkIndex.set(s, index);
  }
  return index;
}

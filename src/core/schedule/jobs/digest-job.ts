// The weekly (or daily) digest of one linked channel. Its schedule is made when the channel's digest is
// turned on (digest-settings.ts), so there is nothing to ensure here.
import { linkTarget } from "../../outbound.ts";
import { CHANNEL_AUDIENCE } from "../../questions/visibility.ts";
import { composeDigest } from "../digest.ts";
import { expiresAfterTtl, type ScheduledJob, scheduledPost } from "../jobs.ts";

export const DIGEST_KIND = "digest";

/** The schedule subject of a channel link's digest. */
export const digestSubject = (linkId: number): string => `link:${linkId}`;

export const digestJob: ScheduledJob = {
  kind: DIGEST_KIND,
  async messages(_repos, schedule, s, send) {
    const link = s.links.find((l) => digestSubject(l.id) === schedule.subject);
    const digest = link?.digestEnabled
      ? composeDigest(s, link, CHANNEL_AUDIENCE, { delayed: send.delayed })
      : null;
    if (!link || !digest) return [];
    const key = `${DIGEST_KIND}:${schedule.subject}:${send.at.toISOString()}`;
    return [scheduledPost(s, key, DIGEST_KIND, linkTarget(link), digest)];
  },
  expiresAt: expiresAfterTtl,
};

// Turning a channel's digest on, off or to a new time keeps the link and its schedule in step.
import type { Repos } from "../ports.ts";
import type { ChannelLink, Partnership } from "../types.ts";
import { formatFireSpec, nextFire, parseFireSpec } from "./fire-spec.ts";
import { DIGEST_KIND, digestSubject } from "./jobs/digest-job.ts";

/** The schedule text links are created with (channel_links.digest_schedule's default). */
export const DEFAULT_DIGEST_SPEC = "mon 09:00";

export async function setDigest(
  repos: Repos,
  partnership: Partnership,
  link: ChannelLink,
  change: { enabled: boolean; spec?: string },
  now: Date,
): Promise<string> {
  const spec = formatFireSpec(parseFireSpec(change.spec ?? link.digestSchedule));
  await repos.channels.update(link.id, { digestEnabled: change.enabled, digestSchedule: spec });
  await repos.schedules.put({
    partnershipId: partnership.id,
    kind: DIGEST_KIND,
    subject: digestSubject(link.id),
    spec,
    nextFireAt: nextFire(parseFireSpec(spec), partnership.timeZone, now),
    enabled: change.enabled,
  });
  return spec;
}

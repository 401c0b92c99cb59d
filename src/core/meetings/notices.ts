// Tells a group when one of its meetings is cancelled or restored: a post in each linked channel and a
// direct message to each member, queued in the same transaction as the change.
import { type Card, card, fields } from "../card.ts";
import type { Context } from "../context.ts";
import { linkTarget, notifyPerson } from "../outbound.ts";
import { payloadOf } from "../schedule/digest.ts";
import { formatInstant } from "../time/zone.ts";
import type { Group } from "../types.ts";
import { meetingRef, type Occurrence } from "./service.ts";

export type MeetingChange = "cancelled" | "restored";

export interface NoticeReport {
  channels: number;
  people: number;
  /** Members Quorum cannot message yet (never used it on chat). */
  unreachable: number;
}

export function noticeCard(ctx: Context, o: Occurrence, group: Group, change: MeetingChange): Card {
  const zone = ctx.partnership.timeZone;
  const when = formatInstant(o.startsAt, zone);
  const title =
    change === "cancelled"
      ? `Cancelled: ${o.meeting.title} on ${when}`
      : `Back on: ${o.meeting.title} on ${when}`;
  return card(
    title,
    [
      fields(
        { label: "Group", value: group.name },
        { label: "Meeting", value: `${meetingRef(o.meeting.id)}, ${when}` },
        ...(o.meeting.place ? [{ label: "Where", value: o.meeting.place }] : []),
        { label: change === "cancelled" ? "Cancelled by" : "Restored by", value: ctx.actor.name },
      ),
    ],
    { audience: "channel", tone: change === "cancelled" ? "warning" : "info" },
  );
}

export async function announceMeetingChange(
  ctx: Context,
  o: Occurrence,
  group: Group,
  change: MeetingChange,
): Promise<NoticeReport> {
  const payload = payloadOf(noticeCard(ctx, o, group, change));
  const kind = `meeting-${change}`;
  // The time makes each change its own message: cancel, restore, cancel again all reach people.
  const subject = `${meetingRef(o.meeting.id)}:${o.startsAt.toISOString()}:${ctx.now.toISOString()}`;
  const links = (await ctx.repos.channels.list(ctx.partnership.id)).filter(
    (l) => l.groupId === group.id && l.status === "active",
  );
  const channels = await ctx.repos.outbox.enqueueMany(
    links.map((link) => ({
      partnershipId: ctx.partnership.id,
      dedupeKey: `${kind}:${subject}:link:${link.id}`,
      kind,
      platform: link.platform,
      target: { ...linkTarget(link) },
      payload: { ...payload },
      createdAt: ctx.now,
      notBefore: ctx.now,
    })),
  );
  const report: NoticeReport = { channels, people: 0, unreachable: 0 };
  for (const member of await ctx.repos.groups.members(group.id)) {
    if (member.id === ctx.actor.id || member.status !== "active") continue;
    const personal = { ...payload, card: { ...payload.card, audience: "personal" as const } };
    if (await notifyPerson(ctx, member, kind, subject, personal)) report.people++;
    else report.unreachable++;
  }
  return report;
}

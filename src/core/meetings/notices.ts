// Tells a group when one of its meetings is cancelled or restored: a post in each linked channel and a
// direct message to each member, queued in the same transaction as the change.
import { type Card, card, fields } from "../card.ts";
import type { Context } from "../context.ts";
import { linkTarget, outboxMessage } from "../outbound.ts";
import { notifyPerson } from "../reach/notify-person.ts";
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
  // The time makes each change its own message: cancel, restore, cancel again all reach people.
  const subject = `${meetingRef(o.meeting.id)}:${o.startsAt.toISOString()}:${ctx.now.toISOString()}`;
  return announceToGroup(ctx, group, `meeting-${change}`, subject, noticeCard(ctx, o, group, change));
}

/** A change card from the chair, by name, with what changed; for moves and series updates. */
export function changeCard(
  ctx: Context,
  title: string,
  group: Group,
  lines: { label: string; value: string }[],
): Card {
  return card(
    title,
    [fields({ label: "Group", value: group.name }, ...lines, { label: "Changed by", value: ctx.actor.name })],
    {
      audience: "channel",
      tone: "info",
    },
  );
}

/** Posts a card to each of the group's linked channels and messages each other active member, in the outbox. */
export async function announceToGroup(
  ctx: Context,
  group: Group,
  kind: string,
  subject: string,
  notice: Card,
): Promise<NoticeReport> {
  const payload = payloadOf(notice);
  const links = (await ctx.repos.channels.list(ctx.partnership.id)).filter(
    (l) => l.groupId === group.id && l.status === "active",
  );
  const channels = await ctx.repos.outbox.enqueueMany(
    links.map((link) =>
      outboxMessage(
        ctx.partnership.id,
        `${kind}:${subject}:link:${link.id}`,
        kind,
        linkTarget(link),
        payload,
        ctx.now,
      ),
    ),
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

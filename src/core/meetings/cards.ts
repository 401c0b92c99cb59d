// Cards for meetings: the next meeting with its papers deadline, and lists of upcoming occurrences.
import { type Card, card, fields, type Item, items } from "../card.ts";
import { describeRepeat } from "../time/recurrence.ts";
import { formatDate, formatInstant, localDate } from "../time/zone.ts";
import type { Group } from "../types.ts";
import { meetingRef, type Occurrence } from "./service.ts";

export function occurrenceItem(o: Occurrence, zone: string, today: string, groups: Map<number, Group>): Item {
  const group = groups.get(o.meeting.groupId);
  const papers = o.papersDue < today ? "papers deadline passed" : `papers by ${formatDate(o.papersDue)}`;
  const bits = [formatInstant(o.startsAt, zone), o.meeting.place, papers].filter(Boolean);
  return {
    title: `${o.meeting.title}${group && group.name !== o.meeting.title ? ` (${group.slug})` : ""}`,
    detail: `${bits.join(" · ")} · ${meetingRef(o.meeting.id)}`,
  };
}

export function nextMeetingCard(o: Occurrence, zone: string, today: string, group: Group | undefined): Card {
  const m = o.meeting;
  const days = Math.round((Date.parse(localDate(o.startsAt, zone)) - Date.parse(today)) / 86_400_000);
  const when = days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`;
  return card(`Next: ${m.title}, ${when}`, [
    fields(
      {
        label: "When",
        value: `${formatInstant(o.startsAt, zone)}–${formatInstant(o.endsAt, zone).slice(-5)}`,
      },
      ...(m.place ? [{ label: "Where", value: m.place }] : []),
      { label: "Papers deadline", value: formatDate(o.papersDue) + (o.papersDue < today ? " (passed)" : "") },
      ...(group ? [{ label: "Group", value: `${group.name} (${group.slug})` }] : []),
      ...(m.rrule ? [{ label: "Repeats", value: describeRepeat(m.rrule) }] : []),
      { label: "Ref", value: meetingRef(m.id) },
    ),
  ]);
}

export function meetingListCard(
  title: string,
  list: Occurrence[],
  zone: string,
  today: string,
  groups: Map<number, Group>,
): Card {
  return card(title, [
    items(
      list.map((o) => occurrenceItem(o, zone, today, groups)),
      undefined,
      "No meetings scheduled.",
    ),
  ]);
}

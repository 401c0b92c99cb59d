// Cards for meetings: the next meeting with its papers deadline, lists of upcoming occurrences (flagging
// any on a non-working day, with a one-word move for whoever may manage it), and one meeting in full.
import { type Button, type Card, card, fields, type Item, items } from "../card.ts";
import { describeRepeat } from "../time/recurrence.ts";
import { formatDate, formatInstant, localDate } from "../time/zone.ts";
import type { Group, Meeting } from "../types.ts";
import { meetingRef, type Occurrence } from "./occurrences.ts";

/** "Move to next working day" / "previous" for one occurrence, or for the whole series with date "all". */
export function moveButtons(meeting: Meeting, date: string): Button[] {
  const what = date === "all" ? "Move all" : "Move";
  const command = (to: string) => `meeting move ${meetingRef(meeting.id)} ${date} to:${to}`;
  return [
    { label: `${what} to next working day`, command: command("next") },
    { label: `${what} to previous working day`, command: command("previous") },
  ];
}

export function occurrenceItem(
  o: Occurrence,
  zone: string,
  today: string,
  groups: Map<number, Group>,
  mayManage: (groupId: number) => boolean = () => false,
): Item {
  const group = groups.get(o.meeting.groupId);
  const papers = o.papersDue < today ? "papers deadline passed" : `papers by ${formatDate(o.papersDue)}`;
  const bits = [formatInstant(o.startsAt, zone), o.meeting.place, papers].filter(Boolean);
  return {
    title: `${o.meeting.title}${group && group.name !== o.meeting.title ? ` (${group.slug})` : ""}`,
    detail: `${bits.join(" · ")} · ${meetingRef(o.meeting.id)}`,
    ...(o.offDay ? { flag: `on ${o.offDay}` } : {}),
    ...(o.moved ? { note: `moved from ${formatDate(o.ruleDate)}` } : {}),
    ...(o.offDay && mayManage(o.meeting.groupId) ? { buttons: moveButtons(o.meeting, o.ruleDate) } : {}),
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

export interface ListView {
  title: string;
  shown: Occurrence[];
}

export function meetingListCard(
  view: ListView,
  zone: string,
  today: string,
  groups: Map<number, Group>,
  mayManage?: (groupId: number) => boolean,
): Card {
  return card(view.title, [
    items(
      view.shown.map((o) => occurrenceItem(o, zone, today, groups, mayManage)),
      undefined,
      "No meetings scheduled.",
    ),
  ]);
}

/** One meeting: the series (or one-off) with its rule in words and its next occurrences. */
export function meetingCard(
  m: Meeting,
  group: Group | undefined,
  next: Occurrence[],
  zone: string,
  today: string,
  mayManage: boolean,
): Card {
  const groups = new Map(group ? [[group.id, group]] : []);
  return card(`${meetingRef(m.id)}: ${m.title}`, [
    fields(
      ...(group ? [{ label: "Group", value: `${group.name} (${group.slug})` }] : []),
      {
        label: m.rrule ? "First" : "When",
        value: `${formatInstant(m.startsAt, zone)}, ${m.durationMinutes} min`,
      },
      ...(m.rrule ? [{ label: "Repeats", value: describeRepeat(m.rrule) }] : []),
      ...(m.adjust ? [{ label: "Non-working days", value: `moves to the ${m.adjust} working day` }] : []),
      ...(m.place ? [{ label: "Where", value: m.place }] : []),
      { label: "Papers", value: `${m.papersDaysBefore} working days before` },
      ...(m.cancelledDates.length
        ? [
            {
              label: "Cancelled",
              value:
                m.cancelledDates
                  .filter((d) => d >= today)
                  .map((d) => formatDate(d))
                  .join(", ") || "none ahead",
            },
          ]
        : []),
    ),
    items(
      next.map((o) => occurrenceItem(o, zone, today, groups, () => mayManage)),
      "Next meetings",
      "No meetings ahead.",
    ),
  ]);
}

/** One occurrence in full. */
export function occurrenceCard(
  o: Occurrence,
  group: Group | undefined,
  zone: string,
  today: string,
  mayManage: boolean,
): Card {
  const m = o.meeting;
  return card(`${m.title}, ${formatInstant(o.startsAt, zone)}`, [
    fields(
      ...(group ? [{ label: "Group", value: `${group.name} (${group.slug})` }] : []),
      {
        label: "When",
        value: `${formatInstant(o.startsAt, zone)}–${formatInstant(o.endsAt, zone).slice(-5)}`,
      },
      ...(m.place ? [{ label: "Where", value: m.place }] : []),
      { label: "Papers deadline", value: formatDate(o.papersDue) + (o.papersDue < today ? " (passed)" : "") },
      ...(o.moved ? [{ label: "Moved, was", value: formatDate(o.ruleDate) }] : []),
      ...(o.offDay ? [{ label: "Note", value: `This falls on ${o.offDay}.` }] : []),
      { label: "Ref", value: `${meetingRef(m.id)} ${localDate(o.startsAt, zone)}` },
    ),
    ...(o.offDay && mayManage ? [{ kind: "buttons" as const, buttons: moveButtons(m, o.ruleDate) }] : []),
  ]);
}

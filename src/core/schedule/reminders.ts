// The daily reminder rules: which papers-deadline, day-before and action reminders are due on a given
// local day. Pure over a snapshot, so each rule is tested with an injected date and no database.
import { actionItem } from "../actions/cards.ts";
import { actionRef } from "../actions/service.ts";
import { type Card, card, fields, items, text } from "../card.ts";
import type { Occurrence } from "../meetings/service.ts";
import { addWorkingDays, isWorkingDay } from "../time/working-days.ts";
import { addDays, formatDate, formatInstant, localDate } from "../time/zone.ts";
import type { ActionView, ChannelLink, Group } from "../types.ts";
import { DEFAULT_REMINDERS, type ReminderSettings } from "./ports.ts";
import type { Snapshot } from "./snapshot.ts";

export type Recipient = { link: ChannelLink } | { personId: number };

export interface Reminder {
  /** kind:subject:occurrence, completed with the target when enqueued: the same reminder never goes twice. */
  key: string;
  kind: "papers" | "day-before" | "action-due" | "action-overdue";
  to: Recipient;
  card: Card;
}

export const settingsOf = (g: Group | undefined): ReminderSettings => ({
  ...DEFAULT_REMINDERS,
  ...(g?.reminders ?? {}),
});

/** Owners hear about an action this many working days before it is due. */
export const ACTION_NOTICE_WORKING_DAYS = 2;

export function planReminders(s: Snapshot): Reminder[] {
  return [...meetingReminders(s), ...(s.partnership.actionReminders ? actionReminders(s) : [])];
}

function meetingReminders(s: Snapshot): Reminder[] {
  const zone = s.partnership.timeZone;
  const out: Reminder[] = [];
  for (const o of s.occurrences) {
    const group = s.groups.get(o.meeting.groupId);
    const settings = settingsOf(group);
    const links = s.links.filter((l) => l.groupId === o.meeting.groupId);
    const day = localDate(o.startsAt, zone);
    const subject = `meeting:${o.meeting.id}:${day}`;
    if (
      settings.papersDaysBefore !== null &&
      addWorkingDays(o.papersDue, -settings.papersDaysBefore) === s.today
    ) {
      for (const link of links)
        out.push({ key: `papers:${subject}`, kind: "papers", to: { link }, card: papersCard(o, zone) });
    }
    if (settings.dayBefore && day === addDays(s.today, 1)) {
      const actions = s.actions.filter((a) => a.groupId === o.meeting.groupId);
      for (const link of links)
        out.push({
          key: `day-before:${subject}`,
          kind: "day-before",
          to: { link },
          card: dayBeforeCard(o, zone, actions, s.today),
        });
    }
  }
  return out;
}

function actionReminders(s: Snapshot): Reminder[] {
  const out: Reminder[] = [];
  const soon = isWorkingDay(s.today) ? addWorkingDays(s.today, ACTION_NOTICE_WORKING_DAYS) : null;
  const yesterday = addDays(s.today, -1);
  for (const a of s.actions) {
    if (!a.dueOn) continue;
    const subject = `${actionRef(a.number)}:${a.dueOn}`;
    if (a.dueOn === soon) {
      out.push({
        key: `action-due:${subject}`,
        kind: "action-due",
        to: { personId: a.ownerId },
        card: actionNotice(`${actionRef(a.number)} is due ${formatDate(a.dueOn)}`, a, s.today),
      });
    }
    if (a.dueOn === yesterday) {
      out.push({
        key: `action-overdue:${subject}`,
        kind: "action-overdue",
        to: { personId: a.ownerId },
        card: actionNotice(`${actionRef(a.number)} is now overdue`, a, s.today),
      });
    }
  }
  return out;
}

function papersCard(o: Occurrence, zone: string): Card {
  return card(
    `Papers for ${o.meeting.title} are due ${formatDate(o.papersDue)}`,
    [
      fields(
        { label: "Meeting", value: formatInstant(o.startsAt, zone) },
        ...(o.meeting.place ? [{ label: "Where", value: o.meeting.place }] : []),
        { label: "Papers deadline", value: formatDate(o.papersDue) },
      ),
    ],
    { audience: "channel", tone: "warning" },
  );
}

function dayBeforeCard(o: Occurrence, zone: string, actions: ActionView[], today: string): Card {
  return card(
    `Tomorrow: ${o.meeting.title}, ${formatInstant(o.startsAt, zone).split(", ").pop()}`,
    [
      ...(o.meeting.place ? [text(`Where: ${o.meeting.place}`)] : []),
      items(
        actions.map((a) => actionItem(a, today)),
        "Open actions to report on",
        "No open actions due: nothing to chase.",
      ),
    ],
    { audience: "channel" },
  );
}

function actionNotice(title: string, a: ActionView, today: string): Card {
  return card(title, [items([actionItem(a, today)])], { audience: "personal", tone: "warning" });
}

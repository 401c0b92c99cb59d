// The daily reminder rules: which papers-deadline, day-before and action reminders are due on a given
// local day. Pure over a snapshot, so each rule is tested with an injected date and no database.
import { actionItem } from "../actions/cards.ts";
import { actionRef } from "../actions/service.ts";
import { type Block, type Card, card, fields, items, text } from "../card.ts";
import { agendaBlock } from "../meetings/business-cards.ts";
import type { Occurrence } from "../meetings/service.ts";
import { addWorkingDays, isWorkingDay, withClosures } from "../time/working-days.ts";
import { addDays, formatDate, formatInstant, localDate } from "../time/zone.ts";
import type { ActionView, ChannelLink, Group } from "../types.ts";
import { DEFAULT_REMINDERS, type ReminderSettings } from "./ports.ts";
import { occurrenceKey, type Snapshot } from "./snapshot.ts";

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
  // The reminder counts back from the deadline in the same working days the deadline was counted in.
  const holidays = withClosures(s.partnership.closureDays ?? []);
  const out: Reminder[] = [];
  for (const o of s.occurrences) {
    const group = s.groups.get(o.meeting.groupId);
    const settings = settingsOf(group);
    const links = s.links.filter((l) => l.groupId === o.meeting.groupId);
    const day = localDate(o.startsAt, zone);
    const subject = `meeting:${o.meeting.id}:${day}`;
    const business = businessOf(s, o);
    if (
      settings.papersDaysBefore !== null &&
      addWorkingDays(o.papersDue, -settings.papersDaysBefore, holidays) === s.today
    ) {
      const c = papersCard(o, zone, business);
      for (const link of links) out.push({ key: `papers:${subject}`, kind: "papers", to: { link }, card: c });
    }
    if (settings.dayBefore && day === addDays(s.today, 1)) {
      const actions = s.actions.filter((a) => a.groupId === o.meeting.groupId);
      for (const link of links)
        out.push({
          key: `day-before:${subject}`,
          kind: "day-before",
          to: { link },
          card: dayBeforeCard(o, zone, actions, s.today, business),
        });
    }
  }
  return out;
}

/**
 * The due dates whose notice goes out today: those in (the notice window of the previous working day, the
 * notice window of today]. A working day covers the days after the last one, so an action due on a
 * Saturday or a closure day is told about once too; on a non-working day (a closure day included) nothing.
 */
function noticeWindow(s: Snapshot): { after: string; upTo: string } | null {
  const holidays = withClosures(s.partnership.closureDays ?? []);
  if (!isWorkingDay(s.today, holidays)) return null;
  const previous = addWorkingDays(s.today, -1, holidays);
  return {
    after: addWorkingDays(previous, ACTION_NOTICE_WORKING_DAYS, holidays),
    upTo: addWorkingDays(s.today, ACTION_NOTICE_WORKING_DAYS, holidays),
  };
}

function actionReminders(s: Snapshot): Reminder[] {
  const out: Reminder[] = [];
  const window = noticeWindow(s);
  const yesterday = addDays(s.today, -1);
  for (const a of s.actions) {
    if (!a.dueOn) continue;
    const subject = `${actionRef(a.number)}:${a.dueOn}`;
    if (window && a.dueOn > window.after && a.dueOn <= window.upTo) {
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

interface Business {
  agenda: Block;
  papersLink: string | undefined;
}

/** The occurrence's agenda (with who presents each item) and papers link, as the snapshot holds them. */
function businessOf(s: Snapshot, o: Occurrence): Business {
  const key = occurrenceKey(o.meeting.id, o.ruleDate);
  return {
    agenda: agendaBlock(s.agendas?.get(key) ?? [], s.people, false),
    papersLink: s.papersLinks?.get(key),
  };
}

function papersCard(o: Occurrence, zone: string, business: Business): Card {
  return card(
    `Papers for ${o.meeting.title} are due ${formatDate(o.papersDue)}`,
    [
      fields(
        { label: "Meeting", value: formatInstant(o.startsAt, zone) },
        ...(o.meeting.place ? [{ label: "Where", value: o.meeting.place }] : []),
        { label: "Papers deadline", value: formatDate(o.papersDue) },
        ...(business.papersLink ? [{ label: "Papers", value: business.papersLink }] : []),
      ),
      business.agenda,
      text(
        `Items can be proposed until the deadline: agenda add M-${o.meeting.id} ${localDate(o.startsAt, zone)} "<item>"`,
      ),
    ],
    { audience: "channel", tone: "warning" },
  );
}

function dayBeforeCard(
  o: Occurrence,
  zone: string,
  actions: ActionView[],
  today: string,
  business: Business,
): Card {
  return card(
    `Tomorrow: ${o.meeting.title}, ${formatInstant(o.startsAt, zone).split(", ").pop()}`,
    [
      ...(o.meeting.place ? [text(`Where: ${o.meeting.place}`)] : []),
      ...(business.papersLink ? [text(`Papers: ${business.papersLink}`)] : []),
      business.agenda,
      text(`Can't come? apologies M-${o.meeting.id} ${localDate(o.startsAt, zone)}`),
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

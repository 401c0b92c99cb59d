// One partnership's state for digests and reminders, loaded in a fixed number of queries however many
// channels will receive it, then sliced per group in memory.

import { ADJUST_SLACK_DAYS } from "../meetings/occurrences.ts";
import type { AgendaItem } from "../meetings/ports.ts";
import { type Occurrence, upcoming } from "../meetings/service.ts";
import type { Repos } from "../ports.ts";
import { overdueEnquiries } from "../questions/overdue.ts";
import type { Enquiry } from "../questions/ports.ts";
import { addDays, localDate } from "../time/zone.ts";
import type { ActionView, ChannelLink, Group, Partnership, Person } from "../types.ts";

/** Digests look a week ahead; reminders need meetings far enough out to reach papers deadlines. */
export const DIGEST_AHEAD_DAYS = 7;
const MEETING_HORIZON_DAYS = 60;

export interface Snapshot {
  partnership: Partnership;
  now: Date;
  today: string;
  /** Open actions that are overdue or due within the look-ahead, soonest first. */
  actions: ActionView[];
  occurrences: Occurrence[];
  groups: Map<number, Group>;
  links: ChannelLink[];
  overdueEnquiries: Enquiry[];
  people: Map<number, Person>;
  /** Agenda items and papers links of the occurrences ahead, by occurrenceKey (for the reminders). */
  agendas?: Map<string, AgendaItem[]>;
  papersLinks?: Map<string, string>;
}

/**
 * Only meetings that may meet within the horizon are read: a partnership's years of past meetings are
 * not read every morning. A working-day adjustment can put an occurrence ADJUST_SLACK_DAYS from its rule
 * date (a day more covers zone offsets), so the range asked for is that much wider on each side.
 */
const AROUND_MS = (ADJUST_SLACK_DAYS + 1) * 86_400_000;
const HORIZON_MS = MEETING_HORIZON_DAYS * 86_400_000;
const addMs = (at: Date, ms: number) => new Date(at.getTime() + ms);

/** "3:2026-12-09": a series and an occurrence's rule date, as the agenda and papers links are keyed. */
export const occurrenceKey = (meetingId: number, ruleDate: string) => `${meetingId}:${ruleDate}`;

/** A moved occurrence keeps its rule date, which can be this long before the day it now meets. */
const MOVED_SLACK_DAYS = 60;

function byOccurrence<T extends { meetingId: number; occurrenceDate: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const key = occurrenceKey(r.meetingId, r.occurrenceDate);
    const list = out.get(key);
    if (list) list.push(r);
    else out.set(key, [r]);
  }
  return out;
}

export async function loadSnapshot(repos: Repos, partnership: Partnership, now: Date): Promise<Snapshot> {
  const zone = partnership.timeZone;
  const today = localDate(now, zone);
  const from = addDays(today, -MOVED_SLACK_DAYS);
  const [actions, meetings, groups, links, enquiries, agenda, papers] = await Promise.all([
    repos.actions.list(partnership.id, { statuses: ["open"], dueTo: addDays(today, DIGEST_AHEAD_DAYS + 3) }),
    repos.meetings.mayMeetBetween(partnership.id, addMs(now, -AROUND_MS), addMs(now, HORIZON_MS + AROUND_MS)),
    repos.groups.list(partnership.id),
    repos.channels.list(partnership.id),
    overdueEnquiries(repos, partnership, now),
    repos.boards.agendaFrom(partnership.id, from),
    repos.boards.papersLinksFrom(partnership.id, from),
  ]);
  // Only the people the digests and reminders name (owners, askers, assignees, presenters): a partnership
  // of 5,000 people is not read whole every morning for the few dozen a digest mentions.
  const people = await repos.people.byIds([
    ...actions.map((a) => a.ownerId),
    ...enquiries.flatMap((e) => (e.assigneeId === null ? [e.askerId] : [e.askerId, e.assigneeId])),
    ...agenda.flatMap((a) => (a.presenterId === null ? [a.proposedBy] : [a.proposedBy, a.presenterId])),
  ]);
  return {
    partnership,
    now,
    today,
    actions,
    occurrences: upcoming(meetings, zone, now, MEETING_HORIZON_DAYS, 10_000, partnership.closureDays ?? []),
    groups: new Map(groups.map((g) => [g.id, g])),
    links: links.filter((l) => l.status === "active"),
    overdueEnquiries: enquiries,
    people: new Map(people.map((p) => [p.id, p])),
    agendas: byOccurrence(agenda),
    papersLinks: new Map(papers.map((l) => [occurrenceKey(l.meetingId, l.occurrenceDate), l.url])),
  };
}

export interface Scope {
  actions: ActionView[];
  occurrences: Occurrence[];
  enquiries: Enquiry[];
}

// Hundreds of channels often share a group: slice once per snapshot, in one pass, not once per channel.
const scopes = new WeakMap<Snapshot, Map<number | null, Scope>>();

/** The slice of a snapshot one channel sees: its group's, or the whole partnership's when unlinked. */
export function scopeOf(s: Snapshot, groupId: number | null): Scope {
  let byGroup = scopes.get(s);
  if (!byGroup) {
    byGroup = sliceByGroup(s);
    scopes.set(s, byGroup);
  }
  return byGroup.get(groupId) ?? { actions: [], occurrences: [], enquiries: [] };
}

const wholeScope = (s: Snapshot): Scope => ({
  actions: s.actions,
  occurrences: s.occurrences,
  enquiries: s.overdueEnquiries,
});

/** Every group's slice, each in the snapshot's order; null is the whole partnership (its enquiries too). */
function sliceByGroup(s: Snapshot): Map<number | null, Scope> {
  const out = new Map<number | null, Scope>([[null, wholeScope(s)]]);
  const scope = (groupId: number): Scope => {
    let hit = out.get(groupId);
    if (!hit) {
      hit = { actions: [], occurrences: [], enquiries: [] };
      out.set(groupId, hit);
    }
    return hit;
  };
  for (const a of s.actions) if (a.groupId !== null) scope(a.groupId).actions.push(a);
  for (const o of s.occurrences) scope(o.meeting.groupId).occurrences.push(o);
  return out;
}

// What a group's shared page shows: its next meeting, open actions by organisation, and what was done since it last met.
import { actionRef } from "../actions/service.ts";
import type { Context } from "../context.ts";
import { nextOccurrence, previousOccurrence } from "../meetings/arising.ts";
import { closuresOf, meetingRef, type Occurrence } from "../meetings/service.ts";
import { actionTable } from "../papers/action-table.ts";
import type { Table } from "../papers/documents.ts";
import { buildPaper, type Paper } from "../papers/paper.ts";
import { instantToWall, localDate } from "../time/zone.ts";
import type { ActionView, Group } from "../types.ts";

/** Read as no one: a shared page has no person behind it, only the group its link was made for. */
export type ViewContext = Pick<Context, "repos" | "partnership" | "now">;

export interface ViewAction {
  ref: string;
  title: string;
  owner: string;
  /** Local date YYYY-MM-DD or null. */
  dueOn: string | null;
  overdue: boolean;
  /** Local date it was closed, for done actions. */
  closedOn: string | null;
  latestNote: string | null;
}

export interface ViewSection {
  orgCode: string;
  orgName: string;
  actions: ViewAction[];
}

export interface ViewMeeting {
  ref: string;
  title: string;
  /** Local date and time (YYYY-MM-DD, HH:mm). */
  date: string;
  time: string;
  place: string | null;
  papersDue: string;
}

export interface GroupView {
  partnershipName: string;
  groupName: string;
  /** Local date the page was made. */
  today: string;
  next: ViewMeeting | null;
  /** Local date of the latest meeting held, or null when none has been. */
  lastMet: string | null;
  open: ViewSection[];
  overdueCount: number;
  /** Done since the group last met; null when it has never met. */
  doneSince: ViewAction[] | null;
  /** Whether there is a meeting to make the matters-arising paper for. */
  hasPaper: boolean;
}

const NO_ORG = { code: "—", name: "No organisation" };
const MAX = 1_000_000;
const hhmm = (d: Date, zone: string) => {
  const w = instantToWall(d, zone);
  return `${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
};

/** The group's next meeting of all its series, and the latest one held. */
async function meetingsAround(ctx: ViewContext, group: Group) {
  const zone = ctx.partnership.timeZone;
  const meetings = await ctx.repos.meetings.list(ctx.partnership.id, group.id);
  const by = (pick: (o: Occurrence) => number) => (a: Occurrence, b: Occurrence) => pick(a) - pick(b);
  const next = meetings
    .map((m) => nextOccurrence(m, zone, ctx.now, closuresOf(ctx)))
    .filter((o): o is Occurrence => o !== null)
    .sort(by((o) => o.startsAt.getTime()))[0];
  const last = meetings
    .map((m) => previousOccurrence(m, zone, ctx.now, closuresOf(ctx)))
    .filter((o): o is Occurrence => o !== null)
    .sort(by((o) => -o.startsAt.getTime()))[0];
  return { next: next ?? null, last: last ?? null };
}

export async function buildGroupView(ctx: ViewContext, group: Group): Promise<GroupView> {
  const zone = ctx.partnership.timeZone;
  const today = localDate(ctx.now, zone);
  const { next, last } = await meetingsAround(ctx, group);
  const open = await ctx.repos.actions.list(ctx.partnership.id, {
    statuses: ["open"],
    groupId: group.id,
    limit: MAX,
  });
  const done = last
    ? (
        await ctx.repos.actions.list(ctx.partnership.id, {
          statuses: ["done"],
          groupId: group.id,
          limit: MAX,
        })
      ).filter((a) => a.closedAt && a.closedAt >= last.startsAt)
    : [];
  const notes = await ctx.repos.actions.latestNotes([...open, ...done].map((a) => a.id));
  const row = (a: ActionView): ViewAction => ({
    ref: actionRef(a.number),
    title: a.title,
    owner: a.ownerName,
    dueOn: a.dueOn,
    overdue: a.status === "open" && a.dueOn !== null && a.dueOn < today,
    closedOn: a.closedAt ? localDate(a.closedAt, zone) : null,
    latestNote: notes.get(a.id)?.text ?? null,
  });
  const orgs = new Map((await ctx.repos.organisations.list(ctx.partnership.id)).map((o) => [o.id, o]));
  const sections = new Map<string, ViewSection>();
  for (const a of open) {
    const org = a.organisationId ? orgs.get(a.organisationId) : undefined;
    const code = a.orgCode ?? NO_ORG.code;
    const name = a.orgCode ? (org?.name ?? a.orgCode) : NO_ORG.name;
    const section = sections.get(code) ?? { orgCode: code, orgName: name, actions: [] };
    sections.set(code, section);
    section.actions.push(row(a));
  }
  const ordered = [...sections.values()].sort((x, y) => order(x).localeCompare(order(y)));
  for (const s of ordered) s.actions.sort(byDue);
  return {
    partnershipName: ctx.partnership.name,
    groupName: group.name,
    today,
    next: next
      ? {
          ref: meetingRef(next.meeting.id),
          title: next.meeting.title,
          date: localDate(next.startsAt, zone),
          time: hhmm(next.startsAt, zone),
          place: next.meeting.place,
          papersDue: next.papersDue,
        }
      : null,
    lastMet: last ? localDate(last.startsAt, zone) : null,
    open: ordered,
    overdueCount: ordered.reduce((n, s) => n + s.actions.filter((a) => a.overdue).length, 0),
    doneSince: last ? done.map(row) : null,
    hasPaper: next !== null || last !== null,
  };
}

/** "No organisation" goes last; the rest by code. */
const order = (s: ViewSection) => (s.orgCode === NO_ORG.code ? "\uffff" : s.orgCode);
/** Soonest due first, undated last, then by reference. */
const byDue = (a: ViewAction, b: ViewAction) =>
  (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999") || a.ref.localeCompare(b.ref, "en", { numeric: true });

/** The matters-arising paper for the group's next meeting, or its latest when none is ahead; null with no meetings. */
export async function groupPaper(ctx: ViewContext, group: Group): Promise<Paper | null> {
  const { next, last } = await meetingsAround(ctx, group);
  const occurrence = next ?? last;
  return occurrence ? buildPaper(ctx, group, occurrence) : null;
}

/** Every action of the group, one row each, as `action export all group:<slug>` writes it. */
export async function groupActionTable(ctx: ViewContext, group: Group): Promise<Table> {
  const all = await ctx.repos.actions.list(ctx.partnership.id, {
    statuses: ["open", "done", "dropped"],
    groupId: group.id,
    limit: MAX,
  });
  const notes = await ctx.repos.actions.latestNotes(all.map((a) => a.id));
  return actionTable(`Actions: ${group.name}`, all, notes, ctx.partnership.timeZone);
}

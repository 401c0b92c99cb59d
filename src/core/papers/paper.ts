// The matters-arising paper: a group's actions since its previous meeting and every one still open, by organisation.
import { actionRef } from "../actions/service.ts";
import type { Context } from "../context.ts";
import { aroseAt, previousOccurrence } from "../meetings/arising.ts";
import { closuresOf, meetingRef, type Occurrence } from "../meetings/service.ts";
import { instantToWall, localDate, type WallTime } from "../time/zone.ts";
import type { ActionView, Group } from "../types.ts";

export type PaperStatus = "open" | "overdue" | "done" | "dropped";

export interface PaperRow {
  ref: string;
  title: string;
  owner: string;
  /** Local date YYYY-MM-DD or null; renderers write it the UK way. */
  dueOn: string | null;
  status: PaperStatus;
  /** "Open", "Overdue", "Done since last meeting", "Dropped: <reason>". */
  statusText: string;
  /** The latest progress note (or the done note), with its local date. */
  note: { text: string; on: string } | null;
  /** "M-1, Thu 22 Oct 2026" when the action arose at a meeting. */
  arose: string | null;
  /** Arose at, or was added since, the previous meeting: new business for this one. */
  isNew: boolean;
}

export interface PaperSection {
  orgCode: string;
  orgName: string;
  rows: PaperRow[];
}

export interface Paper {
  title: string;
  groupName: string;
  meetingTitle: string;
  meetingRef: string;
  /** Local date and time of the occurrence (YYYY-MM-DD, HH:mm). */
  date: string;
  time: string;
  place: string | null;
  papersDue: string;
  /** Local date of the previous occurrence of the series, if any. */
  previousDate: string | null;
  /** Local date the paper was made. */
  preparedOn: string;
  sections: PaperSection[];
  counts: Record<PaperStatus, number>;
}

const hhmm = (w: WallTime) => `${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
const NO_ORG = { code: "—", name: "No organisation" };

/** Builds the paper for one occurrence of one of the group's meetings, from the actions as they stand now. */
export async function buildPaper(
  // No actor: the paper reads the same whoever asks (a shared group page asks as no one).
  ctx: Pick<Context, "repos" | "partnership" | "now">,
  group: Group,
  occurrence: Occurrence,
): Promise<Paper> {
  const zone = ctx.partnership.timeZone;
  const today = localDate(ctx.now, zone);
  const previous = previousOccurrence(occurrence.meeting, zone, occurrence.startsAt, closuresOf(ctx));
  const since = previous?.startsAt ?? null;
  const all = await ctx.repos.actions.list(ctx.partnership.id, {
    statuses: ["open", "done", "dropped"],
    groupId: group.id,
    limit: 1_000_000,
  });
  const chosen = all.filter((a) => included(a, since, occurrence));
  const notes = await ctx.repos.actions.latestNotes(chosen.map((a) => a.id));
  const orgs = new Map((await ctx.repos.organisations.list(ctx.partnership.id)).map((o) => [o.id, o]));
  const bySection = new Map<string, PaperSection>();
  const counts: Record<PaperStatus, number> = { open: 0, overdue: 0, done: 0, dropped: 0 };
  for (const a of chosen) {
    const org = a.organisationId ? orgs.get(a.organisationId) : undefined;
    const code = org?.code ?? a.orgCode ?? NO_ORG.code;
    const section = bySection.get(code) ?? { orgCode: code, orgName: org?.name ?? code, rows: [] };
    if (!a.orgCode) section.orgName = NO_ORG.name;
    bySection.set(code, section);
    const row = paperRow(a, notes.get(a.id), { today, zone, since, previous });
    counts[row.status] += 1;
    section.rows.push(row);
  }
  const sections = [...bySection.values()].sort((x, y) => sectionOrder(x).localeCompare(sectionOrder(y)));
  return {
    title: `Matters arising: ${group.name}`,
    groupName: group.name,
    meetingTitle: occurrence.meeting.title,
    meetingRef: meetingRef(occurrence.meeting.id),
    date: localDate(occurrence.startsAt, zone),
    time: hhmm(instantToWall(occurrence.startsAt, zone)),
    place: occurrence.meeting.place,
    papersDue: occurrence.papersDue,
    previousDate: previous ? localDate(previous.startsAt, zone) : null,
    preparedOn: today,
    sections,
    counts,
  };
}

/** "No organisation" goes last; the rest by code. */
const sectionOrder = (s: PaperSection) => (s.orgCode === NO_ORG.code ? "\uffff" : s.orgCode);

/**
 * Every open action, and the closed ones that are news since the previous meeting. Without a previous
 * meeting (the first of a series) there is no "since": closed actions appear only if they arose at it.
 */
function included(a: ActionView, since: Date | null, occurrence: Occurrence): boolean {
  if (a.status === "open") return true;
  if (since) return (a.closedAt ?? a.createdAt) >= since;
  return a.meetingId === occurrence.meeting.id;
}

interface RowContext {
  today: string;
  zone: string;
  since: Date | null;
  previous: Occurrence | null;
}

function paperRow(a: ActionView, latest: { text: string; at: Date } | undefined, c: RowContext): PaperRow {
  const status: PaperStatus =
    a.status === "open" ? (a.dueOn && a.dueOn < c.today ? "overdue" : "open") : a.status;
  const reason = a.status === "dropped" ? latest?.text : undefined;
  const statusText = {
    open: "Open",
    overdue: "Overdue",
    done: c.since ? "Done since last meeting" : "Done",
    dropped: reason ? `Dropped: ${reason}` : "Dropped",
  }[status];
  // A dropped action's reason is its latest entry; it is shown in the status, not twice.
  const note = latest && !reason ? { text: latest.text, on: localDate(latest.at, c.zone) } : null;
  const previousDay = c.previous ? localDate(c.previous.startsAt, c.zone) : null;
  const isNew =
    (previousDay !== null && a.meetingDate === previousDay) || (c.since !== null && a.createdAt >= c.since);
  return {
    ref: actionRef(a.number),
    title: a.title,
    owner: a.ownerName,
    dueOn: a.dueOn,
    status,
    statusText,
    note,
    arose: aroseAt(a),
    isNew,
  };
}

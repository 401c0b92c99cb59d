// A meeting occurrence's business and who may touch it: agenda items (anyone until the papers deadline,
// then the chair decides), apologies (each person their own), decisions and the papers link (the chair).
import { audit, type Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { formatDate, formatInstant, localDate } from "../time/zone.ts";
import type { Group, Person } from "../types.ts";
import { meetingRef, type Occurrence } from "./occurrences.ts";
import type { AgendaItem, Apology, Decision, OccurrenceKey } from "./ports.ts";
import { mayManageGroup } from "./warnings.ts";

export const MAX_AGENDA_TITLE = 300;
export const MAX_AGENDA_ITEMS = 40;
export const MAX_APOLOGY_NOTE = 500;
export const MAX_DECISION = 2000;

export const keyOf = (o: Occurrence): OccurrenceKey => ({ meetingId: o.meeting.id, date: o.ruleDate });

/** "Health and Wellbeing Board on Wed 13 Jan 2027, 14:00 (M-3)": which meeting a reply is about. */
export const occurrenceName = (ctx: Context, o: Occurrence) =>
  `${o.meeting.title} on ${formatInstant(o.startsAt, ctx.partnership.timeZone)} (${meetingRef(o.meeting.id)})`;

async function chairName(ctx: Context, group: Group): Promise<string> {
  const chair = group.chairId ? await ctx.repos.people.byId(group.chairId) : null;
  return chair ? `${group.name}'s chair (${chair.name}, @${chair.handle})` : `${group.name}'s chair`;
}

function text(value: string, what: string, max: number): string {
  const t = value.trim();
  if (!t) throw new QuorumError("missing_argument", `Give the ${what} in quotes.`);
  if (t.length > max)
    throw new QuorumError("too_long", `The ${what} is ${t.length} characters; the limit is ${max}.`);
  return t;
}

function notHeldYet(ctx: Context, o: Occurrence, doing: string): void {
  if (o.startsAt <= ctx.now)
    throw new QuorumError(
      "bad_argument",
      `${occurrenceName(ctx, o)} has already started, so it is too late to ${doing}.`,
    );
}

export interface NewAgendaItem {
  title: string;
  paperUrl: string | null;
  presenter: Person | null;
}

/**
 * Anyone in the partnership may propose an item up to and including the papers-deadline day; after it
 * the agenda is the chair's (or an admin's) to change, and what they add is marked late.
 */
export async function addAgendaItem(
  ctx: Context,
  group: Group,
  o: Occurrence,
  input: NewAgendaItem,
): Promise<AgendaItem> {
  const title = text(input.title, "agenda item", MAX_AGENDA_TITLE);
  notHeldYet(ctx, o, "add to its agenda");
  const today = localDate(ctx.now, ctx.partnership.timeZone);
  const late = today > o.papersDue;
  if (late && !mayManageGroup(ctx, group))
    throw new QuorumError(
      "forbidden",
      `The papers deadline for ${occurrenceName(ctx, o)} was ${formatDate(o.papersDue)}. After it only ${await chairName(ctx, group)} or an admin can add to the agenda: ask them, and they decide.`,
    );
  const existing = await ctx.repos.boards.agenda(keyOf(o));
  if (existing.length >= MAX_AGENDA_ITEMS)
    throw new QuorumError(
      "conflict",
      `${occurrenceName(ctx, o)} already has ${existing.length} agenda items, the most one meeting can hold.`,
    );
  const item = await ctx.repos.boards.addAgendaItem(
    ctx.partnership.id,
    {
      title,
      paperUrl: input.paperUrl,
      presenterId: input.presenter?.id ?? null,
      proposedBy: ctx.actor.id,
      late,
    },
    keyOf(o),
  );
  await audit(ctx, "agenda.add", meetingRef(o.meeting.id), { date: o.ruleDate, title, late });
  return item;
}

/** Removes item `number` (1-based, as agenda list shows it): its proposer, the chair or an admin. */
export async function removeAgendaItem(
  ctx: Context,
  group: Group,
  o: Occurrence,
  number: number,
): Promise<AgendaItem> {
  const agenda = await ctx.repos.boards.agenda(keyOf(o));
  const item = agenda[number - 1];
  if (!item)
    throw new QuorumError(
      "not_found",
      agenda.length
        ? `The agenda for ${occurrenceName(ctx, o)} has items 1 to ${agenda.length}; there is no item ${number}.`
        : `The agenda for ${occurrenceName(ctx, o)} is empty.`,
    );
  if (item.proposedBy !== ctx.actor.id && !mayManageGroup(ctx, group))
    throw new QuorumError(
      "forbidden",
      `Only whoever proposed item ${number}, ${await chairName(ctx, group)} or an admin can remove it.`,
    );
  await ctx.repos.boards.removeAgendaItem(item.id);
  await audit(ctx, "agenda.remove", meetingRef(o.meeting.id), { date: o.ruleDate, title: item.title });
  return item;
}

/** Sends (or updates) the actor's own apologies; true when they are new. */
export async function sendApologies(ctx: Context, o: Occurrence, note: string): Promise<boolean> {
  notHeldYet(ctx, o, "send apologies");
  const n = note.trim();
  if (n.length > MAX_APOLOGY_NOTE)
    throw new QuorumError(
      "too_long",
      `The note is ${n.length} characters; the limit is ${MAX_APOLOGY_NOTE}.`,
    );
  const fresh = await ctx.repos.boards.sendApologies(ctx.partnership.id, keyOf(o), ctx.actor.id, n || null);
  await audit(ctx, "apologies.send", meetingRef(o.meeting.id), { date: o.ruleDate });
  return fresh;
}

export async function withdrawApologies(ctx: Context, o: Occurrence): Promise<void> {
  notHeldYet(ctx, o, "withdraw apologies");
  if (!(await ctx.repos.boards.withdrawApologies(keyOf(o), ctx.actor.id)))
    throw new QuorumError("not_found", `You have not sent apologies for ${occurrenceName(ctx, o)}.`);
  await audit(ctx, "apologies.withdraw", meetingRef(o.meeting.id), { date: o.ruleDate });
}

/** Who sent apologies and why is for the chair (and admins); everyone else sees how many. */
export async function apologiesForChair(ctx: Context, group: Group, o: Occurrence): Promise<Apology[]> {
  if (!mayManageGroup(ctx, group))
    throw new QuorumError(
      "forbidden",
      `Only ${await chairName(ctx, group)} or an admin can see who sent apologies.`,
    );
  return ctx.repos.boards.apologies(keyOf(o));
}

/** The chair (or an admin) records a decision at an occurrence that has taken place or is under way. */
export async function addDecision(
  ctx: Context,
  group: Group,
  o: Occurrence,
  decision: string,
): Promise<Decision> {
  const t = text(decision, "decision", MAX_DECISION);
  if (!mayManageGroup(ctx, group))
    throw new QuorumError(
      "forbidden",
      `Only ${await chairName(ctx, group)} or an admin can record ${group.name}'s decisions.`,
    );
  if (localDate(o.startsAt, ctx.partnership.timeZone) > localDate(ctx.now, ctx.partnership.timeZone))
    throw new QuorumError(
      "bad_argument",
      `${occurrenceName(ctx, o)} has not met yet; record decisions on or after the day.`,
    );
  const saved = await ctx.repos.boards.addDecision(ctx.partnership.id, keyOf(o), t, ctx.actor.id);
  await audit(ctx, "decision.add", meetingRef(o.meeting.id), { date: o.ruleDate });
  return saved;
}

/** Removes decision `number` (1-based, as meeting show lists them): the chair or an admin, e.g. a mistyped one. */
export async function removeDecision(
  ctx: Context,
  group: Group,
  o: Occurrence,
  number: number,
): Promise<Decision> {
  if (!mayManageGroup(ctx, group))
    throw new QuorumError(
      "forbidden",
      `Only ${await chairName(ctx, group)} or an admin can remove ${group.name}'s decisions.`,
    );
  const list = await ctx.repos.boards.decisions(keyOf(o));
  const decision = list[number - 1];
  if (!decision)
    throw new QuorumError(
      "not_found",
      list.length
        ? `${occurrenceName(ctx, o)} has decisions 1 to ${list.length}; there is no decision ${number}.`
        : `${occurrenceName(ctx, o)} has no decisions recorded.`,
    );
  await ctx.repos.boards.removeDecision(decision.id);
  await audit(ctx, "decision.remove", meetingRef(o.meeting.id), { date: o.ruleDate, text: decision.text });
  return decision;
}

/** Sets or (url null) clears the link to an occurrence's board papers: the chair or an admin. */
export async function setPapersLink(
  ctx: Context,
  group: Group,
  o: Occurrence,
  url: string | null,
): Promise<void> {
  if (!mayManageGroup(ctx, group))
    throw new QuorumError(
      "forbidden",
      `Only ${await chairName(ctx, group)} or an admin can set the link to ${group.name}'s papers.`,
    );
  if (url === null && !(await ctx.repos.boards.papersLink(keyOf(o))))
    throw new QuorumError("not_found", `${occurrenceName(ctx, o)} has no papers link to remove.`);
  await ctx.repos.boards.setPapersLink(ctx.partnership.id, keyOf(o), url, ctx.actor.id);
  await audit(ctx, "meeting.papers-link", meetingRef(o.meeting.id), { date: o.ruleDate, url });
}

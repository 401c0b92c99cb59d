// Action rules: add, note, done, drop, reassign, re-date; each writes its log entry and an audit event.
import { audit, type Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { addDays } from "../time/zone.ts";
import type { ActionView, Group, Meeting, Organisation, Person } from "../types.ts";
import { assertCanChange, assertOpen, checkNote, checkTitle } from "./rules.ts";

export interface NewActionInput {
  title: string;
  owner: Person;
  organisation?: Organisation | null;
  group?: Group | null;
  meeting?: Meeting | null;
  /** Local date of the occurrence of `meeting` the action arose at. */
  meetingDate?: string | null;
  dueOn?: string | null;
}

export const actionRef = (n: number) => `A-${n}`;

async function reload(ctx: Context, n: number): Promise<ActionView> {
  const a = await ctx.repos.actions.byNumber(ctx.partnership.id, n);
  if (!a) throw new QuorumError("not_found", `There is no action ${actionRef(n)}.`);
  return a;
}

export async function addAction(ctx: Context, input: NewActionInput): Promise<ActionView> {
  const title = checkTitle(input.title);
  if (input.group && input.meeting && input.meeting.groupId !== input.group.id)
    throw new QuorumError(
      "bad_argument",
      `M-${input.meeting.id} is not a meeting of ${input.group.name}; leave out group: or give its own meeting.`,
    );
  const number = await ctx.repos.partnerships.nextActionNumber(ctx.partnership.id);
  const action = await ctx.repos.actions.insert({
    partnershipId: ctx.partnership.id,
    number,
    title,
    ownerId: input.owner.id,
    organisationId: input.organisation?.id ?? input.owner.organisationId,
    groupId: input.group?.id ?? input.meeting?.groupId ?? null,
    meetingId: input.meeting?.id ?? null,
    meetingDate: input.meeting ? (input.meetingDate ?? null) : null,
    dueOn: input.dueOn ?? null,
    createdBy: ctx.actor.id,
  });
  await ctx.repos.actions.addUpdate(action.id, ctx.actor.id, "created", title);
  await audit(ctx, "action.add", actionRef(number), {
    title,
    ownerId: input.owner.id,
    dueOn: action.dueOn,
    ...(action.meetingId ? { meeting: `M-${action.meetingId}`, meetingDate: action.meetingDate } : {}),
  });
  return reload(ctx, number);
}

export async function noteAction(ctx: Context, action: ActionView, note: string): Promise<ActionView> {
  const text = checkNote(note);
  await assertCanChange(ctx, action);
  await ctx.repos.actions.addUpdate(action.id, ctx.actor.id, "note", text);
  await audit(ctx, "action.update", actionRef(action.number), { note: text });
  return reload(ctx, action.number);
}

export async function completeAction(ctx: Context, action: ActionView, note?: string): Promise<ActionView> {
  await assertCanChange(ctx, action);
  assertOpen(action, "marked done");
  await ctx.repos.actions.update(action.id, { status: "done", closedAt: ctx.now });
  await ctx.repos.actions.addUpdate(action.id, ctx.actor.id, "done", note?.trim() || null);
  await audit(ctx, "action.done", actionRef(action.number));
  return reload(ctx, action.number);
}

export async function dropAction(ctx: Context, action: ActionView, reason: string): Promise<ActionView> {
  const why = checkNote(reason, "The reason");
  await assertCanChange(ctx, action);
  assertOpen(action, "dropped");
  await ctx.repos.actions.update(action.id, { status: "dropped", closedAt: ctx.now });
  await ctx.repos.actions.addUpdate(action.id, ctx.actor.id, "dropped", why);
  await audit(ctx, "action.drop", actionRef(action.number), { reason: why });
  return reload(ctx, action.number);
}

export async function reopenAction(ctx: Context, action: ActionView): Promise<ActionView> {
  await assertCanChange(ctx, action);
  if (action.status === "open")
    throw new QuorumError("conflict", `${actionRef(action.number)} is already open.`);
  await ctx.repos.actions.update(action.id, { status: "open", closedAt: null });
  await ctx.repos.actions.addUpdate(action.id, ctx.actor.id, "reopened", null);
  await audit(ctx, "action.reopen", actionRef(action.number));
  return reload(ctx, action.number);
}

export async function reassignAction(
  ctx: Context,
  action: ActionView,
  owner: Person,
  org?: Organisation | null,
): Promise<ActionView> {
  await assertCanChange(ctx, action);
  assertOpen(action, "reassigned");
  if (owner.id === action.ownerId && !org) {
    throw new QuorumError("conflict", `${actionRef(action.number)} is already owned by ${owner.name}.`);
  }
  const organisationId = org?.id ?? owner.organisationId;
  await ctx.repos.actions.update(action.id, { ownerId: owner.id, organisationId });
  await ctx.repos.actions.addUpdate(
    action.id,
    ctx.actor.id,
    "reassigned",
    `${action.ownerName} → ${owner.name}`,
  );
  await audit(ctx, "action.assign", actionRef(action.number), { from: action.ownerId, to: owner.id });
  return reload(ctx, action.number);
}

export async function redateAction(
  ctx: Context,
  action: ActionView,
  dueOn: string | null,
): Promise<ActionView> {
  await assertCanChange(ctx, action);
  assertOpen(action, "re-dated");
  await ctx.repos.actions.update(action.id, { dueOn });
  await ctx.repos.actions.addUpdate(
    action.id,
    ctx.actor.id,
    "due",
    `${action.dueOn ?? "none"} → ${dueOn ?? "none"}`,
  );
  await audit(ctx, "action.due", actionRef(action.number), { from: action.dueOn, to: dueOn });
  return reload(ctx, action.number);
}

/** Moves the due date on by days from the later of today and the current due date. */
export function snoozedDate(action: ActionView, today: string, days: number): string {
  const base = action.dueOn && action.dueOn > today ? action.dueOn : today;
  return addDays(base, days);
}

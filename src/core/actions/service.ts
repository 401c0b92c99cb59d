// Action rules: add, note, done, drop, reassign, re-date; each writes its log entry and an audit event.
import { audit, type Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { addDays } from "../time/zone.ts";
import type { ActionUpdateKind, ActionView, Group, Meeting, Organisation, Person } from "../types.ts";
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

/**
 * The action's own log entry and its audit event, sent together since neither needs the other's answer:
 * on PostgreSQL both go out in one round trip.
 */
async function logChange(
  ctx: Context,
  entry: { actionId: number; kind: ActionUpdateKind; text: string | null },
  verb: string,
  subject: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  await Promise.all([
    ctx.repos.actions.addUpdate(entry.actionId, ctx.actor.id, entry.kind, entry.text),
    audit(ctx, verb, subject, detail),
  ]);
}

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
  await logChange(
    ctx,
    { actionId: action.id, kind: "created", text: title },
    "action.add",
    actionRef(number),
    {
      title,
      ownerId: input.owner.id,
      dueOn: action.dueOn,
      ...(action.meetingId ? { meeting: `M-${action.meetingId}`, meetingDate: action.meetingDate } : {}),
    },
  );
  return reload(ctx, number);
}

export async function noteAction(ctx: Context, action: ActionView, note: string): Promise<ActionView> {
  const text = checkNote(note);
  await assertCanChange(ctx, action);
  await logChange(
    ctx,
    { actionId: action.id, kind: "note", text },
    "action.update",
    actionRef(action.number),
    { note: text },
  );
  return reload(ctx, action.number);
}

export async function completeAction(ctx: Context, action: ActionView, note?: string): Promise<ActionView> {
  await assertCanChange(ctx, action);
  assertOpen(action, "marked done");
  await ctx.repos.actions.update(action.id, { status: "done", closedAt: ctx.now });
  await logChange(
    ctx,
    { actionId: action.id, kind: "done", text: note?.trim() || null },
    "action.done",
    actionRef(action.number),
  );
  return reload(ctx, action.number);
}

export async function dropAction(ctx: Context, action: ActionView, reason: string): Promise<ActionView> {
  const why = checkNote(reason, "The reason");
  await assertCanChange(ctx, action);
  assertOpen(action, "dropped");
  await ctx.repos.actions.update(action.id, { status: "dropped", closedAt: ctx.now });
  await logChange(
    ctx,
    { actionId: action.id, kind: "dropped", text: why },
    "action.drop",
    actionRef(action.number),
    { reason: why },
  );
  return reload(ctx, action.number);
}

export async function reopenAction(ctx: Context, action: ActionView): Promise<ActionView> {
  await assertCanChange(ctx, action);
  if (action.status === "open")
    throw new QuorumError("conflict", `${actionRef(action.number)} is already open.`);
  await ctx.repos.actions.update(action.id, { status: "open", closedAt: null });
  await logChange(
    ctx,
    { actionId: action.id, kind: "reopened", text: null },
    "action.reopen",
    actionRef(action.number),
  );
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
  await logChange(
    ctx,
    { actionId: action.id, kind: "reassigned", text: `${action.ownerName} → ${owner.name}` },
    "action.assign",
    actionRef(action.number),
    { from: action.ownerId, to: owner.id },
  );
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
  await logChange(
    ctx,
    { actionId: action.id, kind: "due", text: `${action.dueOn ?? "none"} → ${dueOn ?? "none"}` },
    "action.due",
    actionRef(action.number),
    { from: action.dueOn, to: dueOn },
  );
  return reload(ctx, action.number);
}

/** Moves the due date on by days from the later of today and the current due date. */
export function snoozedDate(action: ActionView, today: string, days: number): string {
  const base = action.dueOn && action.dueOn > today ? action.dueOn : today;
  return addDays(base, days);
}

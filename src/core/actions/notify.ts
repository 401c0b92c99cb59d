// Tells people when an action changes hands: the new owner gets it with its Done / Snooze buttons, the
// previous owner hears where it went and who moved it. Queued in the command's transaction; nobody is told
// about a change they made themselves.
import { type Card, card, fields, items, text } from "../card.ts";
import type { Context } from "../context.ts";
import { notifyPerson } from "../reach/notify-person.ts";
import { payloadOf } from "../schedule/digest.ts";
import { localDate } from "../time/zone.ts";
import type { ActionView, Person } from "../types.ts";
import { actionItem } from "./cards.ts";
import { actionRef } from "./service.ts";

export interface OwnerNotice {
  /** The new owner was someone other than the actor, but has never used Quorum on chat: not told. */
  unreachable: Person | null;
}

/**
 * Queues the messages for an action that has just become `action.ownerId`'s (from `previous`, or new
 * when previous is null). The dedupe key names the action and how many times it has changed hands, so a
 * repeated click on the same change (a retry, a double submit racing the first) cannot send twice, while
 * a later hand-back to the same person is a new message.
 */
export async function announceOwnerChange(
  ctx: Context,
  action: ActionView,
  previous: Person | null,
): Promise<OwnerNotice> {
  const notice: OwnerNotice = { unreachable: null };
  if (previous?.id === action.ownerId) return notice;
  // No one is told of a change they made themselves: with no one else to tell, there is nothing to read.
  const tellsOwner = action.ownerId !== ctx.actor.id;
  const tellsPrevious = previous !== null && previous.id !== ctx.actor.id;
  if (!tellsOwner && !tellsPrevious) return notice;
  const [updates, owner] = await Promise.all([
    ctx.repos.actions.updates(action.id),
    tellsOwner ? ctx.repos.people.byId(action.ownerId) : null,
  ]);
  const handovers = updates.filter((u) => u.kind === "reassigned");
  const subject = `action:${action.id}:owner:${handovers.length}`;
  if (owner) {
    const sent = await notifyPerson(
      ctx,
      owner,
      "action-assigned",
      subject,
      payloadOf(newOwnerCard(ctx, action, previous)),
    );
    if (!sent) notice.unreachable = owner;
  }
  if (previous && tellsPrevious) {
    await notifyPerson(ctx, previous, "action-moved", subject, payloadOf(movedCard(ctx, action)));
  }
  return notice;
}

function newOwnerCard(ctx: Context, a: ActionView, previous: Person | null): Card {
  const today = localDate(ctx.now, ctx.partnership.timeZone);
  const why = previous
    ? `${ctx.actor.name} passed this to you from ${previous.name}.`
    : `${ctx.actor.name} added this for you.`;
  return card(`${actionRef(a.number)} is now yours`, [items([actionItem(a, today)]), text(why)], {
    audience: "personal",
    tone: "info",
  });
}

function movedCard(ctx: Context, a: ActionView): Card {
  const today = localDate(ctx.now, ctx.partnership.timeZone);
  const { buttons: _mine, ...item } = actionItem(a, today);
  return card(
    `${actionRef(a.number)} is no longer yours`,
    [
      items([item]),
      fields({ label: "Now with", value: a.ownerName }, { label: "Moved by", value: ctx.actor.name }),
    ],
    { audience: "personal", tone: "info" },
  );
}

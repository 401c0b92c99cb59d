// A notice to one person (an action given to them, a meeting changed, a request for an admin), queued in
// the caller's transaction where reach says: their choice, else the chat they used last, then email.
import type { Context } from "../context.ts";
import { type DeliveryTarget, type OutboundPayload, outboxMessage } from "../outbound.ts";
import type { Person } from "../types.ts";
import { reachTarget } from "./targets.ts";

/**
 * Queues a direct message to a person. Returns the target used, or null when nothing reaches them (no
 * chat identity, and no email address or no email here): the caller should say so rather than pretend
 * they were told. Should that platform later say they are gone, the outbox sends it on to the next way.
 */
export async function notifyPerson(
  ctx: Pick<Context, "repos" | "partnership" | "now" | "reach">,
  person: Person,
  kind: string,
  subject: string,
  payload: OutboundPayload,
): Promise<DeliveryTarget | null> {
  const target = await reachTarget(ctx.repos, ctx.partnership, person, ctx.reach ?? { email: false });
  if (!target) return null;
  const key = `${kind}:${subject}:person:${person.id}`;
  await ctx.repos.outbox.enqueue(outboxMessage(ctx.partnership.id, key, kind, target, payload, ctx.now));
  return target;
}

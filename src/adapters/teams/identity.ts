// Who a Teams user is: the AAD object id from the activity, and their email from the conversation member lookup.
import type { InboundEvent } from "../../core/inbound.ts";
import type { Quorum } from "../../core/quorum.ts";
import type { Logger } from "../../log.ts";
import { baseConversationId, externalUserId, type TeamsActivity, tenantOf } from "./activity.ts";

/** The one connector call identity needs, so tests and callers can pass the SDK's client or a fake. */
export interface MemberLookup {
  getMemberById(
    conversationId: string,
    memberId: string,
  ): Promise<{ name?: string; email?: string; userPrincipalName?: string }>;
}

/**
 * Activities carry no email, and the core needs one to match a first-time Teams user to the person
 * who already owns actions on Slack or in the shell. A known identity skips the connector call, so
 * only someone's first message pays for it.
 */
export async function profileFor(
  a: TeamsActivity,
  deps: { quorum: Pick<Quorum, "personFor">; members: MemberLookup; logger: Logger },
): Promise<InboundEvent["profile"]> {
  const name = a.from?.name?.trim() || undefined;
  const tenant = tenantOf(a);
  const userId = externalUserId(a);
  if (!tenant || !userId || !a.from?.id || !a.conversation?.id) return name ? { name } : undefined;
  const known = await deps.quorum.personFor({ platform: "teams", tenant, userId });
  if (known) return name ? { name } : undefined;
  try {
    // A channel thread's id carries ";messageid=…"; the roster belongs to the channel itself.
    const member = await deps.members.getMemberById(baseConversationId(a), a.from.id);
    const email = emailOf(member);
    const fullName = member.name?.trim() || name;
    return { ...(fullName ? { name: fullName } : {}), ...(email ? { email } : {}) };
  } catch (err) {
    // The reply then says Quorum could not see an email: better than failing the whole message.
    deps.logger.warn({ err: describe(err), tenant }, "Teams member lookup failed");
    return name ? { name } : undefined;
  }
}

/** Guest and some synced accounts have no email field; their UPN is then usually the address. */
export function emailOf(member: { email?: string; userPrincipalName?: string }): string | undefined {
  const email = member.email?.trim();
  if (email?.includes("@")) return email;
  const upn = member.userPrincipalName?.trim();
  return upn?.includes("@") && !upn.includes("#EXT#") ? upn : undefined;
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

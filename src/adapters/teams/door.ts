// Teams' front door: after the SDK checks the token, an activity must name an allowed tenant and serviceUrl.
import type { TenantKnock, TenantStanding } from "../../core/directory/tenants.ts";
import { commandText, type TeamsActivity, tenantOf } from "./activity.ts";
import type { MemberLookup } from "./identity.ts";
import type { ServiceUrlPolicy } from "./service-url.ts";

export type Verdict =
  | { admit: true; serviceUrl: string }
  /** Nothing is written and nothing is sent: the serviceUrl is not one of Microsoft's. */
  | { admit: false; why: "service_url"; detail: string; host?: string }
  /**
   * Nothing is written but, for a tenant that knocked, its request to join; a message addressed to Quorum
   * gets one polite line at `serviceUrl` (the standing's message, or TENANT_REFUSAL).
   */
  | {
      admit: false;
      why: "tenant";
      tenant: string | undefined;
      serviceUrl: string;
      standing: Exclude<TenantStanding, { status: "allowed" }>;
    };

export interface DoorRules {
  serviceUrls: ServiceUrlPolicy;
  /** Where the tenant stands; a knock lets a tenant nobody has decided on ask to join. */
  tenantStanding(tenant: string | undefined, knock: TenantKnock | null): Promise<TenantStanding>;
}

/**
 * The serviceUrl is checked first, so an activity that would make Quorum call an unknown address is
 * refused before anything else is looked up. The token already matched the body's serviceUrl (the
 * SDK checks its claim); this keeps Quorum's own calls to Microsoft's hosts even if one is forged.
 */
export async function admit(a: TeamsActivity, tokenServiceUrl: string, rules: DoorRules): Promise<Verdict> {
  const checked = rules.serviceUrls(a.serviceUrl || tokenServiceUrl);
  if (!checked.ok) {
    return {
      admit: false,
      why: "service_url",
      detail: checked.reason,
      ...(checked.host ? { host: checked.host } : {}),
    };
  }
  const tenant = tenantOf(a);
  const knock = knocks(a) ? { requestedBy: a.from?.aadObjectId || a.from?.id || undefined } : null;
  const standing = await rules.tenantStanding(tenant, knock);
  if (standing.status !== "allowed")
    return { admit: false, why: "tenant", tenant, serviceUrl: checked.url, standing };
  return { admit: true, serviceUrl: checked.url };
}

export const TENANT_REFUSAL =
  "Quorum is not set up for your organisation, so it cannot answer here. " +
  "If you expected it to work, ask the person who runs Quorum to add your Teams tenant.";

/** Only a message addressed to Quorum (a 1:1 chat, or a mention) is worth a refusal. */
export const wantsRefusal = (a: TeamsActivity): boolean =>
  a.type === "message" && !!a.conversation?.id && commandText(a) !== null;

/** The app added to a team, chat or someone's personal scope (Teams also sends a conversationUpdate). */
export const isInstall = (a: TeamsActivity): boolean => a.type === "installationUpdate" && a.action === "add";

/**
 * What counts as a tenant asking to join: an install, the bot added to a conversation, or a message to
 * Quorum. Typing, reactions and channel chatter from an unknown tenant record nothing.
 */
export const knocks = (a: TeamsActivity): boolean =>
  wantsRefusal(a) ||
  isInstall(a) ||
  (a.type === "conversationUpdate" &&
    !!a.recipient?.id &&
    (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id));

/** The log line for a tenant kept out: an operator must hear of a request no partnership's admins can decide. */
export function tenantNote(
  a: TeamsActivity,
  tenant: string | undefined,
  standing: Exclude<TenantStanding, { status: "allowed" }>,
): { level: "info" | "warn"; fields: Record<string, unknown>; message: string } {
  if (standing.status === "refused")
    return {
      level: "warn",
      fields: { activity: a.type, tenant },
      message: "Teams activity refused: tenant not allowed",
    };
  if (standing.asked && standing.partnership)
    return {
      level: "info",
      fields: { tenant, partnership: standing.partnership },
      message: "Teams tenant asked to join; its partnership's admins were asked to accept or decline it",
    };
  if (standing.asked)
    return {
      level: "warn",
      fields: { tenant },
      message: `Teams tenant asked to join; with several partnerships no admin is asked: quorum teams link ${tenant} <partnership>`,
    };
  return {
    level: "info",
    fields: { activity: a.type, tenant, standing: standing.status },
    message: "Teams activity refused: the tenant's request to join is undecided or declined",
  };
}

/** Raised when one inbound activity would cause more outbound calls than it ever needs. */
export class OutboundBudgetError extends Error {
  override readonly name = "OutboundBudgetError";
}

/**
 * Counts calls through `fn`s sharing one budget: an inbound activity needs at most a member look-up
 * and one reply (or card update), so anything beyond that is a bug or an attack, never sent.
 */
export function outboundBudget(max: number) {
  let used = 0;
  return <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (used >= max) {
        return Promise.reject(new OutboundBudgetError(`More than ${max} outbound calls for one activity`));
      }
      used++;
      return fn(...args);
    };
}

/** The narrow slice of the SDK's turn context the handlers use. */
export interface Turn {
  activity: unknown;
  send(activity: unknown): Promise<unknown>;
  api: {
    conversations: MemberLookup & {
      updateActivity(conversationId: string, id: string, activity: unknown): Promise<unknown>;
    };
  };
}

/** The turn with every outbound call it offers drawn from one budget for the inbound activity. */
export function boundedTurn(ctx: Turn, max: number): Turn {
  const spend = outboundBudget(max);
  const c = ctx.api.conversations;
  return {
    activity: ctx.activity,
    send: spend((activity: unknown) => ctx.send(activity)),
    api: {
      conversations: {
        getMemberById: spend((id: string, member: string) => c.getMemberById(id, member)),
        updateActivity: spend((id: string, activityId: string, activity: unknown) =>
          c.updateActivity(id, activityId, activity),
        ),
      },
    },
  };
}

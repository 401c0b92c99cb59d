// Proactive Teams posts for the outbox: card to a stored conversation, or a new 1:1 chat, with typed failures.
import { Client as ApiClient } from "@microsoft/teams.api";
import {
  DeliveryError,
  type DeliveryTarget,
  type OutboundPayload,
  type Sender,
} from "../../core/outbound.ts";
import { cardToText } from "../../core/render-text.ts";
import type { TeamsConversationRef, TeamsUserRef } from "./activity.ts";
import { cardAttachment, cardToAdaptiveCard } from "./adaptive-card.ts";
import type { ServiceUrlPolicy } from "./service-url.ts";

/** The SDK's HTTP client, typed through the API client so ESM and CJS typings of it cannot diverge. */
export type HttpClient = NonNullable<ConstructorParameters<typeof ApiClient>[1]>;

/** The activity Quorum posts for a card: Teams shows `summary` in notifications instead of the card. */
export function cardActivity(payload: { card: OutboundPayload["card"]; text?: string }) {
  const summary = (payload.text || cardToText(payload.card)).slice(0, 250);
  return {
    type: "message" as const,
    summary,
    attachments: [cardAttachment(cardToAdaptiveCard(payload.card))],
  };
}

const GONE_CODES = new Set([
  "BotNotInConversationRoster",
  "ConversationNotFound",
  "ConversationBlockedByUser",
]);
const NETWORK_DOWN = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const TIMED_OUT = new Set(["ECONNABORTED", "ETIMEDOUT", "ECONNRESET", "EPIPE"]);

/**
 * The one place Bot Connector failures become Quorum's delivery codes. A timeout, a reset or a 5xx
 * may have posted the message already, so it is "ambiguous" rather than blindly retried.
 */
export function deliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (isHttpError(err)) {
    const status = err.response?.status;
    const data = err.response?.data as { error?: { code?: string; message?: string } } | undefined;
    const code = data?.error?.code ?? "";
    const detail = `${status ?? err.code ?? "error"}${code ? ` ${code}` : ""}: ${data?.error?.message ?? err.message}`;
    if (status === undefined) {
      if (err.code && NETWORK_DOWN.has(err.code)) return new DeliveryError("unreachable", detail);
      if (err.code && TIMED_OUT.has(err.code)) return new DeliveryError("ambiguous", detail);
      return new DeliveryError("unreachable", detail);
    }
    if (status === 429) {
      return new DeliveryError("rate_limited", detail, {
        retryAfterMs: retryAfterMs(err.response?.headers?.["retry-after"]),
      });
    }
    if ((status === 403 || status === 404) && GONE_CODES.has(code)) return new DeliveryError("gone", detail);
    if (status >= 500) return new DeliveryError("ambiguous", detail);
    return new DeliveryError("rejected", detail);
  }
  return new DeliveryError("rejected", err instanceof Error ? err.message : String(err));
}

/** The SDK's HTTP client throws axios errors; duck-typed so Quorum does not depend on axios itself. */
interface HttpError extends Error {
  isAxiosError: true;
  code?: string;
  response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
}
const isHttpError = (err: unknown): err is HttpError =>
  err instanceof Error && (err as Partial<HttpError>).isAxiosError === true;

/** Retry-After is seconds or an HTTP date; without one, wait a second as Microsoft's guidance suggests. */
export function retryAfterMs(header: unknown, now = Date.now()): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value === "string" || typeof value === "number") {
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
    const at = Date.parse(String(value));
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  return 1000;
}

/** One plain message into a conversation (a thread, for a channel post's id): the door's polite refusal. */
export async function postText(http: HttpClient, serviceUrl: string, conversationId: string, text: string) {
  await new ApiClient(serviceUrl, http).conversations.createActivity(conversationId, {
    type: "message",
    text,
  });
}

/**
 * `http` is the SDK app's token-carrying client (it signs each call with the bot's Entra token); it
 * only exists once the adapter is mounted. Each send builds a connector client for the stored
 * serviceUrl, because Teams routes tenants to regional service URLs; a stored address that is not
 * one of Microsoft's (or carries credentials or a query) is refused, never called.
 */
export function createTeamsSender(
  getHttp: () => HttpClient | undefined,
  serviceUrls: ServiceUrlPolicy,
): Sender {
  return {
    platform: "teams",
    async send(target: DeliveryTarget, payload: OutboundPayload) {
      const http = getHttp();
      if (!http) throw new DeliveryError("unreachable", "The Teams adapter is not started yet.");
      try {
        const { api, conversationId } = await resolveConversation(http, target, serviceUrls);
        const res = await api.conversations.createActivity(conversationId, cardActivity(payload));
        return { messageId: res?.id ?? "" };
      } catch (err) {
        throw deliveryError(err);
      }
    },
  };
}

async function resolveConversation(
  http: HttpClient,
  target: DeliveryTarget,
  serviceUrls: ServiceUrlPolicy,
): Promise<{ api: ApiClient; conversationId: string }> {
  const ref = (target.ref ?? {}) as Partial<TeamsConversationRef & TeamsUserRef>;
  if (!ref.serviceUrl) {
    throw new DeliveryError("rejected", `No Teams conversation reference is stored for ${target.label}.`);
  }
  const checked = serviceUrls(ref.serviceUrl);
  if (!checked.ok) {
    throw new DeliveryError(
      "rejected",
      `The Teams address stored for ${target.label} is not an allowed Bot Framework address (${checked.reason}).`,
    );
  }
  const api = new ApiClient(checked.url, http);
  if (target.kind === "channel") return { api, conversationId: ref.conversationId || target.id };
  if (ref.conversationId) return { api, conversationId: ref.conversationId };
  if (!ref.userId) throw new DeliveryError("rejected", `No Teams user id is stored for ${target.label}.`);
  // Someone who only ever used Quorum in a channel: open (or reopen) their 1:1 chat with the bot.
  // The connector returns the same conversation for the same user and bot, so this is safe to repeat.
  const created = await api.conversations.create({
    members: [{ id: ref.userId, role: "user" }],
    tenantId: ref.tenantId || target.tenant,
    channelData: { tenant: { id: ref.tenantId || target.tenant } },
    ...(ref.botId ? { bot: { id: ref.botId, role: "bot" } } : {}),
    isGroup: false,
  });
  if (!created?.id) throw new DeliveryError("ambiguous", "The Bot Connector created no conversation.");
  return { api, conversationId: created.id };
}

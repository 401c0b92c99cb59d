// Bot Framework activity -> InboundEvent: command text without the bot's @mention, and conversation references.
import type { Conversation } from "../../core/context.ts";
import type { InboundEvent } from "../../core/inbound.ts";

/** The parts of an inbound activity Quorum reads; everything is optional because senders vary. */
export interface TeamsActivity {
  type?: string;
  id?: string;
  name?: string;
  text?: string;
  value?: unknown;
  replyToId?: string;
  action?: string;
  serviceUrl?: string;
  channelId?: string;
  from?: { id?: string; aadObjectId?: string; name?: string };
  recipient?: { id?: string; name?: string };
  conversation?: {
    id?: string;
    conversationType?: string;
    tenantId?: string;
    name?: string;
    isGroup?: boolean;
  };
  entities?: Array<{ type?: string; text?: string; mentioned?: { id?: string; name?: string } }>;
  channelData?: {
    tenant?: { id?: string };
    channel?: { id?: string; name?: string };
    team?: { id?: string; name?: string };
  };
  membersAdded?: Array<{ id?: string }>;
  membersRemoved?: Array<{ id?: string }>;
}

/** What the sender needs to post into a conversation later: stored on channel links. */
export interface TeamsConversationRef extends Record<string, unknown> {
  serviceUrl: string;
  conversationId: string;
  tenantId: string;
  botId?: string;
  conversationType: string;
}

/** What the sender needs to reach a person later: stored on the person's Teams identity. */
export interface TeamsUserRef extends Record<string, unknown> {
  serviceUrl: string;
  tenantId: string;
  /** The Bot Framework user id (29:...), needed to create a 1:1 conversation. */
  userId: string;
  /** The existing 1:1 conversation, when the person has talked to the bot directly. */
  conversationId?: string;
  botId?: string;
}

export const tenantOf = (a: TeamsActivity): string | undefined =>
  a.conversation?.tenantId || a.channelData?.tenant?.id || undefined;

/** personal chats are direct; channels and group chats are shared, and want an @mention. */
export const isPersonal = (a: TeamsActivity) =>
  (a.conversation?.conversationType ?? "personal") === "personal";

/**
 * A channel post arrives as "19:...@thread.tacv2;messageid=123" (its thread). The link must name the
 * channel itself, so every thread maps to one link and proactive posts start a new thread.
 */
export function baseConversationId(a: TeamsActivity): string {
  const id = a.conversation?.id ?? "";
  if (a.conversation?.conversationType === "channel")
    return a.channelData?.channel?.id || id.split(";")[0] || id;
  return id.split(";messageid=")[0] ?? id;
}

function conversationName(a: TeamsActivity): string | undefined {
  const team = a.channelData?.team?.name;
  if (a.conversation?.conversationType === "channel") {
    // The General channel comes without a name.
    const channel = a.channelData?.channel?.name ?? "General";
    return team ? `${team} › ${channel}` : channel;
  }
  return a.conversation?.name || undefined;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

export function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === "#") {
      const n = code[1]?.toLowerCase() === "x" ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/**
 * Removes the bot's own <at>…</at> mention; any other mention (owner:<at>Sam Okafor</at>) becomes
 * the quoted name, which the grammar resolves like "Sam Okafor". Returns null when the bot was not
 * mentioned in a shared conversation: such a message was not addressed to Quorum.
 */
const mentionEntities = (a: TeamsActivity) =>
  (a.entities ?? []).filter((e) => e.type === "mention" && e.text);
const botMentionsOf = (a: TeamsActivity) =>
  mentionEntities(a).filter((e) => e.mentioned?.id && e.mentioned.id === a.recipient?.id);

/** A shared conversation's message that names the bot (an entity, or a bare <at> tag some clients send). */
export const mentionsBot = (a: TeamsActivity) =>
  !isPersonal(a) && (botMentionsOf(a).length > 0 || /<at>/.test(a.text ?? ""));

export function commandText(a: TeamsActivity): string | null {
  let text = a.text ?? "";
  const mentions = mentionEntities(a);
  const botMentions = botMentionsOf(a);
  for (const m of botMentions) text = text.split(m.text as string).join(" ");
  for (const m of mentions) {
    if (botMentions.includes(m)) continue;
    const name = (m.mentioned?.name ?? (m.text as string).replace(/<\/?at>/g, "")).replace(/["“”]/g, "");
    text = text.split(m.text as string).join(`"${name}"`);
  }
  // Anything left that looks like a tag (a mention without an entity, formatting) is not command text.
  // Line breaks survive (a multi-line answer stays multi-line); other tags are formatting.
  text = text.replace(/<br\s*\/?>|<\/(p|div)>/gi, "\n");
  text = decodeEntities(text.replace(/<at>[^<]*<\/at>/g, " ").replace(/<[^>]{1,200}>/g, " "));
  const cleaned = text
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (!isPersonal(a) && !mentionsBot(a)) return null;
  return cleaned;
}

export function conversationRef(a: TeamsActivity): TeamsConversationRef {
  return {
    serviceUrl: (a.serviceUrl ?? "").replace(/\/+$/, ""),
    conversationId: baseConversationId(a),
    tenantId: tenantOf(a) ?? "",
    ...(a.recipient?.id ? { botId: a.recipient.id } : {}),
    conversationType: a.conversation?.conversationType ?? "personal",
  };
}

export function userRef(a: TeamsActivity): TeamsUserRef {
  return {
    serviceUrl: (a.serviceUrl ?? "").replace(/\/+$/, ""),
    tenantId: tenantOf(a) ?? "",
    userId: a.from?.id ?? "",
    ...(isPersonal(a) && a.conversation?.id ? { conversationId: a.conversation.id } : {}),
    ...(a.recipient?.id ? { botId: a.recipient.id } : {}),
  };
}

/** The AAD object id is stable across tenants' chats and apps; the 29: id is per bot. */
export const externalUserId = (a: TeamsActivity): string | undefined =>
  a.from?.aadObjectId || a.from?.id || undefined;

/** Why an activity cannot become an event, for a clear reply or a log line. */
export type NotAnEvent = "no_tenant" | "no_user" | "no_conversation";

export function inboundEvent(
  a: TeamsActivity,
  text: string,
  profile: InboundEvent["profile"],
): InboundEvent | NotAnEvent {
  const tenant = tenantOf(a);
  if (!tenant) return "no_tenant";
  const userId = externalUserId(a);
  if (!userId) return "no_user";
  if (!a.conversation?.id) return "no_conversation";
  const personal = isPersonal(a);
  const name = conversationName(a);
  const conversation: Conversation = {
    id: personal ? a.conversation.id : baseConversationId(a),
    kind: personal ? "direct" : "channel",
    ...(name && !personal ? { name } : {}),
    ...(a.serviceUrl ? { ref: conversationRef(a) } : {}),
  };
  return {
    platform: "teams",
    tenant,
    userId,
    text,
    conversation,
    // A typed @Quorum message (not a card click, which carries no mention) is read like a 1:1 message.
    ...(a.type === "message" && a.value === undefined && mentionsBot(a) ? { mention: true } : {}),
    ...(profile ? { profile } : {}),
    ...(a.serviceUrl && a.from?.id ? { userRef: userRef(a) } : {}),
  };
}

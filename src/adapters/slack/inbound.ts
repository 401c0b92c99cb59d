// What every Slack entry point shares: Slack ids and text to an InboundEvent, run through the core as that user.
import type { webApi } from "@slack/bolt";
import type { Card } from "../../core/card.ts";
import type { InboundEvent } from "../../core/inbound.ts";
import type { Clock } from "../../core/ports.ts";
import type { Quorum } from "../../core/quorum.ts";
import type { Logger } from "../../log.ts";
import { unescapeMrkdwn } from "./escape.ts";
import type { SlackIdentity } from "./identity.ts";

/** The App Home tab (app-home.ts), as the other entry points refresh it after a change. */
/** Whose Home tab: through which installation (`team`), and the user's own workspace when Slack says. */
export type HomeViewer = Pick<SlackInput, "team" | "user" | "userTeam">;

export interface HomeTab {
  publish(deps: SlackDeps, viewer: HomeViewer, note?: Card): Promise<void>;
  refreshIfOpen(deps: SlackDeps, viewer: HomeViewer, note?: Card): Promise<void>;
}

/** What every request's handlers share, built once when the adapter starts. */
export interface SlackShared {
  quorum: Quorum;
  /** The core's clock (dates for validation); request signatures use real time, see the adapter. */
  clock: Clock;
  logger: Logger;
  identity: SlackIdentity;
  home: HomeTab;
  /** How long a slash command may work before the ack must go out empty and the answer via response_url. */
  ackBudgetMs: number;
}

/** One request's dependencies: the shared ones, and the Web API client for the workspace it came through. */
export interface SlackDeps extends SlackShared {
  client: webApi.WebClient;
}

/**
 * A request's deps from bolt's listener `client`, which carries the token that authorize found for the
 * request's workspace: replies, look-ups and the App Home all speak to that workspace. Passed explicitly,
 * rather than through AsyncLocalStorage, which on Node 20 would put promise hooks on every promise.
 */
export const forRequest = (shared: SlackShared, client: webApi.WebClient): SlackDeps =>
  Object.assign({}, shared, { client });

export interface SlackWhere {
  /** Channel, group or DM id; absent for a global shortcut, which happens nowhere in particular. */
  id?: string | undefined;
  name?: string | undefined;
}

export interface SlackInput {
  /** The workspace whose installation the request came through (its token answers it). */
  team: string;
  user: string;
  /**
   * The user's own workspace, when Slack says: in a Slack Connect channel a guest's differs from `team`,
   * and Quorum knows them by it (their identity, their workspace's place in a partnership).
   */
  userTeam?: string | undefined;
  /** Text as the person meant it: already unescaped and with mentions turned into handles. */
  text: string;
  where: SlackWhere;
  /** An app_mention: the words were said to Quorum, so a plain sentence is read as in a DM. */
  mention?: boolean;
}

/** Slack DM ids start with D; slash commands in a DM also say channel_name "directmessage". */
export const isDirect = (where: SlackWhere) =>
  !where.id || where.id.startsWith("D") || where.name === "directmessage";

export async function runAs(deps: SlackDeps, input: SlackInput): Promise<Card> {
  return deps.quorum.handle(await slackEvent(deps, input));
}

/** Runs it unless this event key was seen before (a platform retry): then null, and nothing ran. */
export async function runAsOnce(deps: SlackDeps, eventKey: string, input: SlackInput): Promise<Card | null> {
  return deps.quorum.handleOnce(eventKey, await slackEvent(deps, input));
}

/** The InboundEvent for a Slack user in a place: for `handle` (with text) or a structured `run`. */
export async function slackEvent(deps: SlackDeps, input: SlackInput): Promise<InboundEvent> {
  const profile = await deps.identity.profile(deps.client, input.team, input.user);
  const direct = isDirect(input.where);
  const event: InboundEvent = {
    platform: "slack",
    tenant: input.team,
    ...(input.userTeam && input.userTeam !== input.team ? { userTenant: input.userTeam } : {}),
    userId: input.user,
    text: input.text,
    conversation: direct
      ? { id: input.where.id ?? input.user, kind: "direct" }
      : {
          id: input.where.id as string,
          kind: "channel",
          ...(input.where.name ? { name: `#${input.where.name}` } : {}),
        },
    ...(profile ? { profile } : {}),
    ...(input.mention ? { mention: true } : {}),
    // Posting to a user id reaches the app's DM with them, so the id is all a proactive send needs.
    ...(direct && input.where.id ? { userRef: { channel: input.where.id } } : {}),
  };
  return event;
}

/**
 * The author's own workspace from an Events API event: Slack Connect events name it as user_team (message
 * events also as team); absent in an ordinary channel, where it is the installation's own.
 */
export function userTeamOf(event: { user_team?: string | undefined; team?: string | undefined }) {
  return event.user_team || event.team || undefined;
}

/**
 * Slack message text arrives escaped, with mentions as <@U123>, channels as <#C1|name> and links as
 * <url|label>. The grammar wants what the person saw: @handle for a known partner, the label for a link.
 */
export async function plainText(deps: SlackDeps, team: string, text: string): Promise<string> {
  const users = [
    ...new Set([...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1] as string)),
  ];
  const handles = new Map<string, string>();
  for (const id of users) {
    const person = await deps.identity.person(deps.client, team, id).catch(() => null);
    if (person) handles.set(id, `@${person.handle}`);
  }
  const replaced = text
    .replace(
      /<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g,
      (_m, id: string, label?: string) => handles.get(id) ?? (label ? `@${label}` : `@${id}`),
    )
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, (_m, name: string) => `#${name}`)
    .replace(/<!(?:subteam\^[A-Z0-9]+\|)?([^>|]+)(?:\|[^>]*)?>/g, (_m, what: string) => `@${what}`)
    .replace(
      /<((?:https?|mailto):[^>|]+)(?:\|([^>]*))?>/g,
      (_m, url: string, label?: string) => label ?? url,
    );
  return unescapeMrkdwn(replaced).trim();
}

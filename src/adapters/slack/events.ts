// Events API: DMs to the bot and @Quorum mentions run as commands or are understood as questions; retries deduplicated by event_id.
import type { Card } from "../../core/card.ts";
import { cardToBlockKit } from "./block-kit.ts";
import { slackErrorCode, userMessageFor } from "./errors.ts";
import {
  forRequest,
  plainText,
  runAs,
  runAsOnce,
  type SlackDeps,
  type SlackInput,
  type SlackShared,
  userTeamOf,
} from "./inbound.ts";
import type { SlackRoutes } from "./routes.ts";

export function registerEvents(routes: SlackRoutes, shared: SlackShared): void {
  routes.event("message", async ({ event, body, context, client }) => {
    // Only people's new messages in the bot's DM: no edits, joins or bot posts (our own included).
    if (event.channel_type !== "im" || event.subtype !== undefined || !("user" in event) || !event.user)
      return;
    if ("bot_id" in event && event.bot_id) return;
    const deps = forRequest(shared, client);
    const team = installationTeam(context.teamId, body.team_id);
    // The core reads a DM that is not a command as a question (ask), so the text goes in as it is.
    const text = await plainText(deps, team, event.text ?? "");
    const userTeam = userTeamOf(event as { user_team?: string; team?: string });
    const result = await runOnce(deps, body.event_id, {
      team,
      user: event.user,
      userTeam,
      text,
      where: { id: event.channel },
    });
    if (!result) return;
    await post(deps, event.channel, result, event.user);
    if (result.tone !== "error") await deps.home.refreshIfOpen(deps, { team, user: event.user, userTeam });
  });

  routes.event("app_mention", async ({ event, body, context, client }) => {
    if (!event.user) return;
    const deps = forRequest(shared, client);
    const team = installationTeam(context.teamId, body.team_id);
    // The mention of the bot is how the message reached us, not part of the command.
    const bot = context.botUserId;
    const raw = bot ? event.text.replaceAll(new RegExp(`<@${bot}(\\|[^>]*)?>`, "g"), " ") : event.text;
    const text = await plainText(deps, team, raw);
    const result = await runOnce(deps, body.event_id, {
      team,
      user: event.user,
      userTeam: userTeamOf(event),
      text,
      where: { id: event.channel },
      mention: true,
    });
    if (!result) return;
    await post(deps, event.channel, result, event.user, event.thread_ts);
    if (result.tone !== "error")
      await deps.home.refreshIfOpen(deps, { team, user: event.user, userTeam: userTeamOf(event) });
  });

  routes.event("app_home_opened", async ({ event, body, context, client }) => {
    if (event.tab !== "home") return;
    const deps = forRequest(shared, client);
    // The event names no user team; its envelope's team is the opener's side, the installation bolt's.
    await deps.home.publish(deps, {
      team: installationTeam(context.teamId, body.team_id),
      user: event.user,
      userTeam: body.team_id,
    });
  });
}

/**
 * The workspace whose installation received the event: bolt authorised it by `authorizations[0]`, which in
 * a Slack Connect channel may differ from the envelope's team_id (the channel's host, perhaps not ours).
 */
const installationTeam = (authorised: string | undefined, envelope: string) => authorised || envelope;

/**
 * Slack re-sends an event it thinks we missed (X-Slack-Retry-Num); the core's ledger is in the database so
 * every instance sees it, and claims the event before the command runs, so a retry never runs it twice.
 */
async function runOnce(
  deps: SlackDeps,
  eventId: string | undefined,
  input: SlackInput,
): Promise<Card | null> {
  if (!eventId) return runAs(deps, input);
  const result = await runAsOnce(deps, eventId, input);
  if (!result) deps.logger.debug({ eventId }, "ignored a repeated Slack event");
  return result;
}

/** Channel-audience answers for everyone (in the thread, if asked in one); personal ones only to the asker. */
async function post(deps: SlackDeps, channel: string, result: Card, user: string, thread?: string) {
  const personal = result.audience === "personal" && !channel.startsWith("D");
  try {
    for (const page of cardToBlockKit(result).pages) {
      const message = {
        channel,
        text: page.text,
        blocks: page.blocks,
        ...(thread ? { thread_ts: thread } : {}),
      };
      if (personal) await deps.client.chat.postEphemeral({ ...message, user });
      else await deps.client.chat.postMessage({ ...message, unfurl_links: false });
    }
  } catch (err) {
    deps.logger.warn({ slack: slackErrorCode(err), channel }, "Slack reply failed");
    // Say why in a DM: the channel is exactly where we can't speak.
    if (channel.startsWith("D")) return;
    await deps.client.chat
      .postMessage({ channel: user, text: userMessageFor(err) })
      .catch((e) => deps.logger.warn({ slack: slackErrorCode(e) }, "Slack DM failed"));
  }
}

// Buttons and pickers on Quorum's cards: each runs a grammar command as the clicker, then updates in place.
import type { BlockAction, RespondFn } from "@slack/bolt";
import type { Card } from "../../core/card.ts";
import { NEW_ACTION_BUTTON, REFRESH_HOME_BUTTON } from "./app-home.ts";
import {
  COMMAND_ACTION,
  cardToBlockKit,
  itemBlocks,
  LINK_ACTION,
  REASSIGN_ACTION,
  type SlackBlock,
} from "./block-kit.ts";
import { slackErrorCode, userMessageFor } from "./errors.ts";
import { clip, escapeMrkdwn } from "./escape.ts";
import { forRequest, type HomeViewer, runAs, type SlackDeps, type SlackShared } from "./inbound.ts";
import { openNewActionModal, resultView } from "./new-action-modal.ts";
import type { SlackRoutes } from "./routes.ts";
import { replies } from "./slash-command.ts";

const startsWith = (prefix: string) => new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:`);

export function registerInteractivity(routes: SlackRoutes, shared: SlackShared): void {
  routes.action(startsWith(COMMAND_ACTION), async (args) => {
    await args.ack();
    const action = args.action;
    if (action.type !== "button" || !action.value) return;
    await runClick(
      forRequest(shared, args.client),
      args.body,
      action.block_id,
      action.value,
      args.respond,
      args.context.teamId,
    );
  });

  routes.action(startsWith(REASSIGN_ACTION), async (args) => {
    await args.ack();
    const action = args.action;
    if (action.type !== "users_select" || !action.selected_user) return;
    const ref = action.action_id.slice(REASSIGN_ACTION.length + 1);
    const team = args.context.teamId || teamOf(args.body);
    const deps = forRequest(shared, args.client);
    const person = await deps.identity.person(deps.client, team, action.selected_user);
    if (!person) {
      await say(deps, args.body, args.respond, viewerOf(args.body, team), {
        title:
          "Quorum can't match that person to a partner yet (no known email). Ask them to use /quorum once, or pick someone else.",
        tone: "error",
        blocks: [],
        audience: "personal",
      });
      return;
    }
    await runClick(
      deps,
      args.body,
      action.block_id,
      `action assign ${ref} @${person.handle}`,
      args.respond,
      args.context.teamId,
    );
  });

  // The browser opens a link button's url itself; Slack still posts the click, which needs only an ack.
  routes.action(startsWith(LINK_ACTION), async ({ ack }) => {
    await ack();
  });

  routes.action(NEW_ACTION_BUTTON, async ({ ack, body, respond, context, client }) => {
    await ack();
    const problem = await openNewActionModal(forRequest(shared, client), {
      team: context.teamId || teamOf(body),
      user: body.user.id,
      userTeam: body.user.team_id,
      triggerId: body.trigger_id,
    });
    if (problem && body.response_url)
      await respond({ response_type: "ephemeral", replace_original: false, text: problem });
  });

  routes.action(REFRESH_HOME_BUTTON, async ({ ack, body, context, client }) => {
    await ack();
    await shared.home.publish(forRequest(shared, client), viewerOf(body, context.teamId));
  });
}

/**
 * The payload's team: only a fallback. In a Slack Connect channel it can be the clicker's own workspace, so
 * every handler prefers the installation bolt authorised (context.teamId) and passes the clicker's team as
 * userTeam, which the core checks against the partnership.
 */
const teamOf = (body: BlockAction) => body.team?.id ?? body.user.team_id ?? "";

/** Runs the clicked command, then shows the result where the click happened. */
async function runClick(
  deps: SlackDeps,
  body: BlockAction,
  blockId: string,
  command: string,
  respond: RespondFn,
  /** The team bolt authorised the click for (the installation's), when it knows it. */
  installation?: string,
): Promise<void> {
  const team = installation || teamOf(body);
  const user = body.user.id;
  const where = body.channel ? { id: body.channel.id, name: body.channel.name } : {};
  // A Slack Connect guest's click names their own workspace as user.team_id: that is who they are.
  const result = await runAs(deps, { team, user, userTeam: body.user.team_id, text: command, where });
  const viewer = viewerOf(body, team);
  await say(deps, body, respond, viewer, result, blockId);
  if (result.tone !== "error" && body.view?.type !== "home") await deps.home.refreshIfOpen(deps, viewer);
}

/** The clicker's Home: on the installation bolt authorised, as their own workspace knows them. */
const viewerOf = (body: BlockAction, installation: string | undefined): HomeViewer => ({
  team: installation || teamOf(body),
  user: body.user.id,
  userTeam: body.user.team_id,
});

async function say(
  deps: SlackDeps,
  body: BlockAction,
  respond: RespondFn,
  viewer: HomeViewer,
  result: Card,
  blockId?: string,
) {
  try {
    if (body.view?.type === "home") {
      await deps.home.publish(deps, viewer, result);
    } else if (body.view) {
      await deps.client.views.update({ view_id: body.view.id, view: resultView(result).view });
    } else if (result.tone === "error" || !body.message) {
      // A failed click leaves the card as it was and tells only the clicker why.
      for (const r of replies({ ...result, audience: "personal" }))
        await respond({ ...r, replace_original: false });
    } else {
      const original = (body.message.blocks ?? []) as SlackBlock[];
      const updated = blockId ? replaceItem(original, blockId, result) : null;
      const message = updated
        ? { text: cardToBlockKit(result).text, blocks: updated }
        : cardToBlockKit(result);
      await respond({ replace_original: true, text: message.text, blocks: message.blocks });
    }
  } catch (err) {
    deps.logger.warn({ slack: slackErrorCode(err) }, "Slack update after a click failed");
    await respond({ response_type: "ephemeral", replace_original: false, text: userMessageFor(err) }).catch(
      () => {},
    );
  }
}

/**
 * The clicked item's blocks, swapped for the item as the result shows it plus a line saying what happened,
 * so a list stays a list after one Done. Null when the click was not on a list item.
 */
export function replaceItem(
  original: SlackBlock[],
  clickedBlockId: string,
  result: Card,
): SlackBlock[] | null {
  const index = /^item:(\d+)/.exec(clickedBlockId)?.[1];
  const updatedItem = result.blocks.find((b) => b.kind === "items")?.items[0];
  if (index === undefined || !updatedItem) return null;
  const ids = new Set([`item:${index}`, `item:${index}:actions`, `item:${index}:note`]);
  const at = original.findIndex((b) => b.block_id !== undefined && ids.has(b.block_id));
  if (at === -1) return null;
  const note: SlackBlock = {
    type: "context",
    block_id: `item:${index}:note`,
    elements: [{ type: "mrkdwn", text: clip(escapeMrkdwn(result.title), 3000) }],
  };
  const rest = original.filter((b) => !(b.block_id !== undefined && ids.has(b.block_id)));
  rest.splice(at, 0, ...itemBlocks(updatedItem, Number(index)), note);
  return rest;
}

// The App Home tab: the core's `home` overview for the viewer, published when opened and after they change something.
import type { types } from "@slack/bolt";
import type { Card } from "../../core/card.ts";
import type { Logger } from "../../log.ts";
import { cardToBlockKit, LIMITS, type SlackBlock } from "./block-kit.ts";
import { slackErrorCode } from "./errors.ts";
import { clip, escapeMrkdwn } from "./escape.ts";
import { type HomeTab, type HomeViewer, runAs, type SlackDeps } from "./inbound.ts";

export const NEW_ACTION_BUTTON = "quorum:new_action";
export const REFRESH_HOME_BUTTON = "quorum:home_refresh";

export class AppHome implements HomeTab {
  /** Who has opened the tab since start-up: only their Home is worth refreshing after a change. */
  private readonly viewers = new Set<string>();

  constructor(private readonly logger: Logger) {}

  /** Builds the viewer's overview and publishes it; a note (the result of a click) goes on top. */
  async publish(deps: SlackDeps, viewer: HomeViewer, note?: Card): Promise<void> {
    const { team, user, userTeam } = viewer;
    this.viewers.add(`${team}:${user}`);
    // Run on the installation bolt authorised, as the user's own workspace knows them (a Slack Connect
    // guest's is not the installation's): the core then checks that workspace against the partnership.
    const overview = await runAs(deps, { team, user, userTeam, text: "home", where: {} });
    try {
      await deps.client.views.publish({ user_id: user, view: homeView(overview, note) });
    } catch (err) {
      // There is nowhere visible to report this: the tab simply keeps its last version.
      this.logger.warn({ slack: slackErrorCode(err), user }, "Slack views.publish failed");
    }
  }

  async refreshIfOpen(deps: SlackDeps, viewer: HomeViewer, note?: Card): Promise<void> {
    if (this.viewers.has(`${viewer.team}:${viewer.user}`)) await this.publish(deps, viewer, note);
  }
}

export function homeView(overview: Card, note?: Card): types.HomeView {
  const top: SlackBlock[] = [
    {
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "New action" },
          action_id: NEW_ACTION_BUTTON,
          style: "primary",
        },
        { type: "button", text: { type: "plain_text", text: "Refresh" }, action_id: REFRESH_HOME_BUTTON },
      ],
    },
  ];
  if (note) top.push(...cardToBlockKit(note, { maxBlocks: 4 }).blocks, { type: "divider" });
  const room = LIMITS.viewBlocks - top.length - 1;
  const rendered = cardToBlockKit(overview, { maxBlocks: room });
  const blocks = [...top, ...rendered.blocks];
  if (rendered.pages.length > 1) {
    blocks.push({
      type: "context",
      elements: [
        { type: "mrkdwn", text: "More than fits here: type `/quorum actions mine` for the full list." },
      ],
    });
  }
  return { type: "home", blocks, callback_id: "quorum_home" };
}

/** A one-line plain summary of a card for a context line, e.g. under an updated item. */
export const summary = (c: Card) => clip(escapeMrkdwn(c.title), 3000);

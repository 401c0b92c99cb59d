// The Slack Sender for the outbox: posts a card to a channel or a person, maps failures to DeliveryError.
import { webApi } from "@slack/bolt";
import {
  DeliveryError,
  type DeliveryTarget,
  type OutboundPayload,
  type Sender,
} from "../../core/outbound.ts";
import type { Logger } from "../../log.ts";
import { cardToBlockKit } from "./block-kit.ts";
import { isConnectionLost, slackErrorCode, toDeliveryError } from "./errors.ts";
import { clip, escapeMrkdwn } from "./escape.ts";
import { type SlackClientSettings, slackClientOptions } from "./web-client.ts";

const describeError = (err: unknown) => (err instanceof Error ? err.message : String(err));

export interface SlackSenderOptions extends SlackClientSettings {
  /** Single-token mode: the one workspace's bot token. */
  token?: string | undefined;
  /** Several workspaces: the target workspace's current token (refreshed if due), or null if not installed. */
  tokenFor?: (team: string) => Promise<string | null>;
  /** Slack says the workspace's token is dead (revoked, uninstalled): forget it so no other row tries it. */
  onConnectionLost?: (team: string) => Promise<void>;
  logger: Logger;
}

export function createSlackSender(opts: SlackSenderOptions): Sender {
  // Its own client, so the outbox's calls never share a queue with replies to people.
  const client = new webApi.WebClient(opts.token, slackClientOptions(opts, opts.logger));
  const tokenFor = async (target: DeliveryTarget): Promise<string | undefined> => {
    const team = target.tenant;
    if (!opts.tokenFor) return undefined;
    // Nothing has been posted yet, so a failed look-up or refresh is safe to retry, never ambiguous.
    const token = await opts.tokenFor(team).catch((err: unknown) => {
      throw new DeliveryError(
        "unreachable",
        `Slack: no token for workspace ${team} yet: ${describeError(err)}`,
      );
    });
    // Nothing can reach a workspace that uninstalled Quorum until it reinstalls: a channel's post is parked,
    // and a person is gone from here, so the outbox tries their next platform, then email.
    if (!token)
      throw new DeliveryError(
        target.kind === "person" ? "gone" : "rejected",
        `Slack: workspace ${team} has no installation (reinstall the Slack app)`,
        { workspaceGone: true },
      );
    return token;
  };
  return {
    platform: "slack",
    async send(target: DeliveryTarget, payload: OutboundPayload) {
      const token = await tokenFor(target);
      // A user id as channel posts into the app's direct conversation with that person.
      const channel = target.id;
      const { pages } = cardToBlockKit(payload.card);
      let messageId: string | undefined;
      for (const [i, page] of pages.entries()) {
        try {
          const res = await client.chat.postMessage({
            ...(token ? { token } : {}),
            channel,
            // The fallback text shows in notifications, where <!channel> would ping: escape it too.
            text: i === 0 && payload.text ? clip(escapeMrkdwn(payload.text), 3000) : page.text,
            blocks: page.blocks,
            unfurl_links: false,
            unfurl_media: false,
          });
          messageId ??= String(res.ts ?? "");
        } catch (err) {
          const failure = toDeliveryError(err);
          opts.logger.warn(
            {
              target: target.label,
              kind: target.kind,
              slack: slackErrorCode(err),
              code: failure.code,
              page: i + 1,
            },
            "Slack delivery failed",
          );
          // Once the first page is posted the message exists: report success rather than have the outbox
          // post the first page again; the missing tail is logged.
          const lost = opts.onConnectionLost !== undefined && isConnectionLost(err);
          if (lost) await opts.onConnectionLost?.(target.tenant);
          if (messageId !== undefined) break;
          // The workspace uninstalled Quorum mid-send: as above, a person is reached another way.
          if (lost && target.kind === "person")
            throw new DeliveryError("gone", failure.message, { workspaceGone: true });
          throw failure;
        }
      }
      return { messageId: messageId ?? "" };
    },
  };
}

// The Slack Sender for the outbox: posts a card to a channel or a person, maps failures to DeliveryError.
import { webApi } from "@slack/bolt";
import type { DeliveryTarget, OutboundPayload, Sender } from "../../core/outbound.ts";
import type { Logger } from "../../log.ts";
import { cardToBlockKit } from "./block-kit.ts";
import { slackErrorCode, toDeliveryError } from "./errors.ts";
import { clip, escapeMrkdwn } from "./escape.ts";
import { type SlackClientSettings, slackClientOptions } from "./web-client.ts";

export interface SlackSenderOptions extends SlackClientSettings {
  token: string;
  logger: Logger;
}

export function createSlackSender(opts: SlackSenderOptions): Sender {
  // Its own client, so the outbox's calls never share a queue with replies to people.
  const client = new webApi.WebClient(opts.token, slackClientOptions(opts, opts.logger));
  return {
    platform: "slack",
    async send(target: DeliveryTarget, payload: OutboundPayload) {
      // A user id as channel posts into the app's direct conversation with that person.
      const channel = target.id;
      const { pages } = cardToBlockKit(payload.card);
      let messageId: string | undefined;
      for (const [i, page] of pages.entries()) {
        try {
          const res = await client.chat.postMessage({
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
          if (messageId !== undefined) break;
          throw failure;
        }
      }
      return { messageId: messageId ?? "" };
    },
  };
}

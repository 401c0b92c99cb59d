// One way to wrap a Quorum so every reply it gives (typed, from a button, or once per key) is rewritten alike.
import type { Card } from "./card.ts";
import type { InboundEvent } from "./inbound.ts";
import type { Quorum } from "./quorum.ts";

export type ReplyRewrite = (event: InboundEvent, reply: Card) => Card | Promise<Card>;

/**
 * The same Quorum whose replies pass through `rewrite`. The three entry points are wrapped together so a
 * decorator cannot forget one (a button's reply missing its links, say).
 */
export function mapReplies(quorum: Quorum, rewrite: ReplyRewrite): Quorum {
  return {
    ...quorum,
    handle: async (event) => rewrite(event, await quorum.handle(event)),
    handleOnce: async (key, event) => {
      const reply = await quorum.handleOnce(key, event);
      return reply ? rewrite(event, reply) : null;
    },
    run: async (event, path, args) => rewrite(event, await quorum.run(event, path, args)),
  };
}

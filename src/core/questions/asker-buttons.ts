// In a shared conversation the desk's Send, Cancel and "This answers it" buttons name their asker: a click by
// anyone else must not send, drop or teach from the clicker's own waiting message.
import type { Block, Button, Card } from "../card.ts";
import type { OptionSpec } from "../commands/spec.ts";
import type { Context } from "../context.ts";
import { forbidden } from "../errors.ts";

/** The desk's buttons that act on the clicker's waiting draft (drafts.ts), not on the card they sit under. */
const ACTS_ON_DRAFT = /^(send|cancel|faq helped F-\d+)$/;

/** send, cancel and faq helped take for:@person: the asker a shared card's button was made for. */
export const ASKER_OPTION: Record<string, OptionSpec> = { for: { value: "@person" } };

/**
 * Marks the card's draft buttons with the asker when others can see it (a channel: Teams shows the card to
 * everyone there). In a direct message only the asker can click, so the buttons stay as typed.
 */
export function forAsker(ctx: Context, reply: Card): Card {
  if (ctx.conversation.kind !== "channel") return reply;
  const mark = (b: Button): Button =>
    ACTS_ON_DRAFT.test(b.command) ? { ...b, command: `${b.command} for:@${ctx.actor.handle}` } : b;
  const blocks = reply.blocks.map((block): Block => {
    if (block.kind === "buttons") return { ...block, buttons: block.buttons.map(mark) };
    if (block.kind === "items")
      return {
        ...block,
        items: block.items.map((i) => (i.buttons ? { ...i, buttons: i.buttons.map(mark) } : i)),
      };
    return block;
  });
  return { ...reply, blocks };
}

/** Refuses a draft button made for someone else; a typed send (no for:) is always the typist's own. */
export function checkAsker(ctx: Context, named: string | undefined): void {
  if (named === undefined) return;
  if (named.replace(/^@/, "").toLowerCase() === ctx.actor.handle.toLowerCase()) return;
  throw forbidden(
    "That button belongs to someone else's message, so nothing was done. To ask your own question, mention @Quorum with it.",
  );
}

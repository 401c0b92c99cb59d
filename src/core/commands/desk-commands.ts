// The asker's side of the desk: send or cancel a waiting message, and say which FAQ entry answered it.
import { card, text } from "../card.ts";
import { audit } from "../context.ts";
import { relatedTo, sendToPerson } from "../questions/ask.ts";
import { fRef } from "../questions/cards.ts";
import { currentDraft, dropDraft, takeDraft } from "../questions/drafts.ts";
import { resolveFaq } from "../questions/faq-service.ts";
import type { CommandSpec } from "./spec.ts";

const send: CommandSpec = {
  path: ["send"],
  openTo: "pending",
  summary: "Send your last message to the contact Quorum suggested",
  usage: "send",
  examples: ["send"],
  async run(ctx) {
    const draft = await takeDraft(ctx);
    return sendToPerson(ctx, draft.text, await relatedTo(ctx, draft.text));
  },
};

const cancel: CommandSpec = {
  path: ["cancel"],
  openTo: "pending",
  summary: "Drop your last message without sending it to anyone",
  usage: "cancel",
  examples: ["cancel"],
  async run(ctx) {
    const had = await dropDraft(ctx);
    return card(had ? "Cancelled: nothing was sent." : "Nothing was waiting to be sent.", [], {
      tone: "info",
    });
  },
};

const helped: CommandSpec = {
  path: ["faq", "helped"],
  openTo: "pending",
  summary: "Say an FAQ entry answered your question (nobody else is asked)",
  usage: "faq helped F-<n>",
  examples: ["faq helped F-3"],
  minArgs: 1,
  async run(ctx, args) {
    const entry = await resolveFaq(ctx, args.words[0]);
    const draft = await currentDraft(ctx);
    if (draft) await ctx.repos.drafts.remove(ctx.actor.id);
    await audit(ctx, "faq.helped", fRef(entry.id), { question: draft?.text ?? null });
    return card(`Glad ${fRef(entry.id)} answered it`, [text("Nothing was sent to anyone.")], {
      tone: "success",
    });
  },
};

export const deskCommands: CommandSpec[] = [send, cancel, helped];

// The asker's side of the desk: send or cancel a waiting message, and say which FAQ entry answered it.
import { card, items, text } from "../card.ts";
import { audit, isAdmin } from "../context.ts";
import { forbidden, QuorumError } from "../errors.ts";
import { relatedTo, sendToPerson } from "../questions/ask.ts";
import { ASKER_OPTION, checkAsker } from "../questions/asker-buttons.ts";
import { fRef } from "../questions/cards.ts";
import { currentDraft, dropDraft, takeDraft } from "../questions/drafts.ts";
import { countUnhelpful } from "../questions/faq-review.ts";
import { resolveFaq } from "../questions/faq-service.ts";
import { learnPhrasing, removePhrasing } from "../questions/phrasings.ts";
import { checkTerm } from "../questions/synonyms.ts";
import type { CommandSpec } from "./spec.ts";

const qNumber = (ref: string) => Number(ref.replace(/^Q-/, ""));

const send: CommandSpec = {
  path: ["send"],
  openTo: "pending",
  summary: "Send your last message to the contact Quorum suggested",
  usage: "send",
  examples: ["send"],
  options: ASKER_OPTION,
  async run(ctx, args) {
    checkAsker(ctx, args.options.for);
    const draft = await takeDraft(ctx);
    const sent = await sendToPerson(ctx, draft.text, await relatedTo(ctx, draft.text));
    // Sent on after an FAQ answer: that answer did not do, and its owner should hear of it.
    const opened = sent.ref
      ? await ctx.repos.enquiries.byNumber(ctx.partnership.id, qNumber(sent.ref))
      : null;
    await countUnhelpful(ctx, draft, opened?.id ?? null);
    return sent;
  },
};

const cancel: CommandSpec = {
  path: ["cancel"],
  openTo: "pending",
  summary: "Drop your last message without sending it to anyone",
  usage: "cancel",
  examples: ["cancel"],
  options: ASKER_OPTION,
  async run(ctx, args) {
    checkAsker(ctx, args.options.for);
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
  options: ASKER_OPTION,
  async run(ctx, args) {
    checkAsker(ctx, args.options.for);
    const entry = await resolveFaq(ctx, args.words[0]);
    const draft = await currentDraft(ctx);
    if (draft) await ctx.repos.drafts.remove(ctx.actor.id);
    await audit(ctx, "faq.helped", fRef(entry.id), { question: draft?.text ?? null });
    const learnt = draft ? await learnPhrasing(ctx, entry, draft.text, "asker") : "known";
    const note = {
      added: `Your wording now finds ${fRef(entry.id)} straight away, for everyone.`,
      provisional: `Your wording is noted for ${fRef(entry.id)}; once someone else or the contact agrees, it will find it straight away.`,
      known: null,
    }[learnt];
    return card(
      `Glad ${fRef(entry.id)} answered it`,
      [text("Nothing was sent to anyone."), ...(note ? [text(note)] : [])],
      {
        tone: "success",
      },
    );
  },
};

const removeOne: CommandSpec = {
  path: ["faq", "phrasing", "remove"],
  summary: "Remove a wording from an FAQ entry (admins and the topic's contact)",
  usage: "faq phrasing remove F-<n> <number>",
  examples: ["faq phrasing remove F-3 2"],
  minArgs: 2,
  async run(ctx, args) {
    const entry = await resolveFaq(ctx, args.words[0]);
    const topic = entry.topicId === null ? null : await ctx.repos.topics.byId(entry.topicId);
    if (!isAdmin(ctx) && topic?.contactId !== ctx.actor.id) {
      throw forbidden(`Only an admin or the contact for ${fRef(entry.id)}'s topic can change its phrasings.`);
    }
    const n = Number(args.words[1]);
    if (!Number.isInteger(n) || n < 1) {
      throw new QuorumError(
        "bad_argument",
        `"${args.words[1]}" is not a phrasing number; faq show ${fRef(entry.id)} lists them.`,
      );
    }
    const gone = await removePhrasing(ctx, entry, n);
    return card(`Removed from ${fRef(entry.id)}`, [text(gone.text)], { tone: "success" });
  },
};

/** `faq synonym add|remove "<term>" <other>`: both words, quoted when several. */
function synonymArgs(words: string[]) {
  const [term = "", alternative = ""] = words;
  const pair = { term: checkTerm(term), alternative: checkTerm(alternative) };
  if (pair.term === pair.alternative)
    throw new QuorumError("bad_argument", "A word is already its own synonym.");
  return pair;
}

const synonymAdd: CommandSpec = {
  path: ["faq", "synonym", "add"],
  adminOnly: true,
  summary: "Teach FAQ search that two terms mean the same here (admins)",
  usage: 'faq synonym add "<term>" "<other term>"',
  examples: ['faq synonym add "civil servant" official', "faq synonym add hwb health"],
  minArgs: 2,
  async run(ctx, args) {
    const pair = synonymArgs(args.words);
    const added = await ctx.repos.faq.addSynonym(ctx.partnership.id, pair);
    if (added) await audit(ctx, "faq.synonym.add", `${pair.term} = ${pair.alternative}`);
    const title = `"${pair.term}" = "${pair.alternative}"${added ? "" : " was already listed"}`;
    return card(
      title,
      [text("FAQ search now reads each as the other when a question's own words are not enough.")],
      {
        tone: "success",
      },
    );
  },
};

const synonymRemove: CommandSpec = {
  path: ["faq", "synonym", "remove"],
  adminOnly: true,
  summary: "Remove a synonym pair (admins)",
  usage: 'faq synonym remove "<term>" "<other term>"',
  examples: ['faq synonym remove "civil servant" official'],
  minArgs: 2,
  async run(ctx, args) {
    const pair = synonymArgs(args.words);
    const gone =
      (await ctx.repos.faq.removeSynonym(ctx.partnership.id, pair)) ||
      (await ctx.repos.faq.removeSynonym(ctx.partnership.id, {
        term: pair.alternative,
        alternative: pair.term,
      }));
    if (!gone)
      throw new QuorumError(
        "not_found",
        `"${pair.term}" = "${pair.alternative}" is not in the synonym list.`,
      );
    await audit(ctx, "faq.synonym.remove", `${pair.term} = ${pair.alternative}`);
    return card(`Removed "${pair.term}" = "${pair.alternative}"`, [], { tone: "success" });
  },
};

const synonymList: CommandSpec = {
  path: ["faq", "synonym", "list"],
  openTo: "observer",
  aliases: [["faq", "synonyms"]],
  summary: "The partnership's FAQ synonyms",
  usage: "faq synonym list",
  examples: ["faq synonyms"],
  async run(ctx) {
    const list = await ctx.repos.faq.synonyms(ctx.partnership.id);
    return card(`FAQ synonyms: ${list.length}`, [
      items(
        list.map((s) => ({ title: `${s.term} = ${s.alternative}` })),
        undefined,
        "None yet.",
      ),
    ]);
  },
};

export const deskCommands: CommandSpec[] = [
  send,
  cancel,
  helped,
  removeOne,
  synonymAdd,
  synonymRemove,
  synonymList,
];

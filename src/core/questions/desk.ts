// The question desk for plain messages: answer from the records, then the FAQ, and ask a person only when told to.
import type { Card } from "../card.ts";
import type { CommandSpec } from "../commands/spec.ts";
import type { Context } from "../context.ts";
import { orgNameOf, RELATED, RELATED_MIN } from "./ask.ts";
import { forAsker } from "./asker-buttons.ts";
import { answerCard, choicesCard, confirmCard, searchOnlyCard } from "./cards.ts";
import { saveDraft } from "./drafts.ts";
import { searchFaq } from "./faq-service.ts";
import { isQuestion } from "./intent.ts";
import { answerFromRecords } from "./records.ts";
import { checkQuestion, searchWords } from "./search-text.ts";
import { personById, routeQuestion } from "./topics.ts";

const MIN_WORDS_FOR_ENQUIRY = 3;

/** Who a confirmed message would go to, for the Send button and the question before it. */
async function routeFor(ctx: Context, words: string[], related: Awaited<ReturnType<typeof searchFaq>>) {
  const routing = await routeQuestion(ctx, words, related);
  const org = routing.contact ? await orgNameOf(ctx, routing.contact) : null;
  return { ...routing, org };
}

/** A plain message: records first, then a confident FAQ answer, else a draft waiting for Send or Cancel. */
export async function understand(ctx: Context, specs: CommandSpec[], raw: string): Promise<Card> {
  const asked = checkQuestion(raw);
  const records = await answerFromRecords(ctx, specs, asked);
  if (records) return records;
  const words = searchWords(asked);
  const question = isQuestion(asked);
  const results = words.length ? await searchFaq(ctx.repos, ctx.partnership.id, asked, RELATED + 1) : [];
  const related = results.filter((r) => r.score >= RELATED_MIN).slice(0, RELATED);
  if (words.length < MIN_WORDS_FOR_ENQUIRY) return searchOnlyCard(asked, related);
  const [top] = results;
  const answered = question && top?.confident ? top : null;
  await saveDraft(ctx, asked, answered?.entry.id ?? null);
  if (answered) {
    const id = answered.entry.topicId;
    const topic = id === null ? null : await ctx.repos.topics.byId(id);
    const contact = await personById(ctx, topic?.contactId ?? null);
    return answerCard(answered, contact ? { person: contact, org: await orgNameOf(ctx, contact) } : null, {
      feedback: true,
    });
  }
  const route = await routeFor(ctx, words, related);
  if (question && related.length) return choicesCard(asked, related, route);
  return confirmCard(asked, related, route);
}

/** Not in the registry: what a direct message that is not a command runs, under ask's permissions. */
export function deskSpec(specs: CommandSpec[]): CommandSpec {
  return {
    path: ["ask"],
    openTo: "pending",
    summary: "Understand a plain message",
    usage: "ask <question>",
    examples: [],
    run: async (ctx, args) => forAsker(ctx, await understand(ctx, specs, args.text)),
  };
}

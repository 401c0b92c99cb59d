// ask: answer from the FAQ when confident, else open an enquiry with the right contact.
import type { Card } from "../card.ts";
import type { Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import type { Person } from "../types.ts";
import { answerCard, chatName, openedCard, searchOnlyCard } from "./cards.ts";
import type { ScoredEntry } from "./confidence.ts";
import { saveDraft } from "./drafts.ts";
import { openEnquiry } from "./enquiries.ts";
import { searchFaq } from "./faq-service.ts";
import { checkQuestion, searchWords } from "./search-text.ts";
import { personById, routeQuestion } from "./topics.ts";

export const RELATED = 3;
const MIN_WORDS_FOR_ENQUIRY = 3;
export const RELATED_MIN = 0.3;

export async function orgNameOf(ctx: Context, p: Person): Promise<string | null> {
  return p.organisationId === null
    ? null
    : ((await ctx.repos.organisations.byId(p.organisationId))?.name ?? null);
}

/** The contact named on an answer's topic, with their organisation's name; null when there is none. */
async function topicContact(ctx: Context, topicId: number | null) {
  const topic = topicId === null ? null : await ctx.repos.topics.byId(topicId);
  const person = await personById(ctx, topic?.contactId ?? null);
  return person ? { person, org: await orgNameOf(ctx, person) } : null;
}

/** FAQ entries close enough to show beside a question: weak matches are noise to a reader. */
export async function relatedTo(ctx: Context, text: string): Promise<ScoredEntry[]> {
  const results = await searchFaq(ctx.repos, ctx.partnership.id, text, RELATED + 1);
  return results.filter((r) => r.score >= RELATED_MIN).slice(0, RELATED);
}

/** Opens (or finds) the enquiry for this text with the contact its words route to, and says who has it. */
export async function sendToPerson(ctx: Context, text: string, related: ScoredEntry[]): Promise<Card> {
  const routing = await routeQuestion(ctx, searchWords(text), related);
  const opened = await openEnquiry(ctx, text, routing, related);
  const contact = opened.contact
    ? { person: opened.contact, org: await orgNameOf(ctx, opened.contact) }
    : null;
  const told = opened.notified ? chatName(opened.notified.platform) : null;
  return openedCard(opened.enquiry, contact, told, related, opened.existing);
}

export async function askQuestion(ctx: Context, raw: string): Promise<Card> {
  const text = checkQuestion(raw);
  const words = searchWords(text);
  if (words.length === 0) {
    throw new QuorumError(
      "bad_argument",
      "I couldn't find any words to search for in that. Ask in words, e.g. ask where are the other pilot areas?",
    );
  }
  const results = await searchFaq(ctx.repos, ctx.partnership.id, text, RELATED + 1);
  const [top] = results;
  if (top?.confident) {
    // The draft is kept so "Ask a person" under the answer can still send it, and a click can teach the
    // FAQ. It is saved while the topic's contact is looked up: neither needs the other's answer.
    const [, contact] = await Promise.all([
      saveDraft(ctx, text, top.entry.id),
      topicContact(ctx, top.entry.topicId),
    ]);
    return answerCard(top, contact, { feedback: true });
  }
  const related = results.filter((r) => r.score >= RELATED_MIN).slice(0, RELATED);
  // One or two words ("budgets") are a search, not a question a person could answer: no ticket.
  if (words.length < MIN_WORDS_FOR_ENQUIRY) return searchOnlyCard(text, related);
  return sendToPerson(ctx, text, related);
}

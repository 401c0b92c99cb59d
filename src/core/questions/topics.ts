// Topics and their named contacts: who answers questions about what, and the partnership's fallback.
import type { Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import type { Person } from "../types.ts";
import type { ScoredEntry } from "./confidence.ts";
import type { Topic } from "./ports.ts";
import { searchWords } from "./search-text.ts";

/** A related FAQ entry this good says which topic a question belongs to even if no keyword matched. */
const TOPIC_FROM_FAQ = 0.35;
const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;

export interface Routing {
  topic: Topic | null;
  contact: Person | null;
  /** How the contact was chosen, for the reply: the asker should know why this person. */
  via: "topic" | "default" | "none";
}

export function checkSlug(raw: string): string {
  const slug = raw.trim().toLowerCase();
  if (!SLUG.test(slug)) {
    throw new QuorumError(
      "bad_argument",
      `"${raw}" is not a topic slug: use lower-case letters, digits and dashes, e.g. community-budgets.`,
    );
  }
  return slug;
}

/** "a, b c" or "a b" → distinct lower-case keywords. */
export function parseKeywords(raw: string | undefined): string[] {
  if (!raw) return [];
  return [
    ...new Set(
      raw
        .split(/[,;]/)
        .map((k) => k.trim().toLowerCase())
        .filter(Boolean),
    ),
  ].slice(0, 30);
}

export async function resolveTopic(ctx: Context, slug: string): Promise<Topic> {
  const topic = await ctx.repos.topics.bySlug(ctx.partnership.id, slug.trim().toLowerCase());
  if (topic) return topic;
  const slugs = (await ctx.repos.topics.list(ctx.partnership.id)).map((t) => t.slug).join(", ");
  throw new QuorumError("not_found", `There is no topic "${slug}". Topics: ${slugs || "none yet"}.`);
}

export async function personById(ctx: Context, id: number | null): Promise<Person | null> {
  return id === null ? null : ctx.repos.people.byId(id);
}

async function withContact(ctx: Context, topic: Topic | null): Promise<Routing> {
  const own = await personById(ctx, topic?.contactId ?? null);
  if (own) return { topic, contact: own, via: "topic" };
  const fallback = await personById(ctx, await ctx.repos.topics.defaultContactId(ctx.partnership.id));
  return { topic, contact: fallback, via: fallback ? "default" : "none" };
}

/**
 * Chooses the topic from the question's words (keywords and names first), else from the best related
 * FAQ entry, and its contact; the partnership default contact covers questions no topic claims.
 */
export async function routeQuestion(ctx: Context, words: string[], related: ScoredEntry[]): Promise<Routing> {
  const [match] = await ctx.repos.topics.match(ctx.partnership.id, words);
  if (match) return withContact(ctx, match.topic);
  const best = related[0];
  if (best && best.score >= TOPIC_FROM_FAQ && best.entry.topicId !== null) {
    return withContact(ctx, await ctx.repos.topics.byId(best.entry.topicId));
  }
  return withContact(ctx, null);
}

/** `contact <topic or words>`: a slug names the topic outright; other text is matched like a question. */
export async function contactFor(ctx: Context, text: string): Promise<Routing> {
  const slug = text.trim().toLowerCase();
  if (SLUG.test(slug)) {
    const topic = await ctx.repos.topics.bySlug(ctx.partnership.id, slug);
    if (topic) return withContact(ctx, topic);
  }
  const words = searchWords(text);
  if (words.length === 0) return withContact(ctx, null);
  const [match] = await ctx.repos.topics.match(ctx.partnership.id, words);
  return withContact(ctx, match?.topic ?? null);
}

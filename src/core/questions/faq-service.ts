// FAQ rules: add, remove, and search with a confidence the asker can trust.
import { audit, type Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { rankCandidates, type ScoredEntry } from "./confidence.ts";
import { questionKey } from "./faq-document.ts";
import { startReview } from "./faq-review.ts";
import type { FaqCandidate, FaqEntry, QuestionRepos, Topic } from "./ports.ts";
import { searchWords } from "./search-text.ts";
import { expandWithSynonyms, SYNONYM_WEIGHT } from "./synonyms.ts";

export const faqRef = (id: number) => `F-${id}`;
const MAX_ANSWER = 4000;

export function checkFaqText(question: string, answer: string): { question: string; answer: string } {
  const q = question.replace(/\s+/g, " ").trim();
  const a = answer.trim();
  if (!questionKey(q)) throw new QuorumError("missing_argument", "The FAQ entry needs a question in words.");
  if (q.length > 300) throw new QuorumError("too_long", "Keep the FAQ question under 300 characters.");
  if (!a) throw new QuorumError("missing_argument", "The FAQ entry needs an answer after the question.");
  if (a.length > MAX_ANSWER)
    throw new QuorumError("too_long", `Keep the answer under ${MAX_ANSWER} characters.`);
  return { question: q.endsWith("?") ? q : `${q}?`, answer: a };
}

export async function addFaq(
  ctx: Context,
  input: { question: string; answer: string; topic: Topic | null; source: string },
): Promise<{ entry: FaqEntry; outcome: "added" | "updated" | "unchanged" }> {
  const { question, answer } = checkFaqText(input.question, input.answer);
  const result = await ctx.repos.faq.upsert({
    partnershipId: ctx.partnership.id,
    topicId: input.topic?.id ?? null,
    question,
    answer,
    source: input.source,
    sourceKey: questionKey(question),
  });
  if (result.outcome !== "unchanged") {
    await startReview(ctx, result.entry.id);
    await audit(ctx, result.outcome === "added" ? "faq.add" : "faq.update", faqRef(result.entry.id), {
      question,
      source: input.source,
    });
  }
  return result;
}

export async function removeFaq(ctx: Context, entry: FaqEntry): Promise<void> {
  await ctx.repos.faq.remove(entry.id);
  await audit(ctx, "faq.remove", faqRef(entry.id), { question: entry.question });
}

const FAQ_REF = /^f-?(\d{1,9})$/i;

export async function resolveFaq(ctx: Context, ref: string | undefined): Promise<FaqEntry> {
  const m = FAQ_REF.exec(ref?.trim() ?? "") ?? /^(\d{1,9})$/.exec(ref?.trim() ?? "");
  if (!m?.[1]) {
    throw new QuorumError("bad_argument", `"${ref ?? ""}" is not an FAQ entry number like F-12.`);
  }
  const entry = await ctx.repos.faq.byId(ctx.partnership.id, Number(m[1]));
  if (!entry)
    throw new QuorumError("not_found", `There is no FAQ entry F-${m[1]}. Type faq list to see them.`);
  return entry;
}

/** Works on bare repositories so the CLI and the benchmark search exactly as the chat does. */
export async function searchFaq(
  repos: Pick<QuestionRepos, "faq">,
  partnershipId: number,
  text: string,
  limit = 5,
): Promise<ScoredEntry[]> {
  const own = await rankedFor(repos, partnershipId, text, limit);
  if (own[0]?.confident) return own;
  // Only when the asker's own words were not enough: most questions cost one search, not two.
  const synonyms = await repos.faq.synonyms(partnershipId);
  const other = synonyms.length ? expandWithSynonyms(text, synonyms) : null;
  if (!other) return own;
  // A substituted reading must clear a higher bar than the asker's own words.
  const expanded = await rankedFor(repos, partnershipId, other, limit, 1 / SYNONYM_WEIGHT);
  return expanded[0]?.confident ? expanded : own;
}

async function rankedFor(
  repos: Pick<QuestionRepos, "faq">,
  partnershipId: number,
  text: string,
  limit: number,
  bar = 1,
): Promise<ScoredEntry[]> {
  const words = searchWords(text);
  if (words.length === 0) return [];
  const found = await repos.faq.search(partnershipId, { words, limit });
  return rankCandidates(await asEntries(repos, partnershipId, found), bar).slice(0, limit);
}

/** A phrasing that matched stands for its entry: same answer, same reference, scored as one candidate. */
async function asEntries(
  repos: Pick<QuestionRepos, "faq">,
  partnershipId: number,
  found: FaqCandidate[],
): Promise<FaqCandidate[]> {
  const parents = new Map<number, FaqEntry | null>();
  const out: FaqCandidate[] = [];
  for (const c of found) {
    const of = c.entry.phrasingOf;
    if (of === null) {
      out.push(c);
      continue;
    }
    if (!parents.has(of)) parents.set(of, await repos.faq.byId(partnershipId, of));
    const parent = parents.get(of);
    if (parent) out.push({ ...c, entry: parent });
  }
  return out;
}

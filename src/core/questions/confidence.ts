// Scores FAQ candidates from the store's features and decides when Quorum is sure enough to answer.
import type { FaqCandidate, FaqEntry } from "./ports.ts";

/**
 * How much each signal counts. Coverage of the asker's words by the question dominates: a question is
 * answered when its words (or near spellings of them) are what the FAQ question is about. The answer
 * text, the weighted ts_rank and the trigram similarities break ties and rescue paraphrases.
 */
export const WEIGHTS = {
  questionCoverage: 0.45,
  coverage: 0.15,
  rank: 0.15,
  wordSimilarity: 0.15,
  similarity: 0.1,
} as const;

/**
 * Calibrated on test/questions/quality-set.ts (the quality test prints the figures). There, off-topic
 * questions score at most 0.22 and the rare wrong top-1 at most 0.40, while most right answers score
 * 0.5–0.9. 0.45 is the lowest round value that stays clear of both with a little headroom: it keeps
 * wrong confident answers at zero and abstains on every off-topic question, at the cost of asking a
 * person about a few vaguely worded questions the FAQ could have answered.
 */
export const CONFIDENCE_THRESHOLD = 0.45;
/** Two entries this close are a coin toss: show both rather than answer with one. */
export const CONFIDENCE_MARGIN = 0.02;

export interface ScoredEntry {
  entry: FaqEntry;
  score: number;
  confident: boolean;
}

const clamp = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);

export function scoreCandidate(c: FaqCandidate): number {
  const s =
    WEIGHTS.questionCoverage * clamp(c.questionCoverage) +
    WEIGHTS.coverage * clamp(c.coverage) +
    WEIGHTS.rank * clamp(c.rank) +
    WEIGHTS.wordSimilarity * clamp(c.wordSimilarity) +
    WEIGHTS.similarity * clamp(c.similarity);
  return Math.round(s * 1000) / 1000;
}

/** A lead this small, between entries that match the same words, comes from spelling, not meaning. */
export const TIE_MARGIN = 0.1;

const sameWords = (a: FaqCandidate, b: FaqCandidate) =>
  Math.abs(a.questionCoverage - b.questionCoverage) < 0.01 && Math.abs(a.coverage - b.coverage) < 0.01;

/**
 * Best first; only the first can be confident, when it is above the threshold and clearly ahead of the
 * second. When several entries contain all the same query words ("budgets" appears in four questions),
 * the lead must be larger: trigram similarity alone then decides, and that is a guess.
 */
export function rankCandidates(
  candidates: FaqCandidate[],
  threshold = CONFIDENCE_THRESHOLD,
  margin = CONFIDENCE_MARGIN,
): ScoredEntry[] {
  const all = candidates
    .map((c) => ({ c, entry: c.entry, score: scoreCandidate(c), confident: false }))
    .sort((a, b) => b.score - a.score || a.entry.id - b.entry.id);
  // One candidate per entry (its best wording): an entry's own phrasings must not cancel its lead.
  const seen = new Set<number>();
  const scored = all.filter((s) => !seen.has(s.entry.id) && seen.add(s.entry.id));
  const [top, second] = scored;
  if (top && top.score >= threshold) {
    const lead = second ? top.score - second.score : 1;
    const needed = second && sameWords(top.c, second.c) ? TIE_MARGIN : margin;
    top.confident = lead >= needed;
  }
  return scored.map(({ entry, score, confident }) => ({ entry, score, confident }));
}

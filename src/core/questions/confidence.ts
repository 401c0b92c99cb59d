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
 * Calibrated on test/questions/quality-set.ts (see the quality test, which prints the figures): the
 * lowest threshold at which no off-topic question there is answered, rounded up for headroom.
 */
export const CONFIDENCE_THRESHOLD = 0.6;
/** Two entries this close are a coin toss: show both rather than answer with one. */
export const CONFIDENCE_MARGIN = 0.04;

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

/** Best first; only the first can be confident, and only when it clearly beats the second. */
export function rankCandidates(
  candidates: FaqCandidate[],
  threshold = CONFIDENCE_THRESHOLD,
  margin = CONFIDENCE_MARGIN,
): ScoredEntry[] {
  const scored = candidates
    .map((c) => ({ entry: c.entry, score: scoreCandidate(c), confident: false }))
    .sort((a, b) => b.score - a.score || a.entry.id - b.entry.id);
  const [top, second] = scored;
  if (top && top.score >= threshold && (!second || top.score - second.score >= margin)) top.confident = true;
  return scored;
}

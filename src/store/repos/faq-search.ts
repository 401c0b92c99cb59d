// FAQ search: classify the query's words, repair the unknown ones, then rank a few dozen candidates.
import type { FaqCandidate, FaqQuery } from "../../core/questions/ports.ts";
import type { Db } from "../open-database.ts";
import { type CandidateRow, rankCandidates } from "./faq-ranking.ts";
import { classify, type QueryWord, repairUnknown } from "./faq-vocabulary.ts";

/**
 * Words are already cleaned by the core; " or " makes websearch_to_tsquery match any of them. A short
 * form's words come quoted, as a phrase ("health" <2> "wellb" <-> "board"), and a spelt-out short form
 * as the short form itself: the index and ts_rank then find the entry however it wrote the name.
 */
export const orQuery = (words: string[], read: QueryWord[] = []) =>
  [
    ...words,
    ...read.flatMap((w) => (w.longForm ? [`"${w.longForm}"`] : [])),
    ...new Set(read.flatMap((w) => w.shortForms)),
  ].join(" or ");

export async function searchCandidates(db: Db, pid: number, asked: FaqQuery): Promise<FaqCandidate[]> {
  if (asked.words.length === 0) return [];
  const text = asked.words.join(" ");
  let { words, entries } = await classify(db, pid, asked.words);
  let query = asked;
  const repairs = await repairUnknown(
    db,
    pid,
    words.filter((w) => !w.known).map((w) => w.w),
  );
  if (repairs.splits.size > 0) {
    query = { ...asked, words: [...new Set(asked.words.flatMap((w) => repairs.splits.get(w) ?? [w]))] };
    ({ words, entries } = await classify(db, pid, query.words));
  }
  const unknown = words.filter((w) => !w.known).map((w) => w.w);
  const corrections = unknown.flatMap((w) => {
    const near = repairs.corrections.get(w);
    return near ? [near] : [];
  });
  const content = words.filter((w) => w.lex.length > 0);
  const totalIdf = content.reduce((sum, c) => sum + c.idf, 0);
  // Evidence in units of one word that only a single entry has: comparable across FAQ sizes.
  const unit = Math.log(1 + Math.max(1, entries) / 2);
  if (content.length === 0)
    content.push({ w: "", lex: [], syn: [], abbr: [], longForm: "", shortForms: [], known: true, idf: 0 });
  const rows = await rankCandidates(db, pid, {
    orQuery: orQuery(query.words, words),
    text,
    content,
    unknown,
    lexemes: [...new Set(words.flatMap((w) => w.lex))],
    synonymLexemes: [...new Set(words.flatMap((w) => w.syn))],
    corrections,
    limit: query.limit,
  });
  return rows.map((r) => candidate(r, totalIdf, unit));
}

/** A row as the core reads it: numbers as numbers, the entry whole, evidence in the units above. */
function candidate(r: CandidateRow, totalIdf: number, unit: number): FaqCandidate {
  return {
    entry: {
      id: Number(r.id),
      partnershipId: Number(r.partnership_id),
      topicId: r.topic_id === null ? null : Number(r.topic_id),
      question: r.question,
      answer: r.answer,
      source: r.source,
      sourceKey: r.source_key,
      phrasingOf: r.phrasing_of === null ? null : Number(r.phrasing_of),
      updatedAt: new Date(r.updated_at),
    },
    rank: Number(r.rank),
    questionCoverage: Number(r.question_coverage),
    coverage: Number(r.coverage),
    wordSimilarity: Number(r.word_similarity),
    similarity: Number(r.similarity),
    questionWeighted: Number(r.question_weighted),
    entryWeighted: totalIdf > 0 ? Number(r.entry_matched) / totalIdf : 0,
    entryEvidence: Number(r.entry_matched) / unit,
  };
}

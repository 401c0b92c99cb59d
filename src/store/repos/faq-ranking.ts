// FAQ search, last step: index look-ups choose a few dozen candidates; only those get the costly features.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../open-database.ts";
import { jsonList, lexemeQuery, preparedRows } from "./faq-search-sql.ts";
import type { QueryWord } from "./faq-vocabulary.ts";

/** Candidates from each index: enough that the right entry is among them, few enough to score cheaply. */
const POOL = 40;
/** A query word spelt differently from the question's word still counts when its trigrams mostly agree. */
const FUZZY_WORD = 0.4;
/** Beyond this many lexemes the pairs query grows too large to help; the plain OR query is used. */
const MAX_PAIRED = 10;
/** Stricter than FUZZY_WORD for the whole entry's score: off-topic words often half-match some word. */
const MISSPELT_WORD = 0.6;
/** Short unknown words ("park", "cant") half-match too many longer words to be read as misspellings. */
const MISSPELT_LENGTH = 6;
/** A WordNet synonym is weaker evidence than the asker's own word (tuned on the bench's tuning part). */
const SYNONYM_MATCH = 0.5;
/** A short form's words, or the short form of the asker's words: as strong as a synonym (brief for issue #11). */
const ABBREVIATION_MATCH = SYNONYM_MATCH;
/** A word found only in the answer says less about what the entry is about than one in its question. */
const ANSWER_MATCH = 0.6;
/** Question first (A), answer second (B), as the generated search column weights them. */
const WEIGHTS = sql.raw(`'{0.1, 0.2, 0.4, 1.0}'`);

export interface CandidateRow extends Record<string, unknown> {
  id: number;
  partnership_id: number;
  topic_id: number | null;
  question: string;
  answer: string;
  source: string | null;
  source_key: string;
  phrasing_of: number | null;
  updated_at: string | Date;
  rank: number | string;
  question_coverage: number | string;
  coverage: number | string;
  word_similarity: number | string;
  similarity: number | string;
  question_weighted: number | string;
  entry_matched: number | string;
}

/** What the ranking statement needs to know about the (repaired) query. */
export interface RankInput {
  /** The query's words joined with " or ": websearch_to_tsquery matches any of them. */
  orQuery: string;
  /** The query's words as typed (after repairs), for the trigram features. */
  text: string;
  /** Words the English dictionary keeps, with their lexemes and rarity (one blank word when none). */
  content: QueryWord[];
  /** Words no entry contains: their trigrams may still match a question's word. */
  unknown: string[];
  /** Every word's lexemes, for the pairs look-up. */
  lexemes: string[];
  /** Lexemes of the query's WordNet synonyms. */
  synonymLexemes: string[];
  /** For each misspelt word with near spellings, the lexemes of those spellings. */
  corrections: string[][];
  limit: number;
}

/** Any pair of the query's lexemes: a question matching it shares at least two words with the query. */
function pairQuery(lexemes: string[]): string | null {
  if (lexemes.length < 2 || lexemes.length > MAX_PAIRED) return null;
  const quoted = lexemes.map((x) => lexemeQuery([x]));
  return quoted.flatMap((a, i) => quoted.slice(i + 1).map((b) => `(${a} & ${b})`)).join(" | ");
}

/**
 * The candidates, best first by ts_rank, each with the features the core's confidence rule scores. Every
 * list comes as one parameter, so the statement's text is the same for every query and PostgreSQL keeps
 * it prepared instead of planning it at each search.
 */
export function rankCandidates(db: Db, pid: number, input: RankInput): Promise<CandidateRow[]> {
  const tsq = sql`websearch_to_tsquery('english', ${input.orQuery})`;
  const ranked = sql`order by ts_rank(${WEIGHTS}, f.search, ${tsq}) desc, f.id limit ${POOL}`;
  const inQuestion = (match: SQL) => sql`select f.id from faq_entries f
    where f.partnership_id = ${pid} and to_tsvector('english'::regconfig, f.question) @@ ${match}`;
  // Filter before ranking, on the question's own index: answer words such as "partners" or "funding"
  // can be in every entry, and ranking them all was most of the cost. Questions sharing two words with
  // the query are ranked first, as they are the ones the scorer favours; one shared word, or the answer
  // alone, is ranked only while the pool is short (small FAQs, one-word queries, answer-word queries).
  // No pairs (one lexeme, or too many) is a null tsquery, which matches nothing.
  const pairs = pairQuery(input.lexemes);
  // Each misspelt word brings the entries whose question has one of its near spellings, best first by
  // the query as corrected, so "comunity budjet funding" ranks the community budget funding questions first.
  const corrected = sql`(${tsq} || ${lexemeQuery(input.corrections.flat())}::tsquery)`;
  const content = input.content.map((c) => ({
    w: c.w,
    lex: c.lex.join(" "),
    syn: c.syn.join(" "),
    abbr: c.abbr.join(" "),
    idf: c.idf,
    misspelt: input.unknown.includes(c.w),
  }));
  return preparedRows<CandidateRow>(
    db,
    sql`
    with by_pairs as (${inQuestion(sql`${pairs}::tsquery`)} ${ranked}),
    by_question as (${inQuestion(tsq)} and (select count(*) from by_pairs) < ${POOL} ${ranked}),
    by_answer as (select f.id from faq_entries f
      where f.partnership_id = ${pid} and f.search @@ (${tsq} || ${lexemeQuery(input.synonymLexemes)}::tsquery)
        and (select count(*) from (select id from by_pairs union select id from by_question) n) < ${POOL}
      ${ranked}),
    nearby as (select near.id from jsonb_array_elements_text(${jsonList(input.corrections.map((c) => lexemeQuery(c)))}::jsonb) c(near)
      cross join lateral (select f.id from faq_entries f
        where f.partnership_id = ${pid} and to_tsvector('english'::regconfig, f.question) @@ c.near::tsquery
        order by ts_rank(${WEIGHTS}, f.search, ${corrected}) desc, f.id limit ${POOL}) near),
    pool as (select id from by_pairs union select id from by_question union select id from by_answer
      union select id from nearby),
    q as (select ${tsq} as tsq, ${input.text}::text as txt),
    -- Each word the English dictionary keeps (stop words drop out), with its lexemes and rarity.
    weighted as (
      select w, string_to_array(lex, ' ') as lex, string_to_array(syn, ' ') as syn,
        string_to_array(nullif(abbr, ''), ' ') as abbr, idf, misspelt
      from jsonb_to_recordset(${jsonList(content)}::jsonb) t(w text, lex text, syn text, abbr text, idf float8, misspelt bool)
    ),
    content as (select * from weighted)
    select f.id, f.partnership_id, f.topic_id, f.question, f.answer, f.source, f.source_key, f.phrasing_of,
      f.updated_at,
      ts_rank(${WEIGHTS}, f.search, q.tsq) as rank,
      -- A word counts fully when its stem is in the question, partly when it is a near spelling of one.
      (select coalesce(avg(case
          when c.lex && tsvector_to_array(ts_filter(f.search, '{a}')) then 1
          when word_similarity(c.w, f.question) >= ${FUZZY_WORD} then word_similarity(c.w, f.question)
          else 0 end), 0)
        from content c) as question_coverage,
      (select coalesce(avg(case when c.lex && tsvector_to_array(f.search) then 1 else 0 end), 0)
        from content c) as coverage,
      word_similarity(q.txt, f.question) as word_similarity,
      similarity(q.txt, f.question) as similarity,
      (select coalesce(sum(c.idf * case
          when c.lex && t.qlex then 1
          when c.abbr <@ t.qlex then ${ABBREVIATION_MATCH}::float8
          when c.syn && t.qlex then ${SYNONYM_MATCH}::float8
          when word_similarity(c.w, f.question) >= ${FUZZY_WORD} then word_similarity(c.w, f.question)
          else 0 end) / nullif(sum(c.idf), 0), 0) from weighted c) as question_weighted,
      (select coalesce(sum(c.idf * case
          when c.lex && t.qlex then 1
          when c.lex && t.alex then ${ANSWER_MATCH}::float8
          -- All of a short form's words, anywhere in the entry: "health board" alone is not the HWB.
          when c.abbr <@ t.qlex then ${ABBREVIATION_MATCH}::float8
          when c.abbr <@ t.alex then ${ABBREVIATION_MATCH * ANSWER_MATCH}::float8
          when c.syn && t.qlex then ${SYNONYM_MATCH}::float8
          when c.syn && t.alex then ${SYNONYM_MATCH * ANSWER_MATCH}::float8
          -- A word no entry contains may be a misspelling of the question's: its trigrams decide.
          when c.misspelt and length(c.w) >= ${MISSPELT_LENGTH} and word_similarity(c.w, f.question) >= ${MISSPELT_WORD}
            then word_similarity(c.w, f.question)
          else 0 end), 0) from weighted c) as entry_matched
    from pool join faq_entries f on f.id = pool.id
      cross join lateral (select tsvector_to_array(ts_filter(f.search, '{a}')) as qlex,
        tsvector_to_array(f.search) as alex) t, q
    order by rank desc, f.id
    limit ${Math.max(1, input.limit) * 4}`,
  );
}

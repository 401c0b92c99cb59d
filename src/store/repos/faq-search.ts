// FAQ search SQL: index look-ups choose a few dozen candidates; only those get the costly features.
import { type SQL, sql } from "drizzle-orm";
import type { FaqCandidate, FaqQuery } from "../../core/questions/ports.ts";
import type { Db } from "../open-database.ts";
import { wordnetSynonyms } from "./wordnet.ts";

/** postgres.js returns an array, PGlite an object with rows: one shape for both drivers. */
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/** Words are already cleaned by the core; " or " makes websearch_to_tsquery match any of them. */
export const orQuery = (words: string[]) => words.join(" or ");

/** Candidates from each index: enough that the right entry is among them, few enough to score cheaply. */
const POOL = 40;
/** A query word spelt differently from the question's word still counts when its trigrams mostly agree. */
const FUZZY_WORD = 0.4;
/** The trigram index's cut-off, a little below FUZZY_WORD so borderline spellings reach the scorer. */
const TRIGRAM_THRESHOLD = "0.35";
/** Spellings tried per unknown word: the nearest few carry the meaning, the rest are noise. */
const NEAR_WORDS = 8;
/** Beyond this many lexemes the pairs query grows too large to help; the plain OR query is used. */
const MAX_PAIRED = 10;
/** Stricter than FUZZY_WORD for the whole entry's score: off-topic words often half-match some word. */
const MISSPELT_WORD = 0.6;
/** Short unknown words ("park", "cant") half-match too many longer words to be read as misspellings. */
const MISSPELT_LENGTH = 6;
/** A WordNet synonym is weaker evidence than the asker's own word (tuned on the bench's tuning part). */
const SYNONYM_MATCH = 0.5;
/** A word found only in the answer says less about what the entry is about than one in its question. */
const ANSWER_MATCH = 0.6;
/** Question first (A), answer second (B), as the generated search column weights them. */
const WEIGHTS = sql.raw(`'{0.1, 0.2, 0.4, 1.0}'`);

interface CandidateRow extends Record<string, unknown> {
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

/** A tsquery of already-stemmed lexemes, quoted so that no lexeme is parsed again or read as an operator. */
const lexemeQuery = (lexemes: string[]) =>
  lexemes.map((x) => `'${x.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`).join(" | ");

const textArray = (words: string[]) =>
  sql`array[${sql.join(
    words.map((w) => sql`${w}`),
    sql`, `,
  )}]::text[]`;

interface QueryWord {
  w: string;
  lex: string[];
  /** Lexemes of the word's WordNet synonyms, English-stemmed like the entries. */
  syn: string[];
  known: boolean;
  /** Rarity: ln(1 + N / (1 + entries with the word)); a word no entry has weighs most. */
  idf: number;
}

const floatArray = (values: number[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::float8[]`;

/**
 * Each word's English lexemes, its synonyms' lexemes, whether any entry contains it and how rare it is,
 * in one round trip that also sets the trigram cut-off. The vocabulary answers from its primary key,
 * where asking faq_entries meant a GIN bitmap per word; the rarity is worked out here once, not per
 * candidate in the ranking query.
 */
async function classify(
  db: Db,
  pid: number,
  words: string[],
): Promise<{ words: QueryWord[]; entries: number }> {
  const synonyms = words.map((w) => wordnetSynonyms(w).join(" "));
  const rows = await rowsOf<
    Record<string, unknown> & {
      w: string;
      lex: string[] | null;
      syn: string[] | null;
      known: boolean;
      df: number | string;
      n: number | string;
    }
  >(
    db,
    sql`
    select u.w, u.lex,
      -- Stop words ("who" is also the WHO) have no content to widen.
      case when cardinality(u.lex) = 0 then '{}'::text[] else tsvector_to_array(to_tsvector('english', u.syn)) end as syn,
      case
      when cardinality(u.lex) = 0 then true
      when cardinality(u.lex) = 1 then exists (
        select 1 from faq_lexemes l where l.partnership_id = ${pid} and l.lexeme = u.lex[1])
      -- Several lexemes make a phrase query: only the entries themselves can say whether it matches.
      else exists (select 1 from faq_entries f
        where f.partnership_id = ${pid} and f.search @@ websearch_to_tsquery('english', u.w)) end as known,
      coalesce((select max(l.entries) from unnest(u.lex) x
        join faq_lexemes l on l.partnership_id = ${pid} and l.lexeme = x), 0) as df,
      (select count(*) from faq_entries e where e.partnership_id = ${pid}) as n
    from (select w, syn, tsvector_to_array(to_tsvector('english', w)) as lex, n
      from unnest(${textArray(words)}, ${textArray(synonyms)}) with ordinality as t(w, syn, n)) u,
      -- Transaction-local: lets the trigram index offer misspelt matches (the default 0.6 is too strict).
      (select set_config('pg_trgm.word_similarity_threshold', ${TRIGRAM_THRESHOLD}, true) as cutoff) s
    order by u.n`,
  );
  const entries = Number(rows[0]?.n ?? 0);
  const out = rows.map((r) => ({
    w: r.w,
    lex: r.lex ?? [],
    syn: r.syn ?? [],
    known: r.known === true,
    idf: Math.log(1 + Number(r.n) / (1 + Number(r.df))),
  }));
  return { words: out, entries };
}

interface Repairs {
  /** The lexemes of the nearest question words to each word no entry contains, for words that have any. */
  corrections: Map<string, string[]>;
  /** Run-together words ("townhall") and the two FAQ words they split into. */
  splits: Map<string, string[]>;
}

/**
 * Both readings of the words no entry contains, in one round trip. Spelling: one branch per word, with
 * the word as a value, so the planner takes the trigram index on the partnership's question words.
 * Run-together words ("townhall", "wellbeingboard"): every split where both halves are words of the
 * FAQ's questions; the split with the longest left part wins.
 */
async function repairUnknown(db: Db, pid: number, unknown: string[]): Promise<Repairs> {
  const out: Repairs = { corrections: new Map(), splits: new Map() };
  if (unknown.length === 0) return out;
  const branches = unknown.map(
    (w) => sql`
    (select ${w}::text as w, array(
      select distinct x from (
        select v.word from faq_question_words v
        where v.partnership_id = ${pid} and ${w}::text <% v.word
        order by word_similarity(${w}::text, v.word) desc, v.word limit ${NEAR_WORDS}) near,
        unnest(tsvector_to_array(to_tsvector('english', near.word))) x) as near,
      null::text as a, null::text as b, 0 as n)`,
  );
  const splits = unknown
    .filter((w) => /^\p{L}{6,}$/u.test(w))
    .flatMap((w) => Array.from({ length: w.length - 5 }, (_, i) => [w, w.slice(0, i + 3), w.slice(i + 3)]));
  if (splits.length > 0) {
    branches.push(sql`
    (select s.w, null::text[], s.a, s.b, length(s.a) from unnest(${textArray(splits.map((x) => x[0] ?? ""))},
        ${textArray(splits.map((x) => x[1] ?? ""))}, ${textArray(splits.map((x) => x[2] ?? ""))}) s(w, a, b)
    where exists (select 1 from faq_question_words v where v.word = s.a and v.partnership_id = ${pid})
      and exists (select 1 from faq_question_words v where v.word = s.b and v.partnership_id = ${pid}))`);
  }
  const rows = await rowsOf<{
    w: string;
    near: string[] | null;
    a: string | null;
    b: string | null;
    n: number;
  }>(db, sql`select * from (${sql.join(branches, sql` union all `)}) r order by r.n desc`);
  for (const r of rows) {
    if (r.a !== null && r.b !== null && !out.splits.has(r.w)) out.splits.set(r.w, [r.a, r.b]);
    if (r.near?.length) out.corrections.set(r.w, r.near);
  }
  return out;
}

/** Any pair of the query's lexemes: a question matching it shares at least two words with the query. */
function pairQuery(lexemes: string[]): string | null {
  if (lexemes.length < 2 || lexemes.length > MAX_PAIRED) return null;
  const quoted = lexemes.map((x) => lexemeQuery([x]));
  return quoted.flatMap((a, i) => quoted.slice(i + 1).map((b) => `(${a} & ${b})`)).join(" | ");
}

/**
 * Each misspelt word brings the entries whose question has one of its near spellings, best first by the
 * query as corrected, so "comunity budjet funding" ranks the community budget funding questions first.
 */
function nearby(pid: number, corrections: string[][], tsq: SQL): SQL[] {
  const corrected = sql`(${tsq} || ${lexemeQuery(corrections.flat())}::tsquery)`;
  return corrections.map(
    (near) => sql`
    union (select f.id from faq_entries f
      where f.partnership_id = ${pid}
        and to_tsvector('english'::regconfig, f.question) @@ ${lexemeQuery(near)}::tsquery
      order by ts_rank(${WEIGHTS}, f.search, ${corrected}) desc, f.id limit ${POOL})`,
  );
}

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
  if (content.length === 0) content.push({ w: "", lex: [], syn: [], known: true, idf: 0 });
  const tsq = sql`websearch_to_tsquery('english', ${orQuery(query.words)})`;
  const synonymLexemes = [...new Set(words.flatMap((w) => w.syn))];
  const ranked = sql`order by ts_rank(${WEIGHTS}, f.search, ${tsq}) desc, f.id limit ${POOL}`;
  const inQuestion = (match: SQL) => sql`select f.id from faq_entries f
    where f.partnership_id = ${pid} and to_tsvector('english'::regconfig, f.question) @@ ${match}`;
  // Filter before ranking, on the question's own index: answer words such as "partners" or "funding"
  // can be in every entry, and ranking them all was most of the cost. Questions sharing two words with
  // the query are ranked first, as they are the ones the scorer favours; one shared word, or the answer
  // alone, is ranked only while the pool is short (small FAQs, one-word queries, answer-word queries).
  const pairs = pairQuery([...new Set(words.flatMap((w) => w.lex))]);
  const byPairs = pairs
    ? sql`${inQuestion(sql`${pairs}::tsquery`)} ${ranked}`
    : sql`select null::int as id where false`;
  const rows = await rowsOf<CandidateRow>(
    db,
    sql`
    with by_pairs as (${byPairs}),
    by_question as (${inQuestion(tsq)} and (select count(*) from by_pairs) < ${POOL} ${ranked}),
    by_answer as (select f.id from faq_entries f
      where f.partnership_id = ${pid} and f.search @@ (${tsq} || ${synonymLexemes.length ? lexemeQuery(synonymLexemes) : ""}::tsquery)
        and (select count(*) from (select id from by_pairs union select id from by_question) n) < ${POOL}
      ${ranked}),
    pool as (select id from by_pairs union select id from by_question union select id from by_answer
      ${sql.join(nearby(pid, corrections, tsq), sql` `)}),
    q as (select ${tsq} as tsq, ${text}::text as txt),
    -- Each word the English dictionary keeps (stop words drop out), with its lexemes and rarity.
    weighted as (
      select w, string_to_array(lex, ' ') as lex, string_to_array(syn, ' ') as syn, idf, misspelt
      from unnest(${textArray(content.map((c) => c.w))}, ${textArray(content.map((c) => c.lex.join(" ")))},
        ${textArray(content.map((c) => c.syn.join(" ")))}, ${floatArray(content.map((c) => c.idf))},
        ${textArray(content.map((c) => (unknown.includes(c.w) ? "t" : "f")))}::bool[]) t(w, lex, syn, idf, misspelt)
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
          when c.syn && t.qlex then ${SYNONYM_MATCH}::float8
          when word_similarity(c.w, f.question) >= ${FUZZY_WORD} then word_similarity(c.w, f.question)
          else 0 end) / nullif(sum(c.idf), 0), 0) from weighted c) as question_weighted,
      (select coalesce(sum(c.idf * case
          when c.lex && t.qlex then 1
          when c.lex && t.alex then ${ANSWER_MATCH}::float8
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
    limit ${Math.max(1, query.limit) * 4}`,
  );
  return rows.map(
    (r): FaqCandidate => ({
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
    }),
  );
}

// FAQ search, first step: what the FAQ's vocabulary says about each query word (known, rarity, synonyms),
// and readings of the words no entry contains (misspellings, run-together words).
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../open-database.ts";
import { shortFormReadings } from "./faq-abbreviations.ts";
import { jsonList, preparedRows, rowsOf } from "./faq-search-sql.ts";
import { wordnetSynonyms } from "./wordnet.ts";

/** The trigram index's cut-off, a little below the scorer's FUZZY_WORD so borderline spellings reach it. */
const TRIGRAM_THRESHOLD = "0.35";
/** Spellings tried per unknown word: the nearest few carry the meaning, the rest are noise. */
const NEAR_WORDS = 8;

export interface QueryWord {
  w: string;
  lex: string[];
  /** Lexemes of the word's WordNet synonyms and of short forms it helps spell out, stemmed like the entries. */
  syn: string[];
  /** When the word is a short form ("hwb"), the lexemes of its words: an entry must have them all. */
  abbr: string[];
  /** The short form's words as written ("health and wellbeing board"), or "" when it has none. */
  longForm: string;
  /** Short forms the query spells out in full and this word is part of ("board" → "hwb"). */
  shortForms: string[];
  known: boolean;
  /** Rarity: ln(1 + N / (1 + entries with the word)); a word no entry has weighs most. */
  idf: number;
}

const textArray = (words: string[]) =>
  sql`array[${sql.join(
    words.map((w) => sql`${w}`),
    sql`, `,
  )}]::text[]`;

/**
 * Each word's English lexemes, its synonyms' lexemes, whether any entry contains it and how rare it is,
 * in one round trip that also sets the trigram cut-off. The vocabulary answers from its primary key,
 * where asking faq_entries meant a GIN bitmap per word; the rarity is worked out here once, not per
 * candidate in the ranking query. The words come as JSON so the text is the same for every query and
 * PostgreSQL keeps it prepared.
 */
export async function classify(
  db: Db,
  pid: number,
  words: string[],
): Promise<{ words: QueryWord[]; entries: number }> {
  const synonyms = words.map((w) => wordnetSynonyms(w).join(" "));
  const readings = shortFormReadings(words);
  const edited = (w: SQL) => sql`exists (select 1 from faq_synonyms e
    where e.partnership_id = ${pid} and (e.term = ${w} or e.alternative = ${w}))`;
  const rows = await preparedRows<
    Record<string, unknown> & {
      w: string;
      lex: string[] | null;
      syn: string[] | null;
      abbr: string[] | null;
      long_form: string;
      short_forms: string[] | null;
      known: boolean;
      df: number | string;
      n: number | string;
    }
  >(
    db,
    sql`
    select u.w, u.lex,
      -- Stop words ("who" is also the WHO) have no content to widen.
      case when cardinality(u.lex) = 0 then '{}'::text[]
        else tsvector_to_array(to_tsvector('english', u.syn || ' ' || array_to_string(u.short_forms, ' '))) end as syn,
      u.abbr, case when cardinality(u.abbr) = 0 then '' else u.long_form end as long_form, u.short_forms,
      case
      when cardinality(u.lex) = 0 then true
      -- Scalar look-ups, not exists or a join: those read the partnership's whole vocabulary (a hashed
      -- subplan, a hash join) where the statistics are missing, as on PGlite, which never analyzes.
      when cardinality(u.lex) = 1 and (select true from faq_lexemes l
        where l.partnership_id = ${pid} and l.lexeme = u.lex[1]) is not null then true
      -- A short form no entry writes is known when every word of its long form is: not a misspelling.
      when cardinality(u.abbr) > 0 and u.abbr_df > 0 then true
      when cardinality(u.lex) = 1 then false
      -- Several lexemes make a phrase query: only the entries themselves can say whether it matches.
      else exists (select 1 from faq_entries f
        where f.partnership_id = ${pid} and f.search @@ websearch_to_tsquery('english', u.w)) end as known,
      -- The long form is at most as common as its rarest word: entries with either spelling.
      coalesce((select max((select l.entries from faq_lexemes l
        where l.partnership_id = ${pid} and l.lexeme = x)) from unnest(u.lex) x), 0) + u.abbr_df as df,
      -- Kept by a trigger: counting the entries here read the whole table at every search.
      coalesce((select c.entries from faq_entry_counts c where c.partnership_id = ${pid}), 0) as n
    from (select v.*, case when cardinality(v.abbr) = 0 then 0 else coalesce((select min(coalesce((select
          l.entries from faq_lexemes l where l.partnership_id = ${pid} and l.lexeme = x), 0))
        from unnest(v.abbr) x), 0) end as abbr_df
      from (select t.w, t.syn, t.long_form, t.n, tsvector_to_array(to_tsvector('english', t.w)) as lex,
        -- The partnership's own synonyms win: a term it lists ("CSP" for its physiotherapists) keeps its reading.
        case when t.long_form = '' or ${edited(sql`t.w`)} then '{}'::text[]
          else tsvector_to_array(to_tsvector('english', t.long_form)) end as abbr,
        array(select x from jsonb_array_elements_text(t.shorts) x where not ${edited(sql`x`)}) as short_forms
      from rows from (jsonb_array_elements_text(${jsonList(words)}::jsonb),
        jsonb_array_elements_text(${jsonList(synonyms)}::jsonb),
        jsonb_array_elements_text(${jsonList(readings.map((r) => r.expands))}::jsonb),
        jsonb_array_elements(${jsonList(readings.map((r) => r.shortForms))}::jsonb))
        with ordinality as t(w, syn, long_form, shorts, n)) v) u,
      -- Transaction-local: lets the trigram index offer misspelt matches (the default 0.6 is too strict).
      (select set_config('pg_trgm.word_similarity_threshold', ${TRIGRAM_THRESHOLD}, true) as cutoff) s
    order by u.n`,
  );
  const entries = Number(rows[0]?.n ?? 0);
  const out = rows.map((r) => ({
    w: r.w,
    lex: r.lex ?? [],
    syn: r.syn ?? [],
    abbr: r.abbr ?? [],
    longForm: r.long_form,
    shortForms: r.short_forms ?? [],
    known: r.known === true,
    idf: Math.log(1 + Number(r.n) / (1 + Number(r.df))),
  }));
  return { words: out, entries };
}

export interface Repairs {
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
export async function repairUnknown(db: Db, pid: number, unknown: string[]): Promise<Repairs> {
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

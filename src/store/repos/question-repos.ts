// Drizzle implementations of the topic, FAQ and enquiry repositories; FAQ search SQL lives here.
import { and, asc, count, desc, eq, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type {
  Enquiry,
  EnquiryRepo,
  EnquiryStatus,
  FaqCandidate,
  FaqRepo,
  Topic,
  TopicRepo,
} from "../../core/questions/ports.ts";
import type { Platform } from "../../core/types.ts";
import type { Db } from "../open-database.ts";
import { enquiries, faqEntries, partnerships, topics } from "../schema.ts";

const toTopic = (r: typeof topics.$inferSelect): Topic => ({
  id: r.id,
  partnershipId: r.partnershipId,
  slug: r.slug,
  name: r.name,
  description: r.description,
  contactId: r.contactId,
  keywords: r.keywords,
});

const faqColumns = {
  id: faqEntries.id,
  partnershipId: faqEntries.partnershipId,
  topicId: faqEntries.topicId,
  question: faqEntries.question,
  answer: faqEntries.answer,
  source: faqEntries.source,
  sourceKey: faqEntries.sourceKey,
  updatedAt: faqEntries.updatedAt,
};

const toEnquiry = (r: typeof enquiries.$inferSelect): Enquiry => ({
  id: r.id,
  partnershipId: r.partnershipId,
  number: r.number,
  askerId: r.askerId,
  askedOn: r.askedOn as Platform,
  text: r.text,
  topicId: r.topicId,
  assigneeId: r.assigneeId,
  status: r.status as EnquiryStatus,
  answer: r.answer,
  answeredBy: r.answeredBy,
  createdAt: r.createdAt,
  answeredAt: r.answeredAt,
});

/** postgres.js returns an array, PGlite an object with rows: one shape for both drivers. */
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/** Words are already cleaned by the core; " or " makes websearch_to_tsquery match any of them. */
const orQuery = (words: string[]) => words.join(" or ");

export function topicRepo(db: Db): TopicRepo {
  return {
    async list(pid) {
      const rows = await db
        .select()
        .from(topics)
        .where(eq(topics.partnershipId, pid))
        .orderBy(asc(topics.slug));
      return rows.map(toTopic);
    },
    async bySlug(pid, slug) {
      const [row] = await db
        .select()
        .from(topics)
        .where(and(eq(topics.partnershipId, pid), eq(topics.slug, slug)));
      return row ? toTopic(row) : null;
    },
    async byId(id) {
      const [row] = await db.select().from(topics).where(eq(topics.id, id));
      return row ? toTopic(row) : null;
    },
    async upsert(t) {
      const [existing] = await db
        .select({ id: topics.id })
        .from(topics)
        .where(and(eq(topics.partnershipId, t.partnershipId), eq(topics.slug, t.slug)));
      if (existing) {
        const [row] = await db.update(topics).set(t).where(eq(topics.id, existing.id)).returning();
        if (!row) throw new Error("topic update returned nothing");
        return { topic: toTopic(row), created: false };
      }
      const [row] = await db.insert(topics).values(t).returning();
      if (!row) throw new Error("topic insert returned nothing");
      return { topic: toTopic(row), created: true };
    },
    async match(pid, words) {
      if (words.length === 0) return [];
      // Keywords and the name say what a topic is about; the description counts for less.
      const doc = sql`setweight(to_tsvector('english', array_to_string(${topics.keywords}, ' ') || ' ' || ${topics.name}), 'A') || setweight(to_tsvector('english', coalesce(${topics.description}, '')), 'C')`;
      const q = sql`websearch_to_tsquery('english', ${orQuery(words)})`;
      const rows = await db
        .select({ topic: topics, score: sql<number>`ts_rank(${doc}, ${q})`.mapWith(Number) })
        .from(topics)
        .where(and(eq(topics.partnershipId, pid), sql`${doc} @@ ${q}`))
        .orderBy(desc(sql`ts_rank(${doc}, ${q})`), asc(topics.slug));
      return rows.map((r) => ({ topic: toTopic(r.topic), score: r.score }));
    },
    async defaultContactId(pid) {
      const [row] = await db
        .select({ id: partnerships.defaultContactId })
        .from(partnerships)
        .where(eq(partnerships.id, pid));
      return row?.id ?? null;
    },
    async setDefaultContact(pid, personId) {
      await db.update(partnerships).set({ defaultContactId: personId }).where(eq(partnerships.id, pid));
    },
  };
}

interface CandidateRow extends Record<string, unknown> {
  id: number;
  partnership_id: number;
  topic_id: number | null;
  question: string;
  answer: string;
  source: string | null;
  source_key: string;
  updated_at: string | Date;
  rank: number | string;
  question_coverage: number | string;
  coverage: number | string;
  word_similarity: number | string;
  similarity: number | string;
}

/** Candidates from each index: enough that the right entry is among them, few enough to score cheaply. */
const POOL = 40;
/** A query word spelt differently from the question's word still counts when its trigrams mostly agree. */
const FUZZY_WORD = 0.4;
/** The trigram index's cut-off, a little below FUZZY_WORD so borderline spellings reach the scorer. */
const TRIGRAM_THRESHOLD = "0.35";

export function faqRepo(db: Db): FaqRepo {
  return {
    async upsert(e) {
      const [old] = await db
        .select(faqColumns)
        .from(faqEntries)
        .where(and(eq(faqEntries.partnershipId, e.partnershipId), eq(faqEntries.sourceKey, e.sourceKey)));
      if (old && old.question === e.question && old.answer === e.answer && old.topicId === e.topicId) {
        return { entry: old, outcome: "unchanged" };
      }
      const [row] = await db
        .insert(faqEntries)
        .values(e)
        .onConflictDoUpdate({
          target: [faqEntries.partnershipId, faqEntries.sourceKey],
          set: {
            question: e.question,
            answer: e.answer,
            topicId: e.topicId,
            source: e.source,
            updatedAt: sql`now()`,
          },
        })
        .returning(faqColumns);
      if (!row) throw new Error("faq upsert returned nothing");
      return { entry: row, outcome: old ? "updated" : "added" };
    },
    async byId(pid, id) {
      const [row] = await db
        .select(faqColumns)
        .from(faqEntries)
        .where(and(eq(faqEntries.partnershipId, pid), eq(faqEntries.id, id)));
      return row ?? null;
    },
    async list(pid, topicId) {
      return db
        .select(faqColumns)
        .from(faqEntries)
        .where(
          and(
            eq(faqEntries.partnershipId, pid),
            topicId === undefined ? undefined : eq(faqEntries.topicId, topicId),
          ),
        )
        .orderBy(asc(faqEntries.id));
    },
    async remove(id) {
      await db.delete(faqEntries).where(eq(faqEntries.id, id));
    },
    async count(pid, topicId) {
      const [row] = await db
        .select({ n: count() })
        .from(faqEntries)
        .where(
          and(
            eq(faqEntries.partnershipId, pid),
            topicId === undefined ? undefined : eq(faqEntries.topicId, topicId),
          ),
        );
      return row?.n ?? 0;
    },
    async search(pid, query) {
      if (query.words.length === 0) return [];
      const text = query.words.join(" ");
      // Transaction-local: lets the trigram index offer misspelt matches (the default 0.6 is too strict).
      await db.execute(
        sql`select set_config('pg_trgm.word_similarity_threshold', ${TRIGRAM_THRESHOLD}, true)`,
      );
      const wordList = sql`array[${sql.join(
        query.words.map((w) => sql`${w}`),
        sql`, `,
      )}]::text[]`;
      const rows = await rowsOf<CandidateRow>(
        db,
        sql`
        with q as (
          select websearch_to_tsquery('english', ${orQuery(query.words)}) as tsq, ${text}::text as txt
        ),
        -- Each word the English dictionary keeps (stop words drop out), with its stemmed lexemes.
        content as (
          select w, tsvector_to_array(to_tsvector('english', w)) as lex
          from unnest(${wordList}) w
          where to_tsvector('english', w) <> ''::tsvector
        ),
        -- Words no entry contains (misspelt, or simply absent) are the only ones worth a trigram look-up:
        -- comparing the whole question by trigrams against every entry costs a scan of the table.
        unknown as (
          select c.w from content c
          where not exists (
            select 1 from faq_entries f
            where f.partnership_id = ${pid} and f.search @@ websearch_to_tsquery('english', c.w))
        ),
        pool as (
          (select f.id from faq_entries f, q
            where f.partnership_id = ${pid} and f.search @@ q.tsq
            order by ts_rank('{0.1, 0.2, 0.4, 1.0}', f.search, q.tsq) desc limit ${POOL})
          union
          (select near.id from unknown u cross join lateral (
            select f.id from faq_entries f
            where f.partnership_id = ${pid} and u.w <% f.question
            order by word_similarity(u.w, f.question) desc limit ${POOL}) near)
        )
        select f.id, f.partnership_id, f.topic_id, f.question, f.answer, f.source, f.source_key, f.updated_at,
          ts_rank('{0.1, 0.2, 0.4, 1.0}', f.search, q.tsq) as rank,
          -- A word counts fully when its stem is in the question, partly when it is a near spelling of one.
          (select coalesce(avg(case
              when c.lex && tsvector_to_array(ts_filter(f.search, '{a}')) then 1
              when word_similarity(c.w, f.question) >= ${FUZZY_WORD} then word_similarity(c.w, f.question)
              else 0 end), 0)
            from content c) as question_coverage,
          (select coalesce(avg(case when c.lex && tsvector_to_array(f.search) then 1 else 0 end), 0)
            from content c) as coverage,
          word_similarity(q.txt, f.question) as word_similarity,
          similarity(q.txt, f.question) as similarity
        from pool join faq_entries f on f.id = pool.id, q
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
            updatedAt: new Date(r.updated_at),
          },
          rank: Number(r.rank),
          questionCoverage: Number(r.question_coverage),
          coverage: Number(r.coverage),
          wordSimilarity: Number(r.word_similarity),
          similarity: Number(r.similarity),
        }),
      );
    },
  };
}

export function enquiryRepo(db: Db): EnquiryRepo {
  return {
    async insert(e) {
      const [row] = await db.insert(enquiries).values(e).returning();
      if (!row) throw new Error("enquiry insert returned nothing");
      return toEnquiry(row);
    },
    async byNumber(pid, n) {
      const [row] = await db
        .select()
        .from(enquiries)
        .where(and(eq(enquiries.partnershipId, pid), eq(enquiries.number, n)));
      return row ? toEnquiry(row) : null;
    },
    async list(pid, f) {
      const rows = await db
        .select()
        .from(enquiries)
        .where(
          and(
            eq(enquiries.partnershipId, pid),
            inArray(enquiries.status, f.statuses),
            f.askerId === undefined ? undefined : eq(enquiries.askerId, f.askerId),
            f.assigneeId === undefined ? undefined : eq(enquiries.assigneeId, f.assigneeId),
            f.involving === undefined
              ? undefined
              : or(eq(enquiries.askerId, f.involving), eq(enquiries.assigneeId, f.involving)),
            f.createdBefore === undefined ? undefined : lt(enquiries.createdAt, f.createdBefore),
          ),
        )
        .orderBy(asc(enquiries.number))
        .limit(f.limit ?? 1000);
      return rows.map(toEnquiry);
    },
    async update(id, patch) {
      if (Object.keys(patch).length === 0) return;
      await db.update(enquiries).set(patch).where(eq(enquiries.id, id));
    },
  };
}

// Drizzle implementations of the topic, FAQ and enquiry repositories; the FAQ search SQL is in faq-search.ts.
import { and, asc, count, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type {
  Enquiry,
  EnquiryFilter,
  EnquiryRepo,
  EnquiryStatus,
  FaqRepo,
  Topic,
  TopicRepo,
} from "../../core/questions/ports.ts";
import type { Platform } from "../../core/types.ts";
import type { Db } from "../open-database.ts";
import { enquiries, faqEntries, partnerships, topics } from "../schema.ts";
import { orQuery, searchCandidates } from "./faq-search.ts";
import { phrasingMethods } from "./phrasing-repo.ts";
import { synonymMethods } from "./synonym-repo.ts";

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
  phrasingOf: faqEntries.phrasingOf,
  updatedAt: faqEntries.updatedAt,
};

/** Entries proper: phrasings are rows too (so search finds them) but never listed or counted as entries. */
const entriesOnly = isNull(faqEntries.phrasingOf);

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
      // Phrasings answer with their entry: keep their copy of the answer (it is searched) in step.
      await db
        .update(faqEntries)
        .set({ answer: e.answer, topicId: e.topicId, updatedAt: sql`now()` })
        .where(eq(faqEntries.phrasingOf, row.id));
      return { entry: row, outcome: old ? "updated" : "added" };
    },
    async byId(pid, id) {
      const [row] = await db
        .select(faqColumns)
        .from(faqEntries)
        .where(and(eq(faqEntries.partnershipId, pid), eq(faqEntries.id, id), entriesOnly));
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
            entriesOnly,
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
            entriesOnly,
          ),
        );
      return row?.n ?? 0;
    },
    search: (pid, query) => searchCandidates(db, pid, query),
    ...phrasingMethods(db),
    ...synonymMethods(db),
  };
}

const enquiryWhere = (pid: number, f: EnquiryFilter) =>
  and(
    eq(enquiries.partnershipId, pid),
    inArray(enquiries.status, f.statuses),
    f.askerId === undefined ? undefined : eq(enquiries.askerId, f.askerId),
    f.assigneeId === undefined ? undefined : eq(enquiries.assigneeId, f.assigneeId),
    f.involving === undefined
      ? undefined
      : or(eq(enquiries.askerId, f.involving), eq(enquiries.assigneeId, f.involving)),
    f.createdBefore === undefined ? undefined : lt(enquiries.createdAt, f.createdBefore),
  );

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
        .where(enquiryWhere(pid, f))
        .orderBy(asc(enquiries.number))
        .limit(f.limit ?? 1000)
        .offset(f.offset ?? 0);
      return rows.map(toEnquiry);
    },
    async count(pid, f) {
      const [row] = await db.select({ n: count() }).from(enquiries).where(enquiryWhere(pid, f));
      return row?.n ?? 0;
    },
    async update(id, patch) {
      if (Object.keys(patch).length === 0) return;
      await db.update(enquiries).set(patch).where(eq(enquiries.id, id));
    },
  };
}

// Records and repository interfaces for topics, FAQ entries and enquiries; src/store implements them.
import type { Platform } from "../types.ts";

export interface Topic {
  id: number;
  partnershipId: number;
  slug: string;
  name: string;
  description: string | null;
  contactId: number | null;
  keywords: string[];
}

export type NewTopic = Omit<Topic, "id">;

export interface FaqEntry {
  id: number;
  partnershipId: number;
  topicId: number | null;
  question: string;
  answer: string;
  source: string | null;
  sourceKey: string;
  /** On a confirmed alternative wording: the entry it is a phrasing of (its answer is that entry's). */
  phrasingOf: number | null;
  updatedAt: Date;
}

export type NewFaqEntry = Omit<FaqEntry, "id" | "updatedAt" | "phrasingOf">;

/** A wording one asker said an entry answers; searched only once a second person or the contact agrees. */
export interface ProvisionalPhrasing {
  id: number;
  entryId: number;
  text: string;
  key: string;
  personId: number;
}

/**
 * What the store measures for one candidate; the core turns these into a score (see confidence.ts),
 * so the weighting is unit-tested without a database and the SQL stays a plain feature extractor.
 */
export interface FaqCandidate {
  entry: FaqEntry;
  /** ts_rank with the question weighted above the answer, normalised to 0..1 (rank / (rank + 1)). */
  rank: number;
  /** Share of the query's distinct stemmed words found in the question (0..1). */
  questionCoverage: number;
  /** Share of the query's distinct stemmed words found in question or answer (0..1). */
  coverage: number;
  /** pg_trgm word_similarity(query, question): forgiving of misspellings and word order (0..1). */
  wordSimilarity: number;
  /** pg_trgm similarity(query, question): high when the whole question was typed nearly verbatim (0..1). */
  similarity: number;
  /**
   * Share of the query's content words found in the question, each word weighted by its rarity in the
   * FAQ (idf), a WordNet synonym counting for less than the word itself (0..1).
   */
  questionWeighted: number;
  /** The same over question and answer together, the answer's words counting for a little less (0..1). */
  entryWeighted: number;
  /**
   * The rarity-weighted matches behind entryWeighted, not divided by the query's size but counted in
   * words that a single entry has: one shared word is thin evidence however short the question was.
   */
  entryEvidence: number;
}

export interface FaqQuery {
  /** The cleaned words of the question, lower case, no operators or punctuation. */
  words: string[];
  limit: number;
}

export interface TopicMatch {
  topic: Topic;
  score: number;
}

export interface TopicRepo {
  list(partnershipId: number): Promise<Topic[]>;
  bySlug(partnershipId: number, slug: string): Promise<Topic | null>;
  byId(id: number): Promise<Topic | null>;
  /** Inserts, or updates the topic with the same slug; returns it and whether it was new. */
  upsert(t: NewTopic): Promise<{ topic: Topic; created: boolean }>;
  /** Topics whose name, keywords or description share stemmed words with the query, best first. */
  match(partnershipId: number, words: string[]): Promise<TopicMatch[]>;
  defaultContactId(partnershipId: number): Promise<number | null>;
  setDefaultContact(partnershipId: number, personId: number | null): Promise<void>;
}

export interface FaqRepo {
  /** Inserts or updates by (partnership, sourceKey); reports what happened. */
  upsert(e: NewFaqEntry): Promise<{ entry: FaqEntry; outcome: "added" | "updated" | "unchanged" }>;
  byId(partnershipId: number, id: number): Promise<FaqEntry | null>;
  list(partnershipId: number, topicId?: number): Promise<FaqEntry[]>;
  remove(id: number): Promise<void>;
  count(partnershipId: number, topicId?: number): Promise<number>;
  /** Full-text and trigram candidates with their features, roughly best first. */
  search(partnershipId: number, query: FaqQuery): Promise<FaqCandidate[]>;
  /** The confirmed phrasings of an entry, oldest first. */
  phrasings(entryId: number): Promise<FaqEntry[]>;
  /** Adds a confirmed phrasing (searched from now on); false if the entry already has that wording. */
  addPhrasing(entry: FaqEntry, text: string, key: string): Promise<boolean>;
  /** Removes one phrasing row (a child of an entry), never an entry itself. */
  removePhrasing(id: number): Promise<void>;
  provisional(entryId: number): Promise<ProvisionalPhrasing[]>;
  /** Records a provisional wording, or returns the one already recorded for this entry and key. */
  addProvisional(
    p: Omit<ProvisionalPhrasing, "id">,
  ): Promise<{ phrasing: ProvisionalPhrasing; created: boolean }>;
  removeProvisional(id: number): Promise<void>;
  /** The partnership's synonym pairs, as added. */
  synonyms(partnershipId: number): Promise<Synonym[]>;
  /** False when the pair was already there. */
  addSynonym(partnershipId: number, s: Synonym): Promise<boolean>;
  /** False when there was no such pair. */
  removeSynonym(partnershipId: number, s: Synonym): Promise<boolean>;
}

export interface Synonym {
  term: string;
  alternative: string;
}

export type EnquiryStatus = "open" | "answered" | "closed";

export interface Enquiry {
  id: number;
  partnershipId: number;
  number: number;
  askerId: number;
  askedOn: Platform;
  text: string;
  topicId: number | null;
  assigneeId: number | null;
  status: EnquiryStatus;
  answer: string | null;
  answeredBy: number | null;
  createdAt: Date;
  answeredAt: Date | null;
}

export type NewEnquiry = Pick<
  Enquiry,
  "partnershipId" | "number" | "askerId" | "askedOn" | "text" | "topicId" | "assigneeId" | "createdAt"
>;

export interface EnquiryFilter {
  statuses: EnquiryStatus[];
  askerId?: number;
  assigneeId?: number;
  /** Either the asker or the assignee (what a non-admin may see). */
  involving?: number;
  /** Asked before this instant. */
  createdBefore?: Date;
  limit?: number;
  /** Rows to skip, for page:2 and on. */
  offset?: number;
}

export interface EnquiryRepo {
  insert(e: NewEnquiry): Promise<Enquiry>;
  byNumber(partnershipId: number, n: number): Promise<Enquiry | null>;
  list(partnershipId: number, filter: EnquiryFilter): Promise<Enquiry[]>;
  /** How many match the filter (its limit ignored). */
  count(partnershipId: number, filter: EnquiryFilter): Promise<number>;
  update(
    id: number,
    patch: Partial<
      Pick<Enquiry, "status" | "answer" | "answeredBy" | "answeredAt" | "assigneeId" | "topicId">
    >,
  ): Promise<void>;
}

/** What a person typed that is waiting for them to confirm sending it to a contact. */
export interface EnquiryDraft {
  personId: number;
  partnershipId: number;
  text: string;
  createdAt: Date;
  /** The FAQ entry Quorum answered it with, if any: sending it on anyway counts against that entry. */
  answeredEntryId?: number | null;
}

export interface DraftRepo {
  /** Keeps this as the person's one waiting draft, replacing any earlier one. */
  save(d: EnquiryDraft): Promise<void>;
  byPerson(personId: number): Promise<EnquiryDraft | null>;
  remove(personId: number): Promise<void>;
}

export interface QuestionRepos {
  topics: TopicRepo;
  faq: FaqRepo;
  enquiries: EnquiryRepo;
  drafts: DraftRepo;
}

// Records and the repository interface for keeping FAQ entries true: owners, review dates, unhelpful marks.

/** One entry's stewardship: who keeps it true, when it is next looked at, and how often it fell short. */
export interface FaqStewardship {
  entryId: number;
  /** Null: the topic's contact owns it (so a new contact inherits the topic's entries). */
  ownerId: number | null;
  /** Local date (YYYY-MM-DD) on which the entry falls due for review. */
  reviewDueOn: string;
  reviewedAt: Date | null;
  /** How many times someone asked a person after this entry's answer. */
  unhelpful: number;
}

/** An entry due for review, with what is needed to route and list it. */
export interface DueEntry {
  id: number;
  topicId: number | null;
  question: string;
  ownerId: number | null;
  reviewDueOn: string;
}

/** An entry someone found unhelpful in a period, and how many times. */
export interface UnhelpfulMark {
  entryId: number;
  topicId: number | null;
  question: string;
  count: number;
}

export interface NewUnhelpful {
  partnershipId: number;
  entryId: number;
  personId: number;
  enquiryId: number | null;
  at: Date;
}

export interface FaqReviewRepo {
  /** The stewardship of an entry (not a phrasing), or null if there is no such entry. */
  of(entryId: number): Promise<FaqStewardship | null>;
  /** Entries (phrasings left out) whose review date is on or before the date, soonest first. */
  due(partnershipId: number, onOrBefore: string): Promise<DueEntry[]>;
  /** Whether the person is the named owner of any entry. */
  owns(partnershipId: number, personId: number): Promise<boolean>;
  setOwner(entryId: number, ownerId: number | null): Promise<void>;
  /** Hands every entry the person owns back to its topic's contact; the entries' ids, lowest first. */
  clearOwner(partnershipId: number, personId: number): Promise<number[]>;
  /** Sets the next review date; `reviewedAt` is stamped when a person reviewed it. */
  setReviewDue(entryId: number, due: string, reviewedAt?: Date): Promise<void>;
  recordUnhelpful(m: NewUnhelpful): Promise<void>;
  /** Entries marked unhelpful after `since`, most marked first. */
  unhelpfulSince(partnershipId: number, since: Date): Promise<UnhelpfulMark[]>;
}

// The repository of a meeting occurrence's business: agenda items, apologies, decisions, papers links.
// Each is keyed by the series and the occurrence's rule date (Occurrence.ruleDate), which a move keeps.

export interface OccurrenceKey {
  meetingId: number;
  /** The occurrence's rule date, YYYY-MM-DD. */
  date: string;
}

export interface AgendaItem {
  id: number;
  meetingId: number;
  occurrenceDate: string;
  title: string;
  paperUrl: string | null;
  presenterId: number | null;
  proposedBy: number;
  /** Added after the papers deadline, by the chair or an admin. */
  late: boolean;
}

export interface Apology {
  id: number;
  meetingId: number;
  occurrenceDate: string;
  personId: number;
  note: string | null;
  createdAt: Date;
}

export interface Decision {
  id: number;
  meetingId: number;
  occurrenceDate: string;
  text: string;
  recordedBy: number;
}

export interface PapersLink {
  meetingId: number;
  occurrenceDate: string;
  url: string;
}

export interface DecisionFilter {
  /** Decisions of these series only (a group's meetings); absent: the whole partnership. */
  meetingIds?: number[];
  /** Occurrences on or after this rule date. */
  since?: string;
  limit: number;
  offset: number;
}

export interface BoardRepo {
  /** In the order they were added. */
  agenda(key: OccurrenceKey): Promise<AgendaItem[]>;
  /** Every agenda item of occurrences with a rule date on or after `from` (for the daily reminders). */
  agendaFrom(partnershipId: number, from: string): Promise<AgendaItem[]>;
  addAgendaItem(
    partnershipId: number,
    item: Omit<AgendaItem, "id" | "meetingId" | "occurrenceDate">,
    key: OccurrenceKey,
  ): Promise<AgendaItem>;
  removeAgendaItem(id: number): Promise<void>;
  apologies(key: OccurrenceKey): Promise<Apology[]>;
  /** Sends or replaces a person's apologies; false when they had already sent some (the note is replaced). */
  sendApologies(
    partnershipId: number,
    key: OccurrenceKey,
    personId: number,
    note: string | null,
  ): Promise<boolean>;
  /** False when the person had sent none. */
  withdrawApologies(key: OccurrenceKey, personId: number): Promise<boolean>;
  decisions(key: OccurrenceKey): Promise<Decision[]>;
  addDecision(partnershipId: number, key: OccurrenceKey, text: string, recordedBy: number): Promise<Decision>;
  removeDecision(id: number): Promise<void>;
  /** Newest occurrence first, then in the order recorded. */
  listDecisions(partnershipId: number, filter: DecisionFilter): Promise<Decision[]>;
  countDecisions(partnershipId: number, filter: DecisionFilter): Promise<number>;
  papersLink(key: OccurrenceKey): Promise<string | null>;
  papersLinksFrom(partnershipId: number, from: string): Promise<PapersLink[]>;
  /** Sets (or with null clears) the link to an occurrence's board papers. */
  setPapersLink(partnershipId: number, key: OccurrenceKey, url: string | null, setBy: number): Promise<void>;
}

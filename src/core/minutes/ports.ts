// Records and repository interface for a minutes preview: parsed actions waiting for Create all or Cancel.

export interface UnreadLine {
  /** 1-based line number in what was pasted. */
  line: number;
  text: string;
  why: string;
}

/** One parsed action as the preview shows it, with what it resolved to (ids) and what is wrong with it. */
export interface PreviewItem {
  /** The item's number on the preview card (#1, #2): what Edit and Skip name. */
  n: number;
  line: number;
  source: string;
  title: string;
  ownerText: string | null;
  ownerId: number | null;
  ownerName: string | null;
  organisationId: number | null;
  orgCode: string | null;
  dueText: string | null;
  dueOn: string | null;
  /** Set when the item cannot be created as it stands (owner unknown or ambiguous): never guessed. */
  flag: string | null;
  /** How a name or date was read, for the card. */
  notes: string[];
}

export type PreviewStatus = "pending" | "created" | "cancelled";

export interface MinutesPreview {
  id: number;
  partnershipId: number;
  personId: number;
  meetingId: number;
  meetingDate: string;
  items: PreviewItem[];
  unread: UnreadLine[];
  status: PreviewStatus;
  refs: string[];
  expiresAt: Date;
  createdAt: Date;
}

export type NewMinutesPreview = Omit<MinutesPreview, "id" | "status" | "refs">;

export interface MinutesPreviewRepo {
  insert(p: NewMinutesPreview): Promise<MinutesPreview>;
  byId(partnershipId: number, id: number): Promise<MinutesPreview | null>;
  /** The person's newest pending preview that has not expired. */
  latestPending(personId: number, now: Date): Promise<MinutesPreview | null>;
  /** Pending → status, in one statement: false when it was no longer pending (a second click lost). */
  close(id: number, status: Exclude<PreviewStatus, "pending">, refs: string[]): Promise<boolean>;
  /** Replaces the items of a pending preview (an item skipped or taken out to edit). */
  setItems(id: number, items: PreviewItem[]): Promise<void>;
}

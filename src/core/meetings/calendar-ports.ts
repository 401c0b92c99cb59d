// The calendar links repository the store implements (kept apart so ports.ts imports nothing back).
/** One person's link to one group's feed; only the token's hash is kept. */
export interface CalendarLink {
  id: number;
  partnershipId: number;
  groupId: number;
  personId: number;
  revokedAt: Date | null;
}

export interface CalendarLinkRepo {
  insert(link: Omit<CalendarLink, "id" | "revokedAt"> & { tokenHash: string }): Promise<void>;
  /** The link with this token hash, revoked or not. */
  byHash(tokenHash: string): Promise<CalendarLink | null>;
  /** Revokes the person's live links to the group (all people's when personId is null); returns how many. */
  revoke(groupId: number, personId: number | null, at: Date): Promise<number>;
}

// Records and repository interfaces for schedules (digests and daily reminders); src/store implements them.

export type ScheduleKind = "digest" | "reminders";

export interface Schedule {
  id: number;
  partnershipId: number;
  kind: ScheduleKind;
  /** "link:<id>" for a digest, "partnership:<id>" for the daily reminder run. */
  subject: string;
  /** A fire spec such as "mon 09:00" (see fire-spec.ts). */
  spec: string;
  nextFireAt: Date;
  lastFiredAt: Date | null;
  enabled: boolean;
}

export type ScheduleInput = Pick<
  Schedule,
  "partnershipId" | "kind" | "subject" | "spec" | "nextFireAt" | "enabled"
>;

export interface ScheduleRepo {
  get(kind: ScheduleKind, subject: string): Promise<Schedule | null>;
  /** Creates the schedule if it is missing; an existing one is left exactly as it is. */
  ensure(s: ScheduleInput): Promise<void>;
  /** Creates or replaces spec, next fire time and enabled flag. */
  put(s: ScheduleInput): Promise<void>;
  /**
   * Enabled schedules due at `now`, locked for this transaction; rows another instance holds are skipped
   * (FOR UPDATE SKIP LOCKED), so each occurrence is handled by exactly one instance.
   */
  claimDue(now: Date, limit: number): Promise<Schedule[]>;
  /** Moves each schedule on, in one statement however many there are. */
  advanceMany(list: { id: number; nextFireAt: Date }[], lastFiredAt: Date): Promise<void>;
}

/** Reminder settings of a group, stored as JSON; missing keys take the defaults. */
export interface ReminderSettings {
  /** Working days before the papers deadline to remind the group's channels; null turns it off. */
  papersDaysBefore: number | null;
  /** Remind the group's channels the day before a meeting, with its open and overdue actions. */
  dayBefore: boolean;
}

export const DEFAULT_REMINDERS: ReminderSettings = { papersDaysBefore: 2, dayBefore: true };

// Records and repository interfaces for schedules (digests, daily reminders, any registered job); src/store
// implements them.

/** Names the job that fires a schedule ("digest", "reminders"); the job registry (jobs.ts) checks it. */
export type ScheduleKind = string;

export interface Schedule {
  id: number;
  partnershipId: number;
  kind: ScheduleKind;
  /** What it is for, in its job's terms: "link:<id>" for a digest, "partnership:<id>" for reminders. */
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
   * Enabled schedules due at `now` whose kind is one of `kinds`, plus those of any other kind due by
   * `othersDueBy`; locked for this transaction. Rows another instance holds are skipped (FOR UPDATE SKIP
   * LOCKED), so each occurrence is handled by exactly one instance.
   */
  claimDue(now: Date, limit: number, only: { kinds: string[]; othersDueBy: Date }): Promise<Schedule[]>;
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

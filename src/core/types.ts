// Plain domain records the core works with; the store maps its rows to these.
import type { ReminderSettings } from "./schedule/ports.ts";

/** email: people on no chat, or who chose it, get their reminders and digests by mail (src/adapters/email). */
export type Platform = "slack" | "teams" | "shell" | "email";
/** Where an audited action came from: a chat platform, or Quorum itself (the scheduler) acting on no one's behalf. */
export type AuditOrigin = Platform | "system";
export type ActionStatus = "open" | "done" | "dropped";
export type Role = "member" | "admin" | "observer";
export const ROLES: readonly Role[] = ["admin", "member", "observer"];
/** inactive: removed, kept for history, can no longer act; pending: waiting for an admin's approval. */
export type PersonStatus = "active" | "inactive" | "pending";
/** Who may use Quorum from chat; see src/core/directory/admission.ts. */
export type Access = "domains" | "approval" | "open";
export const ACCESS_MODES: readonly Access[] = ["domains", "approval", "open"];

export interface Partnership {
  id: number;
  slug: string;
  name: string;
  timeZone: string;
  replyTargetDays: number;
  /** Direct-message reminders to action owners are on. */
  actionReminders: boolean;
  access: Access;
  /** The partnership's own closure days (local YYYY-MM-DD), on top of bank holidays; absent means none. */
  closureDays?: string[];
}

export interface Organisation {
  id: number;
  partnershipId: number;
  code: string;
  name: string;
  /** Lower-case email domains whose people belong here. */
  domains: string[];
  removedAt: Date | null;
}

export interface Person {
  id: number;
  partnershipId: number;
  handle: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  organisationId: number | null;
  role: Role;
  status: PersonStatus;
}

export interface Group {
  id: number;
  partnershipId: number;
  slug: string;
  name: string;
  theme: string | null;
  chairId: number | null;
  /** Meeting reminder settings as stored; see DEFAULT_REMINDERS for what missing keys mean. */
  reminders: Partial<ReminderSettings>;
  archivedAt: Date | null;
}

export interface Action {
  id: number;
  partnershipId: number;
  number: number;
  title: string;
  ownerId: number;
  organisationId: number | null;
  groupId: number | null;
  meetingId: number | null;
  /** Local date of the occurrence of meetingId the action arose at; null when unknown or no meeting. */
  meetingDate: string | null;
  /** Local date YYYY-MM-DD in the partnership's zone, or null for no deadline. */
  dueOn: string | null;
  status: ActionStatus;
  createdBy: number;
  createdAt: Date;
  closedAt: Date | null;
}

/** An action with the names a reply needs, loaded in one query. */
export interface ActionView extends Action {
  ownerName: string;
  ownerHandle: string;
  orgCode: string | null;
  groupSlug: string | null;
}

export type ActionUpdateKind = "created" | "note" | "done" | "dropped" | "reassigned" | "due" | "reopened";

export interface ActionUpdate {
  id: number;
  actionId: number;
  authorId: number | null;
  authorName: string | null;
  kind: ActionUpdateKind;
  text: string | null;
  at: Date;
}

export interface Meeting {
  id: number;
  partnershipId: number;
  groupId: number;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  place: string | null;
  rrule: string | null;
  papersDaysBefore: number;
  cancelledDates: string[];
  agenda: string[];
  /** Occurrences on a non-working day move to the next or previous working day. */
  adjust: "next" | "previous" | null;
  /** One-off moves: original local date → new start instant (ISO). */
  moves: Record<string, string>;
}

export interface AuditInput {
  partnershipId: number;
  actorId: number | null;
  platform: AuditOrigin;
  verb: string;
  subject: string;
  detail?: Record<string, unknown>;
}

export interface Identity {
  personId: number;
  platform: Platform;
  tenant: string;
  externalId: string;
  /** Opaque to the core: what the adapter needs to message this person unprompted. */
  conversationRef: Record<string, unknown> | null;
}

export type ChannelLinkStatus = "active" | "uninstalled";

/** A Slack channel or Teams conversation Quorum can post to, optionally linked to a group. */
export interface ChannelLink {
  id: number;
  partnershipId: number;
  groupId: number | null;
  platform: Platform;
  tenant: string;
  channelId: string;
  name: string | null;
  /** Opaque to the core: what the adapter needs to post here unprompted. */
  conversationRef: Record<string, unknown> | null;
  digestSchedule: string;
  digestEnabled: boolean;
  digestAllClear: boolean;
  status: ChannelLinkStatus;
}

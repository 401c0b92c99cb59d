// Repository interfaces the core owns; src/store implements them with drizzle, tests may fake them.
import type { EnquiryRepo, FaqRepo, TopicRepo } from "./questions/ports.ts";
import type { ScheduleRepo } from "./schedule/ports.ts";
import type {
  Action,
  ActionStatus,
  ActionUpdate,
  ActionUpdateKind,
  ActionView,
  AuditInput,
  ChannelLink,
  Group,
  Identity,
  Meeting,
  Organisation,
  Partnership,
  Person,
  Platform,
  Role,
} from "./types.ts";

export interface Clock {
  now(): Date;
}

export type NewPartnership = Pick<Partnership, "slug" | "name"> & Partial<Pick<Partnership, "timeZone">>;
export type NewPerson = Pick<Person, "partnershipId" | "handle" | "name"> &
  Partial<Pick<Person, "title" | "email" | "phone" | "organisationId" | "role">>;
export type NewGroup = Pick<Group, "partnershipId" | "slug" | "name"> &
  Partial<Pick<Group, "theme" | "chairId">>;
export type NewAction = Pick<
  Action,
  | "partnershipId"
  | "number"
  | "title"
  | "ownerId"
  | "organisationId"
  | "groupId"
  | "meetingId"
  | "dueOn"
  | "createdBy"
>;
export type NewMeeting = Omit<Meeting, "id" | "cancelledDates" | "agenda"> & {
  agenda?: string[];
  createdBy: number | null;
};

export interface ActionFilter {
  statuses: ActionStatus[];
  ownerId?: number;
  groupId?: number;
  organisationId?: number;
  /** dueOn strictly before this local date (overdue). */
  dueBefore?: string;
  /** dueOn within [from, to], inclusive local dates. */
  dueFrom?: string;
  dueTo?: string;
  limit?: number;
}

export interface PartnershipRepo {
  byId(id: number): Promise<Partnership | null>;
  bySlug(slug: string): Promise<Partnership | null>;
  list(): Promise<Partnership[]>;
  create(p: NewPartnership): Promise<Partnership>;
  /** Reserves the next A-<n> number; the row lock serialises concurrent callers. */
  nextActionNumber(id: number): Promise<number>;
  nextEnquiryNumber(id: number): Promise<number>;
  forInstallation(platform: Platform, tenant: string): Promise<Partnership | null>;
  linkInstallation(partnershipId: number, platform: Platform, tenant: string): Promise<void>;
  setActionReminders(id: number, on: boolean): Promise<void>;
}

export interface OrganisationRepo {
  list(partnershipId: number): Promise<Organisation[]>;
  byCode(partnershipId: number, code: string): Promise<Organisation | null>;
  byId(id: number): Promise<Organisation | null>;
  create(o: Omit<Organisation, "id">): Promise<Organisation>;
}

export interface PersonRepo {
  byId(id: number): Promise<Person | null>;
  byHandle(partnershipId: number, handle: string): Promise<Person | null>;
  byEmail(partnershipId: number, email: string): Promise<Person | null>;
  /** Case-insensitive match on handle or any part of the name. */
  search(partnershipId: number, text: string): Promise<Person[]>;
  list(partnershipId: number): Promise<Person[]>;
  create(p: NewPerson): Promise<Person>;
  setRole(id: number, role: Role): Promise<void>;
  byIdentity(platform: Platform, tenant: string, externalId: string): Promise<Person | null>;
  addIdentity(
    personId: number,
    platform: Platform,
    tenant: string,
    externalId: string,
    conversationRef?: Record<string, unknown>,
  ): Promise<void>;
  /** Most recently linked first: direct messages go to the chat a person joined Quorum from last. */
  identities(personId: number): Promise<Identity[]>;
}

export interface GroupRepo {
  list(partnershipId: number): Promise<Group[]>;
  bySlug(partnershipId: number, slug: string): Promise<Group | null>;
  byId(id: number): Promise<Group | null>;
  create(g: NewGroup): Promise<Group>;
  addMember(groupId: number, personId: number): Promise<void>;
  members(groupId: number): Promise<Person[]>;
  memberships(personId: number): Promise<Group[]>;
  setReminders(groupId: number, settings: Group["reminders"]): Promise<void>;
}

export interface ActionRepo {
  insert(a: NewAction): Promise<Action>;
  byNumber(partnershipId: number, n: number): Promise<ActionView | null>;
  update(
    id: number,
    patch: Partial<Pick<Action, "status" | "ownerId" | "organisationId" | "dueOn" | "closedAt">>,
  ): Promise<void>;
  list(partnershipId: number, filter: ActionFilter): Promise<ActionView[]>;
  addUpdate(
    actionId: number,
    authorId: number | null,
    kind: ActionUpdateKind,
    text: string | null,
  ): Promise<void>;
  updates(actionId: number): Promise<ActionUpdate[]>;
}

export interface MeetingRepo {
  insert(m: NewMeeting): Promise<Meeting>;
  byId(partnershipId: number, id: number): Promise<Meeting | null>;
  list(partnershipId: number, groupId?: number): Promise<Meeting[]>;
  setCancelledDates(id: number, dates: string[]): Promise<void>;
}

export interface AuditRepo {
  record(e: AuditInput): Promise<void>;
}

export type NewChannelLink = Pick<ChannelLink, "partnershipId" | "platform" | "tenant" | "channelId"> &
  Partial<Pick<ChannelLink, "name" | "groupId" | "conversationRef" | "digestEnabled">>;

export interface ChannelLinkRepo {
  byChannel(platform: Platform, tenant: string, channelId: string): Promise<ChannelLink | null>;
  list(partnershipId: number): Promise<ChannelLink[]>;
  /** Creates the link or refreshes its name and reference; an uninstalled link becomes active again. */
  upsert(link: NewChannelLink): Promise<ChannelLink>;
  update(
    id: number,
    patch: Partial<
      Pick<ChannelLink, "groupId" | "digestSchedule" | "digestEnabled" | "digestAllClear" | "status" | "name">
    >,
  ): Promise<void>;
}

export interface NewOutboxMessage {
  partnershipId: number;
  /** kind:subject:occurrence:target; a second enqueue with the same key is ignored. */
  dedupeKey: string;
  kind: string;
  platform: Platform;
  target: Record<string, unknown>;
  payload: Record<string, unknown>;
  notBefore?: Date;
  /** When it was queued by the core's clock; default: now. */
  createdAt?: Date;
  /** After this the worker parks it unsent, as stale (scheduled posts); null or absent: never. */
  expiresAt?: Date | null;
}

export interface OutboxRepo {
  /** False when a message with the same dedupe key already exists. */
  enqueue(m: NewOutboxMessage): Promise<boolean>;
  /** Many at once, in one statement; returns how many were new. */
  enqueueMany(list: NewOutboxMessage[]): Promise<number>;
  /** When the latest message whose dedupe key starts with `keyPrefix` was queued, if after `since`. */
  lastQueuedAt(partnershipId: number, keyPrefix: string, since: Date): Promise<Date | null>;
}

export interface ProcessedEventRepo {
  /** True the first time an event id is seen; false for a retry or redelivery of the same event. */
  claim(platform: Platform, eventId: string): Promise<boolean>;
}

/** Installation-wide choices, such as the partnership the command line opens by default. */
export interface SettingsRepo {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

export interface Repos {
  schedules: ScheduleRepo;
  settings: SettingsRepo;
  partnerships: PartnershipRepo;
  organisations: OrganisationRepo;
  people: PersonRepo;
  groups: GroupRepo;
  actions: ActionRepo;
  meetings: MeetingRepo;
  audit: AuditRepo;
  channels: ChannelLinkRepo;
  outbox: OutboxRepo;
  events: ProcessedEventRepo;
  topics: TopicRepo;
  faq: FaqRepo;
  enquiries: EnquiryRepo;
}

/** Every command runs inside one transaction: a failure leaves nothing half-written. */
export interface Store {
  transaction<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
}

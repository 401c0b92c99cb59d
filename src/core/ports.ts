// Repository interfaces the core owns; src/store implements them with drizzle, tests may fake them.

import type { CalendarLinkRepo } from "./meetings/calendar-ports.ts";
import type { BoardRepo } from "./meetings/ports.ts";
import type { MinutesPreviewRepo } from "./minutes/ports.ts";
import type {
  ChannelLinkRepo,
  OutboxRepo,
  ProcessedEventRepo,
  RateLimitRepo,
  ReadPoint,
  SettingsRepo,
} from "./ports/messaging-repos.ts";
import type { IdentityLinkRepo, WorkspaceRepo } from "./ports/workspace-repos.ts";
import type { DraftRepo, EnquiryRepo, FaqRepo, TopicRepo } from "./questions/ports.ts";
import type { FaqReviewRepo } from "./questions/review-ports.ts";
import type { ReachRepo } from "./reach/ports.ts";
import type { ScheduleRepo } from "./schedule/ports.ts";
import type { ViewLinkRepo } from "./sharing/view-links.ts";
import type {
  Action,
  ActionStatus,
  ActionUpdate,
  ActionUpdateKind,
  ActionView,
  AuditInput,
  Group,
  Identity,
  Meeting,
  Organisation,
  Partnership,
  Person,
  Platform,
  Role,
} from "./types.ts";

// Split out to keep this file readable; the core and the store still import them from here.
export type {
  ChannelLinkRepo,
  EventClaim,
  NewChannelLink,
  NewOutboxMessage,
  OutboxRepo,
  ProcessedEventRepo,
  RateKey,
  RateLimitRepo,
  ReadPoint,
  SettingsRepo,
} from "./ports/messaging-repos.ts";
export type {
  IdentityLink,
  IdentityLinkRepo,
  WorkspaceRepo,
  WorkspaceRequest,
} from "./ports/workspace-repos.ts";

export interface Clock {
  now(): Date;
}

export type NewPartnership = Pick<Partnership, "slug" | "name"> & Partial<Pick<Partnership, "timeZone">>;
export type NewPerson = Pick<Person, "partnershipId" | "handle" | "name"> &
  Partial<Pick<Person, "title" | "email" | "phone" | "organisationId" | "role" | "status">>;
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
> &
  Partial<Pick<Action, "meetingDate">>;
export type NewMeeting = Omit<Meeting, "id" | "cancelledDates" | "agenda" | "adjust" | "moves"> & {
  agenda?: string[];
  adjust?: Meeting["adjust"];
  moves?: Meeting["moves"];
  cancelledDates?: string[];
  createdBy: number | null;
};

export interface ActionFilter {
  statuses: ActionStatus[];
  ownerId?: number;
  groupId?: number;
  organisationId?: number;
  /** Actions that arose at this meeting series (any occurrence). */
  meetingId?: number;
  /** dueOn strictly before this local date (overdue). */
  dueBefore?: string;
  /** dueOn within [from, to], inclusive local dates. */
  dueFrom?: string;
  dueTo?: string;
  /** Words that must each appear (any case) in the title or in one of the action's notes. */
  words?: string[];
  limit?: number;
  /** Rows to skip, for page:2 and on. */
  offset?: number;
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
  setClosureDays(id: number, days: string[]): Promise<void>;
  update(id: number, patch: Partial<Pick<Partnership, "name" | "timeZone" | "access">>): Promise<void>;
}

export type NewOrganisation = Pick<Organisation, "partnershipId" | "code" | "name"> &
  Partial<Pick<Organisation, "domains">>;

export interface OrganisationRepo {
  /** Organisations not removed, by code. */
  list(partnershipId: number): Promise<Organisation[]>;
  /** Includes a removed organisation (the code stays reserved for it). */
  byCode(partnershipId: number, code: string): Promise<Organisation | null>;
  byId(id: number): Promise<Organisation | null>;
  /** The organisation (not removed) that lists this lower-case email domain. */
  byDomain(partnershipId: number, domain: string): Promise<Organisation | null>;
  create(o: NewOrganisation): Promise<Organisation>;
  update(id: number, patch: Partial<Pick<Organisation, "name" | "domains" | "removedAt">>): Promise<void>;
}

export interface PersonRepo {
  byId(id: number): Promise<Person | null>;
  byHandle(partnershipId: number, handle: string): Promise<Person | null>;
  byEmail(partnershipId: number, email: string): Promise<Person | null>;
  /** Case-insensitive match on handle or any part of the name; removed (inactive) people are left out. */
  search(partnershipId: number, text: string): Promise<Person[]>;
  /** Everyone, removed people included (names in history need them); callers filter by status. */
  list(partnershipId: number): Promise<Person[]>;
  /** These people (any status), in no particular order: names for a list without reading everyone. */
  byIds(ids: number[]): Promise<Person[]>;
  create(p: NewPerson): Promise<Person>;
  /** Inserts many in a few statements (a roster import); the result is in no particular order. */
  createMany(ps: NewPerson[]): Promise<Person[]>;
  setRole(id: number, role: Role): Promise<void>;
  update(
    id: number,
    patch: Partial<Pick<Person, "name" | "organisationId" | "role" | "status" | "email">>,
  ): Promise<void>;
  /** Active admins, locked until the transaction ends so two demotions cannot both pass the check. */
  activeAdmins(partnershipId: number): Promise<Person[]>;
  /** Moves everyone not removed from one organisation to another; returns how many. */
  moveOrganisation(fromOrganisationId: number, toOrganisationId: number): Promise<number>;
  byIdentity(platform: Platform, tenant: string, externalId: string): Promise<Person | null>;
  /**
   * The partnership's person with this platform user id in any workspace: Slack and Teams user ids are
   * unique across workspaces, so a Slack Connect guest mentioned in the host's channel is still found.
   */
  byExternalId(partnershipId: number, platform: Platform, externalId: string): Promise<Person | null>;
  addIdentity(
    personId: number,
    platform: Platform,
    tenant: string,
    externalId: string,
    conversationRef?: Record<string, unknown>,
  ): Promise<void>;
  /** Most recently linked first: direct messages go to the chat a person joined Quorum from last. */
  identities(personId: number): Promise<Identity[]>;
  /** The same for many people in one read (a digest's or a reminder run's recipients), by person id. */
  identitiesOf(personIds: readonly number[]): Promise<Map<number, Identity[]>>;
}

export interface GroupRepo {
  /** Groups not archived, by name; bySlug and byId still find archived ones. */
  list(partnershipId: number): Promise<Group[]>;
  bySlug(partnershipId: number, slug: string): Promise<Group | null>;
  byId(id: number): Promise<Group | null>;
  create(g: NewGroup): Promise<Group>;
  addMember(groupId: number, personId: number): Promise<void>;
  /** Adds many at once; existing members are left as they are. */
  addMembers(groupId: number, personIds: number[]): Promise<void>;
  /** False when the person was not a member. */
  removeMember(groupId: number, personId: number): Promise<boolean>;
  members(groupId: number): Promise<Person[]>;
  /** The person's groups, archived ones left out. */
  memberships(personId: number): Promise<Group[]>;
  update(id: number, patch: Partial<Pick<Group, "name" | "chairId" | "archivedAt">>): Promise<void>;
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
  /** How many actions match the filter (its limit and offset ignored). */
  count(partnershipId: number, filter: ActionFilter): Promise<number>;
  addUpdate(
    actionId: number,
    authorId: number | null,
    kind: ActionUpdateKind,
    text: string | null,
  ): Promise<void>;
  updates(actionId: number): Promise<ActionUpdate[]>;
  /** For closed actions: the text of each one's latest done or dropped entry (its note or reason), by id. */
  closingNotes(actionIds: number[]): Promise<Map<number, string>>;
  /** The text of each action's latest entry that has text (a note, or a done/dropped note or reason), by id. */
  latestNotes(actionIds: number[]): Promise<Map<number, { text: string; at: Date }>>;
  /** Moves open actions from one organisation to another; returns how many. */
  moveOrganisation(
    partnershipId: number,
    fromOrganisationId: number,
    toOrganisationId: number,
  ): Promise<number>;
}

export interface MeetingRepo {
  insert(m: NewMeeting): Promise<Meeting>;
  byId(partnershipId: number, id: number): Promise<Meeting | null>;
  /** Meetings of groups that are not archived. */
  list(partnershipId: number, groupId?: number): Promise<Meeting[]>;
  /**
   * Those of `list` that may have an occurrence in progress or starting within [from, to]: series begun
   * by `to`, one-off meetings overlapping the range, and any with a moved occurrence (a move can go
   * anywhere). A superset: the caller still expands each and keeps what falls in the range.
   */
  mayMeetBetween(partnershipId: number, from: Date, to: Date): Promise<Meeting[]>;
  setCancelledDates(id: number, dates: string[]): Promise<void>;
  update(
    id: number,
    patch: Partial<Omit<Meeting, "id" | "partnershipId" | "groupId" | "agenda">>,
  ): Promise<void>;
}

export interface AuditRepo {
  record(e: AuditInput): Promise<void>;
  recordMany(es: AuditInput[]): Promise<void>;
}

/** One transaction's repos. Each is built when first used (store/repo-set.ts): wrap them by name, not by spreading. */
export interface Repos {
  workspaces: WorkspaceRepo;
  identityLinks: IdentityLinkRepo;
  schedules: ScheduleRepo;
  settings: SettingsRepo;
  partnerships: PartnershipRepo;
  organisations: OrganisationRepo;
  people: PersonRepo;
  groups: GroupRepo;
  actions: ActionRepo;
  meetings: MeetingRepo;
  /** A meeting occurrence's agenda, apologies, decisions and papers link. */
  boards: BoardRepo;
  audit: AuditRepo;
  channels: ChannelLinkRepo;
  outbox: OutboxRepo;
  events: ProcessedEventRepo;
  rateLimits: RateLimitRepo;
  topics: TopicRepo;
  faq: FaqRepo;
  /** FAQ owners, review dates and unhelpful marks. */
  faqReview: FaqReviewRepo;
  enquiries: EnquiryRepo;
  drafts: DraftRepo;
  viewLinks: ViewLinkRepo;
  reach: ReachRepo;
  calendarLinks: CalendarLinkRepo;
  minutes: MinutesPreviewRepo;
}

/** Every command runs inside one transaction: a failure leaves nothing half-written. */
export interface Store {
  /** `seen`: what this event's counting statement read just before (see ReadPoint). */
  transaction<T>(fn: (repos: Repos) => Promise<T>, seen?: ReadPoint): Promise<T>;
  /**
   * Each statement on its own, committed at once, without BEGIN and COMMIT round trips: only for a
   * single write that must stand whatever happens next (a rate-limit count, a replay claim).
   */
  autocommit<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  /**
   * `first` as autocommit runs it, then what `next` makes of its result: a transaction, or an answer
   * without one. On PostgreSQL the transaction's BEGIN goes out right behind first's statement, on one
   * connection, so every inbound command waits for one round trip fewer. `first` sends one statement at most.
   */
  autocommitThen<A, T>(first: (repos: Repos) => Promise<A>, next: (result: A) => Then<T>): Promise<T>;
}

/** What follows a Store.autocommitThen statement: a transaction (with what the statement read), or `done`. */
export type Then<T> =
  | { transaction: (repos: Repos) => Promise<T>; seen?: ReadPoint | undefined }
  | { done: T };

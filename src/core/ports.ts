// Repository interfaces the core owns; src/store implements them with drizzle, tests may fake them.

import type { CalendarLinkRepo } from "./meetings/calendar-ports.ts";
import type { BoardRepo } from "./meetings/ports.ts";
import type { MinutesPreviewRepo } from "./minutes/ports.ts";
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

/** A key in the processed-events ledger: true the first time it is claimed, for the platform's events. */
export interface EventClaim {
  platform: Platform;
  key: string;
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

/** One counter to add a hit to, and the most hits its window allows. */
export interface RateKey {
  key: string;
  limit: number;
}

export interface RateLimitRepo {
  /**
   * Adds one hit to each key's count for the window starting at `windowStart`, atomically (one statement,
   * so concurrent instances count exactly), in order, and stops after the first key whose new count is
   * over its limit: a refused hit must not use up the wider allowances after it. Returns the new counts of
   * the keys it counted, in order.
   */
  hit(windowStart: Date, keys: RateKey[]): Promise<number[]>;
  /**
   * An inbound event's statement: claims `claim` in the processed-events ledger and, only if the claim is
   * new, counts the hits as `hit` does, in one round trip; a claim taken before counts nothing (counts []).
   * Without a claim (the event was claimed apart, as a Teams turn is) it counts and is always `claimed`.
   * Either way it also reads `seen`, for the event's transaction to start from.
   */
  hitOnce(
    claim: EventClaim | undefined,
    windowStart: Date,
    keys: RateKey[],
  ): Promise<{ claimed: boolean; counts: number[]; seen?: ReadPoint }>;
}

/**
 * What a statement run just before a transaction saw, for that transaction to take as its own first read:
 * the statement that counts an event (and claims it, if run once) reads the directory's version in the same round trip, and
 * the event's transaction then need not read it again (store/directory-cache.ts). Opaque to the core,
 * which only hands it from the one to the other; it must come from the same event.
 */
export interface ReadPoint {
  readonly directoryVersion?: number;
}

/** A workspace or tenant that installed Quorum and waits for a partnership admin's decision. */
export interface WorkspaceRequest {
  id: number;
  platform: Platform;
  tenant: string;
  name: string | null;
  partnershipId: number | null;
  status: "pending" | "declined";
  requestedBy: string | null;
  createdAt: Date;
}

export interface WorkspaceRepo {
  request(platform: Platform, tenant: string): Promise<WorkspaceRequest | null>;
  /** Records (or renews, after a decline) a pending request. */
  ask(
    r: Pick<WorkspaceRequest, "platform" | "tenant" | "name" | "partnershipId" | "requestedBy">,
  ): Promise<WorkspaceRequest>;
  /**
   * Records a pending request only when the workspace has none (pending or declined): the new request, or
   * null when one exists. One statement, so two first contacts at once record (and announce) one.
   */
  askOnce(
    r: Pick<WorkspaceRequest, "platform" | "tenant" | "name" | "partnershipId" | "requestedBy">,
  ): Promise<WorkspaceRequest | null>;
  pending(partnershipId: number): Promise<WorkspaceRequest[]>;
  decline(id: number, at: Date): Promise<void>;
  /** Accepted: the request is done with (the installation row now says where the workspace belongs). */
  forget(id: number): Promise<void>;
  /** The organisation newcomers from this linked workspace join when their email domain matches none. */
  defaultOrganisation(platform: Platform, tenant: string): Promise<number | null>;
  setDefaultOrganisation(platform: Platform, tenant: string, organisationId: number | null): Promise<void>;
}

/** A one-time "link me" code (kept hashed) for a chat user Quorum could not match to a person. */
export interface IdentityLink {
  id: number;
  partnershipId: number;
  platform: Platform;
  tenant: string;
  externalId: string;
  /** Their name as the platform showed it, for whoever finishes the link. */
  name: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  personId: number | null;
  /** The offer "link confirm" last showed: who saw it, and whom its Confirm would link (null: none shown). */
  offerById: number | null;
  offerForId: number | null;
}

export interface IdentityLinkRepo {
  /** A new code for the identity; any code it asked for before and has not used stops working. */
  create(
    link: Pick<
      IdentityLink,
      "partnershipId" | "platform" | "tenant" | "externalId" | "name" | "expiresAt"
    > & {
      codeHash: string;
    },
  ): Promise<IdentityLink>;
  byCode(partnershipId: number, codeHash: string): Promise<IdentityLink | null>;
  /** Marks it used by the person, unless it was used already (then false: it works once, even in a race). */
  use(id: number, personId: number, at: Date): Promise<boolean>;
  /** Records the offer a preview showed (replacing any earlier one): only its key can confirm it. */
  offer(id: number, offer: { keyHash: string; byId: number; forId: number }): Promise<void>;
  byOffer(partnershipId: number, keyHash: string): Promise<IdentityLink | null>;
  /** Cancel: the offer is gone, the code itself still works for whoever asked for it. */
  withdrawOffer(id: number): Promise<void>;
}

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
}

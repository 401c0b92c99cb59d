// Drizzle schema for the whole partnership domain (see DESIGN.md); the core never imports this.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const partnerships = pgTable("partnerships", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  timeZone: text("time_zone").notNull().default("Europe/London"),
  replyTargetDays: integer("reply_target_days").notNull().default(3),
  // Per-partnership counters for A-<n> and Q-<n>; bumped with UPDATE ... RETURNING so the row lock serialises them.
  nextActionNo: integer("next_action_no").notNull().default(1),
  nextEnquiryNo: integer("next_enquiry_no").notNull().default(1),
  defaultContactId: integer("default_contact_id"),
  // Direct-message reminders to action owners (2 working days before due, and on becoming overdue).
  actionReminders: boolean("action_reminders").notNull().default(true),
  // Who may use Quorum from chat: "domains" (org email domains join, others wait), "approval", "open".
  access: text("access").notNull().default("domains"),
  // The partnership's own days off (a Christmas shutdown), local YYYY-MM-DD, on top of bank holidays.
  closureDays: text("closure_days").array().notNull().default(sql`'{}'::text[]`),
  createdAt: createdAt(),
});

export const installations = pgTable(
  "installations",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    platform: text("platform").notNull(),
    tenant: text("tenant").notNull(),
    // Chosen when the workspace was accepted: newcomers from it whose email domain matches no organisation.
    defaultOrganisationId: integer("default_organisation_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("installations_platform_tenant").on(t.platform, t.tenant)],
);

// A chat workspace (or tenant) that installed Quorum and waits for a partnership admin to accept it.
// Accepted requests become installations rows; declined ones stay so the workspace is not asked again.
export const workspaceRequests = pgTable(
  "workspace_requests",
  {
    id: serial("id").primaryKey(),
    platform: text("platform").notNull(),
    tenant: text("tenant").notNull(),
    name: text("name"),
    // The partnership the install link named (or the only one); null: an operator links it by hand.
    partnershipId: integer("partnership_id").references(() => partnerships.id),
    // "pending" or "declined".
    status: text("status").notNull().default("pending"),
    requestedBy: text("requested_by"),
    createdAt: createdAt(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("workspace_requests_platform_tenant").on(t.platform, t.tenant)],
);

// A Slack workspace's tokens from the OAuth install, sealed with AES-256-GCM (src/store/secret-box.ts);
// never exported with a partnership. key_id names the key both ciphertexts are sealed under.
export const slackInstallations = pgTable("slack_installations", {
  teamId: text("team_id").primaryKey(),
  enterpriseId: text("enterprise_id"),
  teamName: text("team_name"),
  appId: text("app_id"),
  botId: text("bot_id"),
  botUserId: text("bot_user_id"),
  scopes: text("scopes").notNull().default(""),
  keyId: text("key_id").notNull(),
  botToken: text("bot_token").notNull(),
  refreshToken: text("refresh_token"),
  // Seconds since the epoch, as Slack's token rotation counts them; null when the token does not expire.
  expiresAt: integer("expires_at"),
  installerUserId: text("installer_user_id"),
  installedAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const organisations = pgTable(
  "organisations",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    // Lower-case email domains whose people belong here (a.gov.uk); used to admit new chat users.
    domains: text("domains").array().notNull().default(sql`'{}'::text[]`),
    // Removed organisations stay for history (closed actions, former people); lists hide them.
    removedAt: timestamp("removed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("organisations_code").on(t.partnershipId, t.code)],
);

export const people = pgTable(
  "people",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    handle: text("handle").notNull(),
    name: text("name").notNull(),
    title: text("title"),
    email: text("email"),
    phone: text("phone"),
    organisationId: integer("organisation_id").references(() => organisations.id),
    role: text("role").notNull().default("member"),
    // "active", "inactive" (removed: kept for history, can no longer act) or "pending" (awaiting approval).
    status: text("status").notNull().default("active"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("people_handle").on(t.partnershipId, t.handle),
    uniqueIndex("people_email").on(t.partnershipId, sql`lower(${t.email})`),
  ],
);

export const identities = pgTable(
  "identities",
  {
    id: serial("id").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    platform: text("platform").notNull(),
    tenant: text("tenant").notNull(),
    externalId: text("external_id").notNull(),
    // What the adapter needs to message this person unprompted (Teams: serviceUrl, 1:1 conversation id).
    conversationRef: jsonb("conversation_ref"),
    createdAt: createdAt(),
    // When the person last spoke to Quorum through this identity: their reminders go where they were last.
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("identities_external").on(t.platform, t.tenant, t.externalId)],
);

// A chat user Quorum can't match by email (a Slack Connect guest whose workspace hides it) asked to be
// linked: a one-time code, kept only as its hash, that they finish from a chat where Quorum knows them,
// or that an admin finishes for them. used_at and person_id say who redeemed it.
export const identityLinks = pgTable(
  "identity_links",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    platform: text("platform").notNull(),
    tenant: text("tenant").notNull(),
    externalId: text("external_id").notNull(),
    name: text("name"),
    codeHash: text("code_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    personId: integer("person_id").references(() => people.id),
    // "link confirm" shows what would happen first; the shown offer (a hashed one-time key, who saw it and
    // whom it would link) is what the Confirm click must match, so a code typed from a phishing line links nothing.
    offerHash: text("offer_hash"),
    offerById: integer("offer_by_id").references(() => people.id),
    offerForId: integer("offer_for_id").references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("identity_links_code").on(t.codeHash)],
);

export const groups = pgTable(
  "groups",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    theme: text("theme"),
    chairId: integer("chair_id").references(() => people.id),
    // Meeting reminders to the group's channels; see src/core/schedule/reminder-settings.ts for defaults.
    reminders: jsonb("reminders").$type<Record<string, unknown>>().notNull().default({}),
    // Archived groups vanish from lists, calendars and digests; their history stays.
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("groups_slug").on(t.partnershipId, t.slug)],
);

export const groupMembers = pgTable(
  "group_members",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.personId] }),
    // A person's groups (home, every permission check on a group): without it, a scan of all memberships.
    index("group_members_person").on(t.personId),
  ],
);

export const channelLinks = pgTable(
  "channel_links",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    groupId: integer("group_id").references(() => groups.id),
    platform: text("platform").notNull(),
    tenant: text("tenant").notNull(),
    channelId: text("channel_id").notNull(),
    name: text("name"),
    // Whatever the adapter needs to post here unprompted (Teams: serviceUrl, conversation, tenant).
    conversationRef: jsonb("conversation_ref"),
    digestSchedule: text("digest_schedule").notNull().default("mon 09:00"),
    digestEnabled: boolean("digest_enabled").notNull().default(true),
    // With nothing to report, post a short "all clear" (true) or stay silent (false).
    digestAllClear: boolean("digest_all_clear").notNull().default(true),
    status: text("status").notNull().default("active"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("channel_links_channel").on(t.platform, t.tenant, t.channelId)],
);

export const meetings = pgTable(
  "meetings",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id),
    title: text("title").notNull(),
    // First occurrence as an instant; recurrences are computed from its wall-clock time in the partnership zone.
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    durationMinutes: integer("duration_minutes").notNull().default(120),
    place: text("place"),
    rrule: text("rrule"),
    // Working days (weekends, bank holidays and closure days skipped) between papers and the meeting.
    papersDaysBefore: integer("papers_days_before").notNull().default(5),
    // An occurrence on a non-working day moves to the "next" or "previous" working day; null leaves it.
    adjust: text("adjust"),
    // Occurrences moved one by one: original local date (YYYY-MM-DD) → new start instant (ISO).
    moves: jsonb("moves").$type<Record<string, string>>().notNull().default({}),
    // Local start dates (YYYY-MM-DD) of occurrences that were cancelled one by one.
    cancelledDates: text("cancelled_dates").array().notNull().default(sql`'{}'::text[]`),
    agenda: jsonb("agenda").$type<string[]>().notNull().default([]),
    createdBy: integer("created_by").references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [index("meetings_group").on(t.partnershipId, t.groupId)],
);

export const actions = pgTable(
  "actions",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    ownerId: integer("owner_id")
      .notNull()
      .references(() => people.id),
    organisationId: integer("organisation_id").references(() => organisations.id),
    groupId: integer("group_id").references(() => groups.id),
    meetingId: integer("meeting_id").references(() => meetings.id),
    // Local date of the occurrence of meetingId the action arose at (a series meets many times).
    meetingDate: date("meeting_date"),
    dueOn: date("due_on"),
    status: text("status").notNull().default("open"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("actions_number").on(t.partnershipId, t.number),
    index("actions_status_due").on(t.partnershipId, t.status, t.dueOn),
    index("actions_owner").on(t.ownerId, t.status),
    // action search: ILIKE '%word%' on titles is answered by a trigram index (fastupdate off: see faq).
    index("actions_title_trgm").using("gin", t.title.op("gin_trgm_ops")).with({ fastupdate: false }),
    index("actions_meeting").on(t.meetingId, t.meetingDate),
  ],
);

export const actionUpdates = pgTable(
  "action_updates",
  {
    id: serial("id").primaryKey(),
    actionId: integer("action_id")
      .notNull()
      .references(() => actions.id),
    authorId: integer("author_id").references(() => people.id),
    kind: text("kind").notNull(),
    text: text("text"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("action_updates_action").on(t.actionId, t.at),
    // action search looks in notes too: the same trigram index as titles.
    index("action_updates_text_trgm").using("gin", t.text.op("gin_trgm_ops")).with({ fastupdate: false }),
  ],
);

// PostgreSQL's tsvector: drizzle has no built-in column type for it.
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const topics = pgTable(
  "topics",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    contactId: integer("contact_id").references(() => people.id),
    keywords: text("keywords").array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("topics_slug").on(t.partnershipId, t.slug)],
);

export const faqEntries = pgTable(
  "faq_entries",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    topicId: integer("topic_id").references(() => topics.id),
    question: text("question").notNull(),
    answer: text("answer").notNull(),
    source: text("source"),
    // Normalised question text: re-importing a document updates the entry with the same key.
    sourceKey: text("source_key").notNull(),
    // Set on a confirmed alternative wording of another entry: searched like a question, answered as its
    // entry, and removed with it.
    phrasingOf: integer("phrasing_of").references((): AnyPgColumn => faqEntries.id, { onDelete: "cascade" }),
    // Who keeps the entry true; null means the topic's contact, so a new contact inherits the entries.
    ownerId: integer("owner_id").references(() => people.id),
    // When it is next due for review: six months on from creation or the last review. The default
    // also backfills entries older than this column, six months from the upgrade (no flood of reminders).
    reviewDueOn: date("review_due_on").notNull().default(sql`(current_date + interval '6 months')::date`),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // Kept by PostgreSQL itself so no writer can forget it; the question outranks the answer (A over B).
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english'::regconfig, coalesce("question", '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce("answer", '')), 'B')`,
      ),
  },
  (t) => [
    uniqueIndex("faq_entries_key").on(t.partnershipId, t.sourceKey),
    // fastupdate off on every search index: PGlite has no autovacuum, so GIN's pending list of recent
    // inserts would never be merged and every search would read all of it (2 ms a look-up at 5,000).
    index("faq_entries_search").using("gin", t.search).with({ fastupdate: false }),
    // Trigram index on the question: misspelt and very short queries still find their entry.
    index("faq_entries_question_trgm")
      .using("gin", t.question.op("gin_trgm_ops"))
      .with({ fastupdate: false }),
    // The question's own lexemes: candidates for ranking without the answer words every entry shares.
    index("faq_entries_question_search")
      .using("gin", sql`to_tsvector('english'::regconfig, ${t.question})`)
      .with({ fastupdate: false }),
    index("faq_entries_topic").on(t.topicId),
    index("faq_entries_phrasing_of").on(t.phrasingOf),
    index("faq_entries_review_due").on(t.partnershipId, t.reviewDueOn),
  ],
);

// "Ask a person" after an FAQ answer: one row each time an entry's answer did not do, for its owner.
export const faqUnhelpful = pgTable(
  "faq_unhelpful",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    entryId: integer("entry_id")
      .notNull()
      .references(() => faqEntries.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    enquiryId: integer("enquiry_id").references(() => enquiries.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("faq_unhelpful_entry").on(t.entryId),
    index("faq_unhelpful_at").on(t.partnershipId, t.createdAt),
  ],
);

// The partnership's own synonyms for FAQ search ("civil servant" = "official"), used both ways.
export const faqSynonyms = pgTable(
  "faq_synonyms",
  {
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    term: text("term").notNull(),
    alternative: text("alternative").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.term, t.alternative] })],
);

// A wording one asker said an entry answers, waiting for a second person or the contact to confirm it.
export const faqProvisionalPhrasings = pgTable(
  "faq_provisional_phrasings",
  {
    id: serial("id").primaryKey(),
    entryId: integer("entry_id")
      .notNull()
      .references(() => faqEntries.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    // Normalised wording: the same question typed again by someone else confirms it.
    key: text("key").notNull(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("faq_provisional_phrasings_key").on(t.entryId, t.key)],
);

// FAQ vocabulary, kept by a trigger on faq_entries (migration 0005) so bulk inserts cannot skip it:
// the lexemes any entry contains, and the words of the questions with how many entries use each.
export const faqLexemes = pgTable(
  "faq_lexemes",
  {
    partnershipId: integer("partnership_id").notNull(),
    lexeme: text("lexeme").notNull(),
    entries: integer("entries").notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.lexeme] })],
);

// How many entries (phrasings included) each partnership's FAQ has, kept by a trigger on faq_entries
// (migration 0028, hand-written): every search weighs words by rarity, and counting the entries there read the table.
export const faqEntryCounts = pgTable("faq_entry_counts", {
  partnershipId: integer("partnership_id").primaryKey(),
  entries: integer("entries").notNull(),
});

export const faqQuestionWords = pgTable(
  "faq_question_words",
  {
    partnershipId: integer("partnership_id").notNull(),
    word: text("word").notNull(),
    entries: integer("entries").notNull(),
  },
  (t) => [
    // Word first: a key led by the partnership tempts the planner (PGlite never analyzes) to read the
    // partnership's whole vocabulary instead of asking the trigram index.
    primaryKey({ columns: [t.word, t.partnershipId] }),
    // Spelling correction looks up near words here, a few hundred rows, not the whole FAQ.
    index("faq_question_words_trgm").using("gin", t.word.op("gin_trgm_ops")).with({ fastupdate: false }),
  ],
);

export const enquiries = pgTable(
  "enquiries",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    number: integer("number").notNull(),
    askerId: integer("asker_id")
      .notNull()
      .references(() => people.id),
    askedOn: text("asked_on").notNull(),
    text: text("text").notNull(),
    topicId: integer("topic_id").references(() => topics.id),
    assigneeId: integer("assignee_id").references(() => people.id),
    status: text("status").notNull().default("open"),
    answer: text("answer"),
    answeredBy: integer("answered_by").references(() => people.id),
    createdAt: createdAt(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("enquiries_number").on(t.partnershipId, t.number),
    index("enquiries_status").on(t.partnershipId, t.status),
    index("enquiries_assignee").on(t.assigneeId, t.status),
    index("enquiries_asker").on(t.askerId, t.status),
  ],
);

// A direct message waiting for its asker's Send or Cancel: one per person, replaced by the next one.
export const enquiryDrafts = pgTable("enquiry_drafts", {
  personId: integer("person_id")
    .primaryKey()
    .references(() => people.id),
  partnershipId: integer("partnership_id")
    .notNull()
    .references(() => partnerships.id),
  text: text("text").notNull(),
  // The FAQ entry Quorum answered it with: sending it on anyway counts against that entry.
  answeredEntryId: integer("answered_entry_id").references(() => faqEntries.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

export const auditEvents = pgTable(
  "audit_events",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    actorId: integer("actor_id").references(() => people.id),
    platform: text("platform").notNull(),
    verb: text("verb").notNull(),
    subject: text("subject").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_events_subject").on(t.partnershipId, t.subject)],
);

export const outbox = pgTable(
  "outbox",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    // kind/subject/occurrence/target: the same message can never be enqueued twice.
    dedupeKey: text("dedupe_key").notNull().unique(),
    kind: text("kind").notNull(),
    platform: text("platform").notNull(),
    target: jsonb("target").$type<Record<string, unknown>>().notNull(),
    // platform:tenant:target id, the unit the platform rate-limits; pacing is keyed on it.
    targetKey: text("target_key").notNull().default(""),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    notBefore: timestamp("not_before", { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    lastError: text("last_error"),
    messageId: text("message_id"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    // Set by the scheduled job that queued it: after this the worker parks it unsent as stale.
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [
    index("outbox_due").on(t.status, t.notBefore),
    index("outbox_target").on(t.targetKey, t.status),
    // A conversation goes strictly in id order: whether a pending row is first of its target is one probe here.
    index("outbox_target_head").on(t.targetKey, t.id).where(sql`${t.status} = 'pending'`),
    // The worker's lanes (a platform's tenant): finding them and claiming one lane's due rows in order
    // read only this index's pending entries, never the whole backlog.
    index("outbox_lane_due")
      .on(t.platform, sql`(${t.target}->>'tenant')`, t.notBefore, t.id)
      .where(sql`${t.status} = 'pending'`),
  ],
);

// Platform event ids already handled: Slack retries and Teams redeliveries must not act twice.
export const processedEvents = pgTable(
  "processed_events",
  {
    platform: text("platform").notNull(),
    eventId: text("event_id").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.eventId] }), index("processed_events_at").on(t.receivedAt)],
);

// Recurring work with its next fire time; advanced in the same transaction that enqueues the work.
export const schedules = pgTable(
  "schedules",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    // The job that fires it (src/core/schedule/jobs): "digest" (subject link:<id>), "reminders"
    // (subject partnership:<id>), ...
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    // When, in the partnership's zone: "mon 09:00", "weekdays 08:30", "daily 09:00".
    spec: text("spec").notNull(),
    nextFireAt: timestamp("next_fire_at", { withTimezone: true }).notNull(),
    lastFiredAt: timestamp("last_fired_at", { withTimezone: true }),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("schedules_subject").on(t.kind, t.subject),
    index("schedules_due").on(t.enabled, t.nextFireAt),
  ],
);

// When each rate-limited target (a channel, a conversation, a tenant) may next be sent to; shared by
// every instance, advanced with a compare-and-set so two senders cannot both take the same slot.
export const targetPace = pgTable("target_pace", {
  key: text("key").primaryKey(),
  nextAt: timestamp("next_at", { withTimezone: true }).notNull(),
});

// Installation-wide choices the command line remembers, e.g. which partnership `quorum start` opens.
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// Commands counted per key (a user, a partnership, enrolments) in fixed one-minute windows; one atomic
// upsert per hit, so every instance shares the same count. Old windows are pruned by maintenance.
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_limits_window").on(t.windowStart)],
);

// Files offered behind an unguessable, expiring link (/files/<token>): a paper or an export made in chat.
// Only the token's SHA-256 is stored, so a database read does not give working links away.
export const sharedFiles = pgTable(
  "shared_files",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    tokenHash: text("token_hash").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    // Base64: the same on both drivers, and files here are small (a paper, an export).
    body: text("body").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("shared_files_token").on(t.tokenHash), index("shared_files_expiry").on(t.expiresAt)],
);

// A group's read-only web page (/view/<token>), made by `group share` and ended by `group unshare`.
// One link per group; only the token's SHA-256 is stored, so a database read gives no working link away.
export const groupViewLinks = pgTable(
  "group_view_links",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id),
    tokenHash: text("token_hash").notNull(),
    createdBy: integer("created_by").references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("group_view_links_group").on(t.groupId),
    uniqueIndex("group_view_links_token").on(t.tokenHash),
  ],
);

// A meeting occurrence's business, keyed by the series and the occurrence's rule date (the date the
// repeat gives it, which stays the same when that one meeting is moved): agenda items, apologies, the
// decisions recorded there and the link to its board papers.
export const agendaItems = pgTable(
  "agenda_items",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    occurrenceDate: date("occurrence_date").notNull(),
    title: text("title").notNull(),
    paperUrl: text("paper_url"),
    presenterId: integer("presenter_id").references(() => people.id),
    proposedBy: integer("proposed_by")
      .notNull()
      .references(() => people.id),
    // Added after the papers deadline (only the chair or an admin may): shown as a late item.
    late: boolean("late").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("agenda_items_occurrence").on(t.meetingId, t.occurrenceDate)],
);

export const apologies = pgTable(
  "apologies",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    occurrenceDate: date("occurrence_date").notNull(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("apologies_person").on(t.meetingId, t.occurrenceDate, t.personId)],
);

export const decisions = pgTable(
  "decisions",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    occurrenceDate: date("occurrence_date").notNull(),
    text: text("text").notNull(),
    recordedBy: integer("recorded_by")
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("decisions_occurrence").on(t.meetingId, t.occurrenceDate),
    index("decisions_partnership").on(t.partnershipId, t.occurrenceDate),
  ],
);

export const papersLinks = pgTable(
  "papers_links",
  {
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    occurrenceDate: date("occurrence_date").notNull(),
    url: text("url").notNull(),
    setBy: integer("set_by").references(() => people.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.occurrenceDate] })],
);

// Where a person chose to be reached (me notify email|slack|teams); no row means auto (where they were last).
export const notifyChoices = pgTable("notify_choices", {
  personId: integer("person_id")
    .primaryKey()
    .references(() => people.id),
  platform: text("platform").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// Groups whose digest is also emailed to members who have email and no chat, or chose email (digest email on).
export const groupEmailDigests = pgTable("group_email_digests", {
  groupId: integer("group_id")
    .primaryKey()
    .references(() => groups.id),
  enabledBy: integer("enabled_by").references(() => people.id),
  createdAt: createdAt(),
});

// Calendar subscription links (/calendar/<token>.ics), one per person and group: a member's private feed
// address for Outlook or Google. Only the token's SHA-256 is stored; revoking sets revoked_at.
export const calendarLinks = pgTable(
  "calendar_links",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    tokenHash: text("token_hash").notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("calendar_links_token").on(t.tokenHash),
    index("calendar_links_group_person").on(t.groupId, t.personId),
  ],
);

// Actions read from pasted minutes, waiting for their author's Create all (or Cancel): only the
// preview's id travels on the buttons. Kept after use (status) so a second click can say what happened.
export const minutesPreviews = pgTable(
  "minutes_previews",
  {
    id: serial("id").primaryKey(),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    // Local date (YYYY-MM-DD) of the occurrence the actions arose at.
    meetingDate: text("meeting_date").notNull(),
    items: jsonb("items").$type<unknown[]>().notNull(),
    unread: jsonb("unread").$type<unknown[]>().notNull(),
    // pending, created or cancelled; only a pending preview can be changed or used.
    status: text("status").notNull().default("pending"),
    refs: text("refs").array().notNull().default(sql`'{}'::text[]`),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("minutes_previews_person").on(t.personId, t.status)],
);

// One row, bumped by triggers (migration directory_version_triggers) whenever a partnership, installation,
// person, identity or channel link changes: instances compare it per event to know their directory cache is
// current, so a removed person or a relinked workspace is seen at once, whichever instance or code wrote it.
export const directoryVersion = pgTable("directory_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull().default(0),
});

// The core's Store over drizzle: each unit of work is one database transaction.

import type { Repos, Store } from "../core/ports.ts";
import { DirectoryCache, readDirectoryPoint } from "./directory-cache.ts";
import type { Database, Db } from "./open-database.ts";
import { type OpenScope, pipelinedThen } from "./pipelined.ts";
import { type RepoFactories, type RepoWrap, repoSet } from "./repo-set.ts";
import { actionRepo, auditRepo, meetingRepo } from "./repos/action-repos.ts";
import { boardRepo } from "./repos/board-repo.ts";
import { calendarLinkRepo } from "./repos/calendar-link-repo.ts";
import { groupRepo, organisationRepo, partnershipRepo } from "./repos/directory-repos.ts";
import { draftRepo } from "./repos/draft-repo.ts";
import { faqReviewRepo } from "./repos/faq-review-repo.ts";
import { identityLinkRepo } from "./repos/identity-link-repo.ts";
import { channelLinkRepo, outboxRepo, processedEventRepo } from "./repos/messaging-repos.ts";
import { minutesPreviewRepo } from "./repos/minutes-preview-repo.ts";
import { personRepo } from "./repos/person-repo.ts";
import { enquiryRepo, faqRepo, topicRepo } from "./repos/question-repos.ts";
import { rateLimitRepo } from "./repos/rate-limit-repos.ts";
import { reachRepo } from "./repos/reach-repo.ts";
import { scheduleRepo } from "./repos/schedule-repos.ts";
import { settingsRepo } from "./repos/settings-repo.ts";
import { viewLinkRepo } from "./repos/view-link-repo.ts";
import { workspaceRepo } from "./repos/workspace-repo.ts";

const FACTORIES: RepoFactories = {
  partnerships: partnershipRepo,
  organisations: organisationRepo,
  people: personRepo,
  groups: groupRepo,
  actions: actionRepo,
  meetings: meetingRepo,
  boards: boardRepo,
  audit: auditRepo,
  channels: channelLinkRepo,
  outbox: outboxRepo,
  events: processedEventRepo,
  rateLimits: rateLimitRepo,
  schedules: scheduleRepo,
  settings: settingsRepo,
  topics: topicRepo,
  faq: faqRepo,
  faqReview: faqReviewRepo,
  enquiries: enquiryRepo,
  drafts: draftRepo,
  viewLinks: viewLinkRepo,
  reach: reachRepo,
  calendarLinks: calendarLinkRepo,
  minutes: minutesPreviewRepo,
  workspaces: workspaceRepo,
  identityLinks: identityLinkRepo,
};

const TxRepos = repoSet(FACTORIES);

/**
 * The repos for statements that each commit on their own. The rate counters and the replay ledger there
 * commit without waiting for the disk flush (unflushed.ts).
 */
const LoneRepos = repoSet({
  ...FACTORIES,
  rateLimits: (db) => rateLimitRepo(db, { lone: true }),
  events: (db) => processedEventRepo(db, { lone: true }),
});

/** The repos over one database or transaction handle, each built when first used (repo-set.ts). */
export function reposFor(db: Db, wrap?: RepoWrap): Repos {
  return new TxRepos(db, wrap);
}

function loneRepos(db: Db): Repos {
  return new LoneRepos(db);
}

/**
 * With a cache, each transaction's hot directory look-ups go through it (directory-cache.ts) and what it
 * read is kept once it commits; without one (most tests and benches), every look-up is a query.
 */
export function createStore(db: Db, cache?: DirectoryCache): Store {
  const open: OpenScope = cache
    ? (tx, seen) => cache.scope(tx, (wrap) => reposFor(tx, wrap), seen)
    : (tx) => ({ repos: reposFor(tx), commit: () => {} });
  // A versioned cache reads the directory's version in every transaction that looks someone up: on
  // PostgreSQL it goes out behind BEGIN, so it costs no round trip of its own (pipelined.ts).
  const readPoint = cache?.mode === "versioned" ? readDirectoryPoint : undefined;
  const pipelined = pipelinedThen(db, loneRepos, open, readPoint);
  const plain: Store["transaction"] = async (fn, seen) => {
    let commit = () => {};
    const result = await db.transaction((tx) => {
      const scope = open(tx as unknown as Db, seen);
      commit = scope.commit;
      return fn(scope.repos);
    });
    commit();
    return result;
  };
  const transaction: Store["transaction"] =
    pipelined && readPoint ? (fn, seen) => pipelined(null, () => ({ transaction: fn, seen })) : plain;
  const lone = loneRepos(db);
  // PGlite queues a lone statement behind any open transaction, so it never lands inside one.
  const autocommit: Store["autocommit"] = (fn) => fn(lone);
  const autocommitThen: Store["autocommitThen"] =
    pipelined ??
    (async (first, next) => {
      const step = next(await autocommit(first));
      return "done" in step ? step.done : plain(step.transaction, step.seen);
    });
  return { transaction, autocommit, autocommitThen };
}

/** The store an app runs on: its directory cache told of changes the way its driver allows. */
export function cachedStore(database: Database): { store: Store; cache: DirectoryCache } {
  const cache = new DirectoryCache(database.listen ? "notified" : "versioned");
  if (database.listen)
    // Until LISTEN is in place the cache serves nothing; if it fails, it never does.
    void database
      .listen(DIRECTORY_CHANNEL, () => cache.changed())
      .then(
        () => cache.listen(),
        () => {},
      );
  return { store: createStore(database.db, cache), cache };
}

/** The channel the directory triggers notify (migration 0022). */
export const DIRECTORY_CHANNEL = "quorum_directory";

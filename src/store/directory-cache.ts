// What every inbound event reads and seldom changes (a workspace's partnership, an identity's person, a
// shell handle's person, a known channel), kept in process and dropped whenever the directory changes.
import { sql } from "drizzle-orm";
import type { ReadPoint, Repos } from "../core/ports.ts";
import { cloneData } from "./clone-data.ts";
import type { Db } from "./open-database.ts";
import type { RepoWrap } from "./repo-set.ts";
import { preparedRows } from "./repos/prepared.ts";

/**
 * How a cache learns of a change. Triggers on the cached tables bump the one directory_version row and
 * notify quorum_directory (migration 0022), whoever writes, through the repos or raw SQL:
 * - "notified" (PGlite, one process): the notification arrives in process as the writer commits, before
 *   its await returns, so the cache is dropped before any later event reads it, with no round trip.
 * - "versioned" (PostgreSQL, any number of instances): each transaction that wants the cache reads the
 *   version first (one tiny indexed read that replaces two to four look-ups), or takes the one its event's
 *   counting statement (claim included) read just before (a ReadPoint), which saves that round trip. A notification
 *   would reach other instances a little after the commit; the version is current at the read, after the
 *   event arrived, so a person removed or a workspace relinked on one instance is refused or moved on every
 *   other at its very next event.
 */
export type CacheMode = "notified" | "versioned";

/** Methods whose results are kept; every other method of these repos may write, so it stops caching for its transaction. */
const CACHED = {
  partnerships: ["forInstallation"],
  people: ["byIdentity", "byHandle"],
  channels: ["byChannel"],
} as const;
const WATCHED = ["partnerships", "people", "channels", "reach"] as const;
const isWatched = (name: string): name is (typeof WATCHED)[number] =>
  (WATCHED as readonly string[]).includes(name);
/**
 * Methods of the watched repos that change nothing the cache holds (reads, the A-/Q- counters, other
 * tables). Any other method, including one added later, stops the cache for the rest of its transaction.
 */
const HARMLESS = new Set([
  "byId",
  "bySlug",
  "list",
  "byEmail",
  "search",
  "identities",
  "activeAdmins",
  "nextActionNumber",
  "nextEnquiryNumber",
  "notifyChoice",
  "notifyChoices",
  "setNotifyChoice",
  "emailDigestGroups",
  "setEmailDigest",
]);

/** An identity's last_used_at is kept to the hour in SQL; this instance asks at most every few minutes. */
const TOUCH_EVERY_MS = 5 * 60_000;

export class DirectoryCache {
  /** The directory_version the entries belong to ("versioned"), or a local count of notifications. */
  private version = -1;
  private readonly entries = new Map<string, unknown>();
  private readonly touched = new Map<string, number>();

  /** "notified" serves nothing until its LISTEN is in place, or a change could slip by unheard. */
  private listening: boolean;

  constructor(
    readonly mode: CacheMode,
    private readonly max = 20_000,
  ) {
    this.listening = mode === "versioned";
    if (mode === "notified") this.version = 0;
  }

  /** Called once the notifications are heard ("notified" mode). */
  listen(): void {
    this.changed();
    this.listening = true;
  }

  get ready(): boolean {
    return this.listening;
  }

  /** A notification from the triggers (or a caller that knows better): forget everything. */
  changed(): void {
    this.version++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The repos of one transaction, with the hot look-ups answered from the cache and fills kept until commit.
   * `seen`: the version this event's counting statement read just before, taken instead of reading it.
   */
  scope(db: Db, build: (wrap: RepoWrap) => Repos, seen?: ReadPoint): { repos: Repos; commit(): void } {
    const tx = new TxScope(this, db, seen?.directoryVersion);
    // Each watched repo is wrapped when the transaction first uses it; the rest are used as built.
    const wrap: RepoWrap = (name, repo) => {
      if (name === "reach") return this.touching(tx, repo as Repos["reach"]) as typeof repo;
      return isWatched(name) ? (this.watch(tx, name, repo) as typeof repo) : repo;
    };
    return { repos: build(wrap), commit: () => tx.commit() };
  }

  /** Reach, with each identity's "last seen" written at most once per TOUCH_EVERY_MS. */
  private touching(tx: TxScope, reach: Repos["reach"]): Repos["reach"] {
    const watched = this.watch(tx, "reach", reach) as Repos["reach"];
    return {
      ...watched,
      touchIdentity: (platform, tenant, externalId, now) => {
        const key = `${platform}\u0000${tenant}\u0000${externalId}`;
        const last = this.touched.get(key);
        if (last !== undefined && now.getTime() - last < TOUCH_EVERY_MS && now.getTime() >= last)
          return Promise.resolve();
        if (this.touched.size >= this.max) this.touched.clear();
        this.touched.set(key, now.getTime());
        return reach.touchIdentity(platform, tenant, externalId, now);
      },
    };
  }

  private watch(tx: TxScope, repoName: (typeof WATCHED)[number], repo: object): object {
    const cached: readonly string[] = (CACHED as Record<string, readonly string[]>)[repoName] ?? [];
    const out: Record<string, unknown> = {};
    for (const [method, fn] of Object.entries(repo)) {
      if (typeof fn !== "function") continue;
      const call = fn as (...args: unknown[]) => Promise<unknown>;
      if (cached.includes(method)) {
        out[method] = (...args: unknown[]) =>
          tx.read(
            `${repoName}.${method}\u0000${args.join("\u0000")}`,
            () => call(...args),
            keepsNull(method),
          );
      } else if (HARMLESS.has(method)) {
        out[method] = call;
      } else {
        out[method] = (...args: unknown[]) => {
          tx.dirty = true;
          return call(...args);
        };
      }
    }
    return out;
  }

  /**
   * The version a transaction may use the cache at. Any other version than the cache's empties it, a lower
   * one too: a restored database counts up again from an older number, and entries kept from before the
   * restore would then be served as current. (An older transaction still in flight costs only a refill.)
   */
  accept(seen: number): number | null {
    if (seen !== this.version) {
      this.entries.clear();
      this.version = seen;
    }
    return seen;
  }

  current(): number {
    return this.version;
  }

  lookup(key: string): { hit: boolean; value?: unknown } {
    return this.entries.has(key) ? { hit: true, value: this.entries.get(key) } : { hit: false };
  }

  fill(key: string, value: unknown, at: number): void {
    if (at !== this.version) return;
    // Installations and active people are few; the bound stops made-up ids from growing it without end.
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, value);
  }
}

/** An unknown identity is worth remembering (the insert trigger drops it); other misses are not looked up again. */
const keepsNull = (method: string) => method === "byIdentity";

/**
 * Prepared and without parameters: every cached transaction on PostgreSQL sends it. Built with the query
 * builder it went unprepared, so postgres.js waited for a describe round trip before each run (prepared.ts).
 */
const VERSION_READ = sql`select version from directory_version where id = 1`;

/**
 * The directory's version as a ReadPoint ("versioned" mode), for a transaction to read as its first
 * statement; on PostgreSQL the store sends it behind BEGIN without waiting for BEGIN's answer.
 */
export async function readDirectoryPoint(db: Db): Promise<ReadPoint> {
  const [row] = await preparedRows<{ version: number | string }>(db, VERSION_READ);
  return row ? { directoryVersion: Number(row.version) } : {};
}

/** One transaction's view: which version it reads at, whether it wrote, and what it found to keep. */
class TxScope {
  dirty = false;
  private at: Promise<number | null> | undefined;
  private readonly fills: { key: string; value: unknown; at: number }[] = [];

  constructor(
    private readonly cache: DirectoryCache,
    private readonly db: Db,
    /** Read by the event's own statement just before this transaction: as fresh as the event. */
    private readonly seen: number | undefined,
  ) {}

  async read(key: string, load: () => Promise<unknown>, keepNull: boolean): Promise<unknown> {
    if (this.dirty) return load();
    const at = await this.version();
    if (at === null || this.dirty) return load();
    const hit = this.cache.lookup(key);
    // A copy: a caller that changes what it was given must not change what the next event gets.
    if (hit.hit && at === this.cache.current()) return cloneData(hit.value);
    const value = await load();
    if (value !== null || keepNull) this.fills.push({ key, value: cloneData(value), at });
    return value;
  }

  /** After COMMIT: what this transaction read becomes visible to the next, unless it wrote to the directory. */
  commit(): void {
    if (this.dirty) return;
    for (const f of this.fills) this.cache.fill(f.key, f.value, f.at);
  }

  private version(): Promise<number | null> {
    this.at ??= this.readVersion();
    return this.at;
  }

  private async readVersion(): Promise<number | null> {
    if (!this.cache.ready) return null;
    if (this.cache.mode === "notified") return this.cache.current();
    if (this.seen !== undefined) return this.cache.accept(this.seen);
    const { directoryVersion } = await readDirectoryPoint(this.db);
    return directoryVersion === undefined ? null : this.cache.accept(directoryVersion);
  }
}

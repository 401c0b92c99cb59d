// How many commands and first contacts Quorum accepts a minute, counted in the database so every
// instance enforces the same limits; over a limit the person is told to slow down and nothing is written.
import { QuorumError } from "./errors.ts";
import type { InboundEvent } from "./inbound.ts";
import type { EventClaim, RateKey, RateLimitRepo, ReadPoint, Repos } from "./ports.ts";

export interface RateLimits {
  /** Commands one chat user may send a minute. */
  userPerMinute: number;
  /** Commands a whole partnership (all its workspaces and tenants) may send a minute. */
  partnershipPerMinute: number;
  /** New chat identities a partnership may take on a minute (first contacts, which can create people). */
  enrolmentsPerMinute: number;
  /** "link me" codes one chat account may ask for a minute: its own allowance, not first contacts'. */
  linkCodesPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  userPerMinute: 200,
  partnershipPerMinute: 3000,
  enrolmentsPerMinute: 30,
  linkCodesPerMinute: 3,
};

/**
 * Fixed one-minute windows: one row and one atomic upsert per key per hit, a count that is exact across
 * instances, and an honest "wait N seconds" (until the window ends). The price is that a burst straddling
 * a window edge can reach twice the limit in a minute, which is fine for a guard against floods.
 */
const WINDOW_MS = 60_000;

export interface RateWindow {
  start: Date;
  /** Whole seconds until the next window, at least 1. */
  secondsLeft: number;
}

export function windowAt(now: Date): RateWindow {
  const startMs = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  return {
    start: new Date(startMs),
    secondsLeft: Math.max(1, Math.ceil((startMs + WINDOW_MS - now.getTime()) / 1000)),
  };
}

/** Told once per key and window, on the first refusal, so a flood gives one log line, not thousands. */
export type OnRateLimited = (info: { key: string; limit: number; event: InboundEvent }) => void;

/**
 * Which partnership each workspace or tenant belongs to, as this instance last saw it run a command: the
 * limit check then needs no look-up of its own. A workspace's first command here counts only against its
 * sender; a re-linked workspace counts against its old partnership for at most a minute.
 */
export class PartnershipMemo {
  private readonly seen = new Map<string, { id: number; until: number }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly max = 10_000,
  ) {}

  get(event: InboundEvent, now: Date): number | undefined {
    const hit = this.seen.get(`${event.platform}:${event.tenant}`);
    return hit && hit.until > now.getTime() ? hit.id : undefined;
  }

  set(event: InboundEvent, partnershipId: number, now: Date): void {
    // Installations are few; the bound only stops a flood of made-up tenant ids from growing it.
    if (this.seen.size >= this.max) this.seen.clear();
    this.seen.set(`${event.platform}:${event.tenant}`, {
      id: partnershipId,
      until: now.getTime() + this.ttlMs,
    });
  }
}

/**
 * Counts a command against its sender and then its partnership in one statement, committed on its own
 * before the command: the count must survive the command's rollback, and the partnership's counter row
 * must not stay locked while a command runs. The shell is exempt: whoever runs it holds the database.
 * With a `claim` (an event to run once), the same statement claims it first and counts only if the claim
 * is new; null then means it was claimed before, and nothing was counted. Otherwise what the statement
 * read on the way (a ReadPoint) for the command's transaction. `lone`: the repos of Store.autocommit (or
 * of autocommitThen's first statement).
 */
export async function checkCommandRate(
  lone: Repos,
  limits: RateLimits,
  event: InboundEvent,
  now: Date,
  opts: {
    partnershipId?: number | undefined;
    onLimited?: OnRateLimited | undefined;
    claim?: EventClaim | undefined;
  } = {},
): Promise<{ seen?: ReadPoint } | null> {
  const { claim } = opts;
  const window = windowAt(now);
  const keys: RateKey[] = [];
  if (event.platform !== "shell") {
    keys.push({
      key: `cmd:user:${event.platform}:${event.tenant}:${event.userId}`,
      limit: limits.userPerMinute,
    });
    if (opts.partnershipId !== undefined)
      keys.push({ key: `cmd:partnership:${opts.partnershipId}`, limit: limits.partnershipPerMinute });
  }
  if (!claim && keys.length === 0) return {};
  const outcome: { claimed: boolean; counts: number[]; seen?: ReadPoint } = await lone.rateLimits.hitOnce(
    claim,
    window.start,
    keys,
  );
  if (!outcome.claimed) return null;
  const refused = overLimit(outcome.counts, keys);
  if (!refused) return outcome.seen ? { seen: outcome.seen } : {};
  if (refused.count === refused.limit + 1)
    opts.onLimited?.({ key: refused.key, limit: refused.limit, event });
  const who = refused.key.startsWith("cmd:user:")
    ? "you're sending commands faster than Quorum accepts"
    : "your partnership is sending Quorum more commands than it accepts";
  throw new QuorumError(
    "rate_limited",
    `Slow down: ${who} (${perMinute(refused.limit)}). ${pleaseWait(window)}`,
  );
}

/**
 * Counts a new chat identity against its partnership, inside the command's transaction: if the command
 * fails, the person it would have created is rolled back and so is the count.
 */
export async function checkEnrolmentRate(
  repos: Repos,
  limits: RateLimits,
  partnershipId: number,
  now: Date,
): Promise<void> {
  const window = windowAt(now);
  const limit = limits.enrolmentsPerMinute;
  const refused = await hitOverLimit(repos.rateLimits, window, [
    { key: `enrol:partnership:${partnershipId}`, limit },
  ]);
  if (!refused) return;
  throw new QuorumError(
    "rate_limited",
    `Quorum is meeting more new people than it accepts at once (${perMinute(limit)}). ${pleaseWait(window)}`,
  );
}

/**
 * Counts a "link me" against the account asking (by its own workspace), inside the command's transaction. It
 * is kept apart from the partnership's first contacts so that one account asking again and again can't use
 * up the budget that lets real newcomers in; each account has one live code anyway (asking retires the last).
 */
export async function checkLinkCodeRate(
  repos: Repos,
  limits: RateLimits,
  account: { platform: string; tenant: string; userId: string },
  now: Date,
): Promise<void> {
  const window = windowAt(now);
  const limit = limits.linkCodesPerMinute;
  const refused = await hitOverLimit(repos.rateLimits, window, [
    { key: `link:user:${account.platform}:${account.tenant}:${account.userId}`, limit },
  ]);
  if (!refused) return;
  throw new QuorumError(
    "rate_limited",
    `You've asked for link codes more often than Quorum accepts (${perMinute(limit)}); your last code still works. ${pleaseWait(window)}`,
  );
}

async function hitOverLimit(
  repo: RateLimitRepo,
  window: RateWindow,
  keys: RateKey[],
): Promise<(RateKey & { count: number }) | undefined> {
  return overLimit(await repo.hit(window.start, keys), keys);
}

/** The first key whose new count is over its limit, if any. */
function overLimit(counts: number[], keys: RateKey[]): (RateKey & { count: number }) | undefined {
  for (const [i, count] of counts.entries()) {
    const k = keys[i];
    if (k && count > k.limit) return { ...k, count };
  }
  return undefined;
}

const perMinute = (n: number) => `${n.toLocaleString("en-GB")} a minute`;

const pleaseWait = (w: RateWindow) =>
  `Please wait about ${w.secondsLeft === 1 ? "a second" : `${w.secondsLeft} seconds`} and try again.`;

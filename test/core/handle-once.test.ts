// handleOnce claims an event in the statement that counts it against the rate limits: one round trip, same rules.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import type { InboundEvent } from "../../src/core/inbound.ts";
import type { Repos, Store } from "../../src/core/ports.ts";
import { createQuorum } from "../../src/core/quorum.ts";
import type { RateLimits } from "../../src/core/rate-limits.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { actions, processedEvents, rateLimits } from "../../src/store/schema.ts";
import { countRows, NOW, useHarness } from "../helpers/harness.ts";

const h = useHarness();

const helen = (
  text: string,
  where: InboundEvent["conversation"] = { id: "D0HELEN", kind: "direct" },
): InboundEvent => ({
  platform: "slack",
  tenant: "T0ESSEX",
  userId: "U0HELEN",
  text,
  conversation: where,
  profile: { email: "helen.marsh@example.gov.uk" },
});

/** The store, with each lone statement (the claim and count) written down, or failing when told to. */
function watchedStore(opts: { fail?: boolean } = {}) {
  const store = createStore(h.database.db);
  const lone: number[] = [];
  const statement =
    <A extends unknown[], T>(send: (...args: A) => Promise<T>) =>
    (...args: A): Promise<T> => {
      lone.push(1);
      return opts.fail ? Promise.reject(new Error("connection lost")) : send(...args);
    };
  // By name, not { ...repos }: a transaction's repos are getters that build each one on first use.
  const watchedRepos = (repos: Repos): Repos => {
    const rateLimits = { hit: statement(repos.rateLimits.hit), hitOnce: statement(repos.rateLimits.hitOnce) };
    const events = { claim: statement(repos.events.claim) };
    return new Proxy(repos, {
      get: (target, name) =>
        name === "rateLimits" ? rateLimits : name === "events" ? events : Reflect.get(target, name),
    });
  };
  const watched: Store = {
    transaction: (fn) => store.transaction(fn),
    autocommit: (fn) => store.autocommit((repos) => fn(watchedRepos(repos))),
    autocommitThen: (first, next) => store.autocommitThen((repos) => first(watchedRepos(repos)), next),
  };
  return { store: watched, lone };
}

const quorumOn = (store: Store, limits: Partial<RateLimits> = {}) => {
  const unexpected: unknown[] = [];
  const quorum = createQuorum({
    store,
    clock: { now: () => NOW },
    rateLimits: limits,
    onUnexpected: (e) => unexpected.push(e),
  });
  return { quorum, unexpected };
};

const helenCount = async () =>
  (
    await h.database.db
      .select({ count: rateLimits.count })
      .from(rateLimits)
      .where(eq(rateLimits.key, "cmd:user:slack:T0ESSEX:U0HELEN"))
  )[0]?.count ?? 0;

describe("handleOnce", () => {
  it("claims and counts a command in one lone statement; a copy runs nothing and counts nothing", async () => {
    const { store, lone } = watchedStore();
    const { quorum } = quorumOn(store);
    const before = await countRows(h, actions);
    const first = await quorum.handleOnce("Ev-once", helen('action add "Only once" @helen'));
    expect(first?.tone).not.toBe("error");
    expect(lone).toHaveLength(1);
    expect(await helenCount()).toBe(1);
    expect(await quorum.handleOnce("Ev-once", helen('action add "Only once" @helen'))).toBeNull();
    expect(lone).toHaveLength(2);
    expect(await helenCount()).toBe(1);
    expect(await countRows(h, actions)).toBe(before + 1);
  });

  it("claims a line it does not count (a typo, an unknown word, a form's words), so a copy answers nothing", async () => {
    const { store } = watchedStore();
    const { quorum } = quorumOn(store);
    // In a channel, where words that are no command are an error (a DM would read them as a question).
    const channel = { id: "CHWB", kind: "channel" } as const;
    for (const [key, text] of [
      ["Ev-typo", "actoin list"],
      ["Ev-unknown", "frobnicate"],
      ["Ev-form", "new action"],
    ] as const) {
      expect(await quorum.handleOnce(key, helen(text, channel))).not.toBeNull();
      expect(await quorum.handleOnce(key, helen(text, channel))).toBeNull();
    }
    expect(await helenCount()).toBe(0);
    expect(await countRows(h, processedEvents)).toBeGreaterThanOrEqual(3);
  });

  it("claims a refused command too: its copy is not refused again, it is ignored", async () => {
    const { quorum } = quorumOn(createStore(h.database.db), { userPerMinute: 1 });
    expect((await quorum.handleOnce("Ev-a", helen("whoami")))?.tone).not.toBe("error");
    expect((await quorum.handleOnce("Ev-b", helen("whoami")))?.title).toMatch(/^Slow down/);
    expect(await quorum.handleOnce("Ev-b", helen("whoami"))).toBeNull();
    expect(await helenCount()).toBe(2);
  });

  it("claims a shell event without counting it", async () => {
    const { quorum } = quorumOn(createStore(h.database.db), { userPerMinute: 0 });
    expect((await quorum.handleOnce("Ev-shell", shellEvent("jo", "whoami")))?.title).toContain(
      "Jo Whitfield",
    );
    expect(await quorum.handleOnce("Ev-shell", shellEvent("jo", "whoami"))).toBeNull();
  });

  it("throws a fault in the claiming statement, as a failed claim always did, so the platform may redeliver", async () => {
    const { store } = watchedStore({ fail: true });
    const { quorum, unexpected } = quorumOn(store);
    await expect(quorum.handleOnce("Ev-fault", helen("whoami"))).rejects.toThrow("connection lost");
    await expect(quorum.handleOnce("Ev-fault-typo", helen("actoin list"))).rejects.toThrow("connection lost");
    expect(unexpected).toEqual([]);
    // handle, which claims nothing, answers a failed count with an apology as before.
    expect((await quorum.handle(helen("whoami"))).title).toMatch(/^Sorry, something went wrong/);
  });
});

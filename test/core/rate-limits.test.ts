// Rate limits in the core: per user, per partnership and on first contact, counted in the database.
import { eq, count as sqlCount } from "drizzle-orm";
import type { AnyPgTable } from "drizzle-orm/pg-core";
import { beforeEach, describe, expect, it } from "vitest";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import type { Card } from "../../src/core/card.ts";
import type { InboundEvent } from "../../src/core/inbound.ts";
import type { Store } from "../../src/core/ports.ts";
import { createQuorum, type Quorum } from "../../src/core/quorum.ts";
import { DEFAULT_RATE_LIMITS, PartnershipMemo, type RateLimits } from "../../src/core/rate-limits.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { maintain } from "../../src/store/maintenance.ts";
import { openDatabase } from "../../src/store/open-database.ts";
import {
  actions,
  auditEvents,
  identities,
  people,
  processedEvents,
  rateLimits,
} from "../../src/store/schema.ts";
import { useFresh } from "../helpers/fresh.ts";
import { NOW } from "../helpers/harness.ts";
import { openTestDatabase, serverUrl } from "../helpers/test-db.ts";

/** A fresh Slack workspace per test: its first command links it, and everyone in it is met anew. */
let team = "T0";
let teams = 0;
const PARTNERS = {
  jo: { id: "UJO", email: "jo.whitfield@example.gov.uk" },
  helen: { id: "UHELEN", email: "helen.marsh@example.gov.uk" },
  sam: { id: "USAM", email: "sam.okafor@example.gov.uk" },
  martin: { id: "UMARTIN", email: "martin.reeve@example.gov.uk" },
};

/** A command from a Slack user, as the adapter hands it in (profile email included). */
const slack = (who: { id: string; email: string }, text: string): InboundEvent => ({
  platform: "slack",
  tenant: team,
  userId: who.id,
  text,
  conversation: { id: `D${who.id}`, kind: "direct" },
  profile: { email: who.email, name: who.id },
});

/** Each test's own database, with the demo partnership loaded as at NOW. */
const database = useFresh(() => openTestDatabase({ demo: true }));
let store: Store;
let now: Date;
/** The start of this test's minute: an hour after the demo was loaded, so no counter is already running. */
let start: Date;
let limited: string[];
const clock = { now: () => now };
const at = (ms: number) => new Date(start.getTime() + ms);

beforeEach(() => {
  store = createStore(database.db);
  start = new Date(NOW.getTime() + 3600_000);
  now = start;
  limited = [];
  team = `TRATE${++teams}`;
});

function quorum(limits: Partial<RateLimits> = {}): Quorum {
  return createQuorum({
    store,
    clock,
    rateLimits: limits,
    onRateLimited: ({ key }) => limited.push(key),
  });
}

async function count(table: AnyPgTable): Promise<number> {
  const [row] = await database.db.select({ n: sqlCount() }).from(table);
  return row?.n ?? 0;
}
const isRefused = (c: Card) => c.tone === "error" && c.title.startsWith("Slow down");

describe("per-user command limit", () => {
  it("at the default, runs a user's first 200 commands in a minute and refuses the 201st, writing nothing", async () => {
    expect(DEFAULT_RATE_LIMITS.userPerMinute).toBe(200);
    const q = quorum();
    const before = await count(actions);
    for (let i = 1; i <= 200; i++) {
      const reply = await q.handle(slack(PARTNERS.jo, `action add "Rate test ${i}"`));
      expect(reply.tone, `command ${i}: ${reply.title}`).not.toBe("error");
    }
    expect(await count(actions)).toBe(before + 200);
    const audits = await count(auditEvents);

    now = at(15_000);
    const refused = await q.handle(slack(PARTNERS.jo, 'action add "One too many"'));
    expect(refused.tone).toBe("error");
    expect(refused.title).toBe(
      "Slow down: you're sending commands faster than Quorum accepts (200 a minute). Please wait about 45 seconds and try again.",
    );
    expect(refused.blocks).toEqual([]);
    expect(await count(actions)).toBe(before + 200);
    expect(await count(auditEvents)).toBe(audits);
    expect(limited).toEqual([`cmd:user:slack:${team}:${PARTNERS.jo.id}`]);
  });

  it("leaves another user alone, and lets the first go again in the next minute", async () => {
    const q = quorum({ userPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect(isRefused(await q.handle(slack(PARTNERS.jo, "whoami")))).toBe(false);
    expect(isRefused(await q.handle(slack(PARTNERS.jo, "whoami")))).toBe(true);
    expect(isRefused(await q.handle(slack(PARTNERS.jo, "whoami")))).toBe(true);
    // Told once per window, however many refusals follow.
    expect(limited).toHaveLength(1);

    const helen = await q.handle(slack(PARTNERS.helen, "whoami"));
    expect(helen.title).toContain("Helen Marsh");

    now = at(59_999);
    const late = await q.handle(slack(PARTNERS.jo, "whoami"));
    expect(late.title).toContain("Please wait about a second");
    now = at(60_000);
    expect((await q.handle(slack(PARTNERS.jo, "whoami"))).title).toContain("Jo Whitfield");
  });

  it("counts only commands that parse, and never limits the shell, whose user holds the database", async () => {
    const q = quorum({ userPerMinute: 1 });
    for (let i = 0; i < 3; i++) {
      expect((await q.handle(slack(PARTNERS.jo, "actoin list"))).title).toContain("Did you mean");
    }
    expect((await q.handle(slack(PARTNERS.jo, "whoami"))).title).toContain("Jo Whitfield");
    for (let i = 0; i < 3; i++) {
      expect((await q.handle(shellEvent("jo", "whoami"))).title).toContain("Jo Whitfield");
    }
  });
});

describe("per-partnership command limit", () => {
  it("caps the partnership's total, and a user refused for their own flood uses none of it", async () => {
    const q = quorum({ userPerMinute: 2, partnershipPerMinute: 5 });
    // The first command links the workspace to the partnership; from then on both counters apply.
    expect(isRefused(await q.handle(slack(PARTNERS.jo, "whoami")))).toBe(false);
    expect(isRefused(await q.handle(slack(PARTNERS.jo, "whoami")))).toBe(false);
    for (let i = 0; i < 10; i++) expect(isRefused(await q.handle(slack(PARTNERS.jo, "whoami")))).toBe(true);
    // Jo's one counted command (the first ran before the link) leaves 4 for the others.
    for (const who of [PARTNERS.helen, PARTNERS.helen, PARTNERS.sam, PARTNERS.sam]) {
      expect(isRefused(await q.handle(slack(who, "whoami")))).toBe(false);
    }
    const refused = await q.handle(slack(PARTNERS.martin, "whoami"));
    expect(refused.title).toBe(
      "Slow down: your partnership is sending Quorum more commands than it accepts (5 a minute). Please wait about 60 seconds and try again.",
    );
  });
});

describe("the workspace-to-partnership memo the check uses instead of a look-up", () => {
  it("remembers for a minute, per workspace, and stays bounded", () => {
    const memo = new PartnershipMemo(60_000, 2);
    const event = (tenant: string) => ({ ...slack(PARTNERS.jo, "whoami"), tenant });
    memo.set(event("T1"), 7, NOW);
    expect(memo.get(event("T1"), new Date(NOW.getTime() + 59_999))).toBe(7);
    expect(memo.get(event("T1"), new Date(NOW.getTime() + 60_000))).toBeUndefined();
    expect(memo.get(event("T2"), NOW)).toBeUndefined();
    memo.set(event("T2"), 8, NOW);
    memo.set(event("T3"), 9, NOW);
    expect(memo.get(event("T3"), NOW)).toBe(9);
    expect(memo.get(event("T1"), NOW)).toBeUndefined();
  });
});

describe("first-contact enrolment limit", () => {
  const stranger = (n: number) => ({ id: `UNEW${n}`, email: `new.person${n}@example.org` });

  it("lets a partnership meet only so many new identities a minute, creating no one when refused", async () => {
    const q = quorum({ enrolmentsPerMinute: 2 });
    expect((await q.handle(slack(stranger(1), "whoami"))).title).toContain("(@new.person1)");
    // Linking an existing partner's chat account is a first contact too.
    expect((await q.handle(slack(PARTNERS.helen, "whoami"))).title).toContain("Helen Marsh");
    const peopleBefore = await count(people);
    const identitiesBefore = await count(identities);

    const refused = await q.handle(slack(stranger(2), "whoami"));
    expect(refused.tone).toBe("error");
    expect(refused.title).toBe(
      "Quorum is meeting more new people than it accepts at once (2 a minute). Please wait about 60 seconds and try again.",
    );
    expect(await count(people)).toBe(peopleBefore);
    expect(await count(identities)).toBe(identitiesBefore);
    // People already met carry on as usual.
    expect((await q.handle(slack(stranger(1), "whoami"))).tone).not.toBe("error");

    now = at(60_000);
    expect((await q.handle(slack(stranger(2), "whoami"))).title).toContain("(@new.person2)");
    expect(await count(people)).toBe(peopleBefore + 1);
  });
});

describe("link me allowance", () => {
  /** A chat account whose email Quorum can't see: it can only ask for a link code. */
  const hidden = (id: string): InboundEvent => ({
    ...slack({ id, email: "" }, "link me"),
    profile: { name: id },
  });
  const gotCode = (c: Card) => /[2-9A-Z]{4}-[2-9A-Z]{4}/.test(cardToText(c));

  it("limits one account's link me on its own key, leaving the partnership's first contacts alone", async () => {
    const q = quorum({ enrolmentsPerMinute: 2, linkCodesPerMinute: 2 });
    // Jo's first command links the workspace: one of the two first contacts this minute.
    expect((await q.handle(slack(PARTNERS.jo, "whoami"))).title).toContain("Jo Whitfield");
    expect(gotCode(await q.handle(hidden("UHID1")))).toBe(true);
    expect(gotCode(await q.handle(hidden("UHID1")))).toBe(true);
    for (let i = 0; i < 3; i++) {
      const refused = await q.handle(hidden("UHID1"));
      expect(refused.tone).toBe("error");
      expect(refused.title).toBe(
        "You've asked for link codes more often than Quorum accepts (2 a minute); your last code still works. Please wait about 60 seconds and try again.",
      );
    }
    // Another account has its own allowance, and a real newcomer still gets in.
    expect(gotCode(await q.handle(hidden("UHID2")))).toBe(true);
    expect((await q.handle(slack(PARTNERS.helen, "whoami"))).title).toContain("Helen Marsh");
    // The newcomer budget itself still holds for first contacts.
    expect((await q.handle(slack(PARTNERS.sam, "whoami"))).title).toContain("meeting more new people");

    now = at(60_000);
    expect(gotCode(await q.handle(hidden("UHID1")))).toBe(true);
  });
});

describe("the counter", () => {
  const hits = (s: Store, n: number, key: string) =>
    Promise.all(
      Array.from({ length: n }, () =>
        s.transaction((r) => r.rateLimits.hit(start, [{ key, limit: 10_000 }])),
      ),
    );

  it("counts parallel hits exactly, each hit seeing its own count", async () => {
    const counts = (await hits(store, 40, "k:parallel")).map(([c]) => c);
    expect([...counts].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const rows = await database.db.select().from(rateLimits).where(eq(rateLimits.key, "k:parallel"));
    expect(rows.map((r) => r.count)).toEqual([40]);
  });

  // PGlite is one connection in one process; separate instances sharing a counter need a server.
  it.skipIf(!serverUrl())("counts exactly when two instances hit the same key at once", async () => {
    const other = await openDatabase(database.url as string);
    try {
      const results = await Promise.all([
        hits(store, 60, "k:instances"),
        hits(createStore(other.db), 60, "k:instances"),
      ]);
      const counts = results.flat().map(([c]) => c ?? 0);
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    } finally {
      await other.close();
    }
  });

  it("stops at the first key over its limit, leaving later keys uncounted", async () => {
    const keys = [
      { key: "k:first", limit: 1 },
      { key: "k:second", limit: 100 },
    ];
    expect(await store.transaction((r) => r.rateLimits.hit(start, keys))).toEqual([1, 1]);
    expect(await store.transaction((r) => r.rateLimits.hit(start, keys))).toEqual([2]);
    expect(await store.transaction((r) => r.rateLimits.hit(start, keys))).toEqual([3]);
    const later = at(60_000);
    expect(await store.transaction((r) => r.rateLimits.hit(later, keys))).toEqual([1, 1]);
  });
});

describe("maintenance", () => {
  it("prunes finished windows and keeps the current one", async () => {
    const key = [{ key: "k:prune", limit: 10 }];
    const old = at(-3600_000);
    await store.transaction((r) => r.rateLimits.hit(old, key));
    await store.transaction((r) => r.rateLimits.hit(start, key));
    await maintain(database, at(30_000));
    const rows = await database.db.select().from(rateLimits).where(eq(rateLimits.key, "k:prune"));
    expect(rows.map((r) => r.windowStart.toISOString())).toEqual([start.toISOString()]);
  });

  it("forgets event ids after a day but remembers a used email link for longer than a link lasts", async () => {
    const day = 24 * 3600_000;
    await database.db.insert(processedEvents).values([
      { platform: "slack", eventId: "Ev-prune", receivedAt: start },
      { platform: "email", eventId: "link:used-once", receivedAt: start },
    ]);
    const left = async () =>
      (await database.db.select().from(processedEvents))
        .map((r) => r.eventId)
        .filter((id) => id === "Ev-prune" || id === "link:used-once");
    await maintain(database, at(2 * day));
    expect(await left()).toEqual(["link:used-once"]);
    await maintain(database, at(30 * day));
    expect(await left()).toEqual(["link:used-once"]);
    await maintain(database, at(32 * day));
    expect(await left()).toEqual([]);
  });
});

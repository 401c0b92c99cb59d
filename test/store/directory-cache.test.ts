// The directory cache never lets a removed person or an unlinked workspace keep acting: not after a
// command, not after SQL from outside the store, not on another instance, and a rolled-back change is not kept.
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import { card } from "../../src/core/card.ts";
import type { InboundEvent } from "../../src/core/inbound.ts";
import type { Store } from "../../src/core/ports.ts";
import { createQuorum, type Quorum } from "../../src/core/quorum.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { DirectoryCache } from "../../src/store/directory-cache.ts";
import { cachedStore } from "../../src/store/drizzle-store.ts";
import type { Database } from "../../src/store/open-database.ts";
import { installations, people } from "../../src/store/schema.ts";
import { NOW } from "../helpers/demo-clock.ts";
import { openCounted } from "../helpers/flight-counter.ts";
import { openTestDatabase, serverUrl, type TestDatabase } from "../helpers/test-db.ts";

const TEAM = "T0CACHE";
const IVY = { id: "U0IVY", email: "ivy.shore@essex.gov.uk" };

const fromIvy = (text: string): InboundEvent => ({
  platform: "slack",
  tenant: TEAM,
  userId: IVY.id,
  text,
  conversation: { id: "D0IVY", kind: "direct" },
  profile: { email: IVY.email },
});

interface Instance {
  quorum: Quorum;
  store: Store;
  cache: DirectoryCache;
}

function instance(database: Database): Instance {
  const { store, cache } = cachedStore(database);
  const clock = { now: () => NOW };
  return { quorum: createQuorum({ store, clock }), store, cache };
}

/** LISTEN is set up in the background when the store is made; the first events must find it in place. */
async function ready(i: Instance): Promise<void> {
  for (let n = 0; n < 100 && !i.cache.ready; n++) await new Promise((r) => setTimeout(r, 5));
  expect(i.cache.ready).toBe(true);
}

const title = async (i: Instance, event: InboundEvent) => cardToText(await i.quorum.handle(event));

/**
 * A second instance on the same PostgreSQL server, with every statement it sends recorded and the times
 * it waits for the server counted (helpers/flight-counter.ts); closed after.
 */
async function onSecondInstance(
  run: (b: Instance, sent: string[], waits: () => number) => Promise<void>,
): Promise<void> {
  const sent: string[] = [];
  const { db: other, proxy, close } = await openCounted(database.url, { onQuery: (text) => sent.push(text) });
  try {
    await run(instance(other), sent, () => {
      const n = proxy.flights();
      proxy.reset();
      return n;
    });
  } finally {
    await close();
  }
}

let database: TestDatabase;
let a: Instance;

beforeEach(async () => {
  database = await openTestDatabase({ demo: true });
  a = instance(database);
  await ready(a);
  expect(
    await title(a, shellEvent("jo", 'person add @ivy "Ivy Shore" email:ivy.shore@essex.gov.uk org:ECC')),
  ).toMatch(/added/);
  // Ivy's first message links the workspace and her identity; the second is answered from the cache.
  expect(await title(a, fromIvy("whoami"))).toContain("Ivy Shore");
  expect(await title(a, fromIvy("whoami"))).toContain("Ivy Shore");
  expect(a.cache.size).toBeGreaterThan(0);
});

afterEach(async () => {
  await database.close();
});

describe("directory cache", () => {
  it("refuses a person removed by a command at their next event", async () => {
    expect(await title(a, shellEvent("jo", "person remove @ivy"))).toMatch(/Ivy/);
    expect(await title(a, fromIvy("whoami"))).toMatch(/access to Quorum .* has ended/);
  });

  it("refuses a person made inactive by SQL from outside the store", async () => {
    await database.db.update(people).set({ status: "inactive" }).where(eq(people.handle, "ivy"));
    expect(await title(a, fromIvy("whoami"))).toMatch(/access to Quorum .* has ended/);
  });

  it("refuses an event from a workspace whose installation was removed", async () => {
    // With a second partnership an unlinked workspace cannot fall back to the only one there is.
    await database.db.execute(
      sql`insert into partnerships (slug, name) values ('other', 'Other partnership')`,
    );
    await database.db.delete(installations).where(eq(installations.tenant, TEAM));
    const reply = await a.quorum.handle(fromIvy("whoami"));
    expect(reply.error?.code).toBe("not_linked");
  });

  it("keeps nothing a rolled-back transaction read after its own change", async () => {
    await database.db.update(people).set({ status: "inactive" }).where(eq(people.handle, "ivy"));
    expect(await title(a, fromIvy("whoami"))).toMatch(/has ended/);
    await expect(
      a.store.transaction(async (repos) => {
        const ivy = await repos.people.byHandle(1, "ivy");
        if (!ivy) throw new Error("no ivy");
        await repos.people.update(ivy.id, { status: "active" });
        // Read after the change, inside the transaction: it sees her active, and must not keep that.
        expect((await repos.people.byIdentity("slack", TEAM, IVY.id))?.status).toBe("active");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await title(a, fromIvy("whoami"))).toMatch(/has ended/);
  });

  it.skipIf(!serverUrl())("refuses on a second instance a person removed through the first", async () => {
    await onSecondInstance(async (b) => {
      expect(await title(b, fromIvy("whoami"))).toContain("Ivy Shore");
      expect(await title(b, fromIvy("whoami"))).toContain("Ivy Shore");
      expect(b.cache.size).toBeGreaterThan(0);
      expect(await title(a, shellEvent("jo", "person remove @ivy"))).toMatch(/Ivy/);
      expect(await title(b, fromIvy("whoami"))).toMatch(/has ended/);
      // And a workspace unlinked through the first is refused on the second.
      await database.db.execute(
        sql`insert into partnerships (slug, name) values ('other', 'Other partnership')`,
      );
      await database.db.delete(installations).where(eq(installations.tenant, TEAM));
      expect((await b.quorum.handle(fromIvy("whoami"))).error?.code).toBe("not_linked");
    });
  });

  it.skipIf(!serverUrl())(
    "reads the version behind BEGIN when no statement read it first (the shell, a plain transaction), and still refuses a person removed through another instance",
    async () => {
      await onSecondInstance(async (b, sent, waits) => {
        expect(await title(b, shellEvent("ivy", "whoami"))).toContain("Ivy Shore");
        const lookUp = () => b.store.transaction((r) => r.people.byHandle(1, "ivy"));
        expect((await lookUp())?.name).toBe("Ivy Shore");
        waits();
        sent.length = 0;
        expect((await lookUp())?.name).toBe("Ivy Shore");
        // BEGIN with the version read behind it, then COMMIT: the look-up itself came from the cache.
        expect(sent.filter((t) => /directory_version/.test(t))).toHaveLength(1);
        expect(sent.filter((t) => /from "people"/.test(t))).toHaveLength(0);
        expect(waits()).toBe(2);
        expect(await title(a, shellEvent("jo", "person remove @ivy"))).toMatch(/Ivy/);
        expect(await title(b, shellEvent("ivy", "whoami"))).toMatch(/has ended/);
        expect(await lookUp()).toMatchObject({ status: "inactive" });
      });
    },
  );

  // An event's one statement before its transaction reads the version for it: the claim-and-count of a
  // run-once event (Slack), or the count alone of an event claimed apart (a Teams turn).
  const ways = [
    { how: "from its claim", once: true, reader: /processed_events/, notReader: undefined },
    {
      how: "from its rate count when claimed apart (a Teams turn)",
      once: false,
      reader: /rate_limits/,
      notReader: /processed_events/,
    },
  ];
  for (const { how, once, reader, notReader } of ways) {
    it.skipIf(!serverUrl())(
      `takes an event's version ${how}, with no read of its own, and still refuses on a second instance a person removed through the first`,
      async () => {
        await onSecondInstance(async (b, sent) => {
          let n = 0;
          const say = async (event: InboundEvent) =>
            once
              ? cardToText(
                  (await b.quorum.handleOnce(`Ev-cache-${++n}`, event)) ?? card("(claimed before)", []),
                )
              : title(b, event);
          expect(await say(fromIvy("whoami"))).toContain("Ivy Shore");
          sent.length = 0;
          expect(await say(fromIvy("whoami"))).toContain("Ivy Shore");
          // One statement read the version; none read it again in the transaction.
          const reads = sent.filter((t) => /directory_version/.test(t));
          expect(reads).toHaveLength(1);
          expect(reads[0]).toMatch(reader);
          if (notReader) expect(reads[0]).not.toMatch(notReader);
          expect(await title(a, shellEvent("jo", "person remove @ivy"))).toMatch(/Ivy/);
          expect(await say(fromIvy("whoami"))).toMatch(/has ended/);
        });
      },
    );
  }
});

describe("the cache's version", () => {
  it("forgets its entries when the database's version goes back (a restore), not only forward", () => {
    const cache = new DirectoryCache("versioned");
    expect(cache.accept(7)).toBe(7);
    cache.fill("people.byId:1", { id: 1, status: "active" }, 7);
    expect(cache.lookup("people.byId:1").hit).toBe(true);
    // Restored from a backup taken at version 3: what was cached at 7 may describe rows that no longer exist.
    cache.accept(3);
    expect(cache.lookup("people.byId:1").hit).toBe(false);
    // Counting up to 7 again after the restore must not bring the old entry back.
    cache.accept(7);
    expect(cache.lookup("people.byId:1").hit).toBe(false);
  });
});

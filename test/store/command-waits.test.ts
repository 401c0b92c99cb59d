// On PostgreSQL the commands people run most wait for the server three times: BEGIN with the directory's
// version behind it, their independent reads together, COMMIT. Each wait is a network round trip.
import { describe, expect, it } from "vitest";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import { createQuorum } from "../../src/core/quorum.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { cachedStore } from "../../src/store/drizzle-store.ts";
import { NOW } from "../helpers/demo-clock.ts";
import { openCounted } from "../helpers/flight-counter.ts";
import { useFresh } from "../helpers/fresh.ts";
import { openTestDatabase, serverUrl } from "../helpers/test-db.ts";

const database = useFresh(() => openTestDatabase({ demo: true }));

describe.skipIf(!serverUrl())("waits for the server per command on PostgreSQL", () => {
  it("whoami, home, meeting next and actions overdue each wait three times once warm; action add six, an answered ask eight", async () => {
    const { db, proxy, close } = await openCounted(database.url);
    try {
      const clock = { now: () => NOW };
      const quorum = createQuorum({ store: cachedStore(db).store, clock });
      const waits: Record<string, number> = {};
      const replies: Record<string, string> = {};
      for (const command of ["whoami", "home", "meeting next", "actions overdue"]) {
        // Warm: the connection open, its statements prepared, Jo's partnership and person cached.
        for (let i = 0; i < 3; i++) await quorum.handle(shellEvent("jo", command));
        proxy.reset();
        replies[command] = cardToText(await quorum.handle(shellEvent("jo", command)));
        waits[command] = proxy.flights();
      }
      expect(waits).toEqual({ whoami: 3, home: 3, "meeting next": 3, "actions overdue": 3 });
      // And each still answered in full, not with an error.
      expect(replies.whoami).toMatch(/You are Jo .*Groups: assembly.*Reached by: email/s);
      expect(replies.home).toMatch(/Overdue .*Your groups' next meetings.*Questions assigned to you/s);
      expect(replies["meeting next"]).toMatch(/^Next: .*When: .*Group: /s);
      expect(replies["actions overdue"]).toMatch(/^Overdue actions: \d+.*A-\d+/s);
      // A write waits for what it needs: its number, then the action, then its log entry and audit event
      // together, then the action as saved. Added for oneself, nobody else is told, so nothing more is read.
      const add = () => quorum.handle(shellEvent("jo", 'action add "Check the figures" due:friday'));
      for (let i = 0; i < 3; i++) await add();
      proxy.reset();
      expect(cardToText(await add())).toMatch(/A-\d+ added for Jo Whitfield/);
      expect(proxy.flights()).toBe(6);
      // A question the FAQ answers: the records and the search, then the draft kept while the topic's
      // contact is looked up (topic, person, organisation: each needs the one before).
      const ask = () =>
        quorum.handle(shellEvent("jo", "ask Which other areas are piloting community budgets?"));
      for (let i = 0; i < 3; i++) await ask();
      proxy.reset();
      expect(cardToText(await ask())).toMatch(/Cheshire West and Chester.*Contact: /s);
      expect(proxy.flights()).toBe(8);
    } finally {
      await close();
    }
  });
});

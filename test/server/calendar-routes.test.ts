// /calendar/<token>.ics on the real server: meeting subscribe's link serves the group's feed; a forged,
// malformed, replaced or revoked token, or a removed person's, gets a plain 404; only hashes are stored.
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import { type App, appFromDatabase } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { Card } from "../../src/core/card.ts";
import { NO_PUBLIC_URL, withCalendarLinks } from "../../src/server/calendar-links.ts";
import { type Running, serve } from "../../src/server/serve.ts";
import { calendarLinks } from "../../src/store/schema.ts";
import { NOW } from "../helpers/demo-clock.ts";
import { readCalendar } from "../helpers/ical-read.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db.ts";

const logger = pino({ level: "silent" });
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => {});
});

async function start(): Promise<{ running: Running; database: TestDatabase; app: App }> {
  const database = await openTestDatabase({ demo: true });
  cleanup.push(() => database.close());
  const app = appFromDatabase(database, { logger, clock: { now: () => NOW } });
  const running = await serve({ app, config: loadConfig({}), logger }, [], { host: "127.0.0.1", port: 0 });
  cleanup.push(() => running.close());
  return { running, database, app };
}

const textOf = (c: Card) => c.blocks.map((b) => (b.kind === "text" ? b.text : "")).join("\n");
const linkIn = (c: Card) => /(http:\/\/\S+\/calendar\/[A-Za-z0-9_-]{43}\.ics)/.exec(textOf(c))?.[1] ?? "";

async function subscribe(app: App, base: string, who: string, slug = "hwb"): Promise<string> {
  const reply = await withCalendarLinks(app.quorum, base).handle(
    shellEvent(who, `meeting subscribe group:${slug}`),
  );
  expect(reply.tone, textOf(reply)).toBe("success");
  expect(reply.audience).toBe("personal");
  return linkIn(reply);
}

describe("GET /calendar/<token>.ics", () => {
  it("serves the group's meetings to a member's link as text/calendar, and stores only its hash", async () => {
    const { running, database, app } = await start();
    const url = await subscribe(app, running.http.url, "priya");
    expect(url).not.toBe("");
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const body = await res.text();
    const read = readCalendar(body, NOW, new Date(NOW.getTime() + 366 * 86_400_000));
    expect(read.occurrences.length).toBeGreaterThan(2);
    expect(read.occurrences.every((o) => o.summary === "Health and Wellbeing Board")).toBe(true);
    const token = /calendar\/(.+)\.ics$/.exec(url)?.[1] ?? "";
    expect(JSON.stringify(await database.db.select().from(calendarLinks))).not.toContain(token);
  });

  it("answers 404 to forged, malformed and look-alike tokens", async () => {
    const { running, app } = await start();
    const url = await subscribe(app, running.http.url, "priya");
    const token = /calendar\/(.+)\.ics$/.exec(url)?.[1] ?? "";
    const base = `${running.http.url}/calendar/`;
    const wrong = [
      `${"A".repeat(43)}.ics`,
      `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}.ics`,
      token,
      `${token}.ics.ics`,
      "..%2F..%2Fetc%2Fpasswd.ics",
    ];
    for (const w of wrong) {
      const res = await fetch(base + w);
      expect(res.status, w).toBe(404);
      expect(await res.text()).toMatch(/This calendar link is not valid/);
    }
  });

  it("stops a link when it is replaced, turned off, turned off for all by the chair, or its person removed", async () => {
    const { running, app } = await start();
    const say = (who: string, line: string) => app.quorum.handle(shellEvent(who, line));
    const first = await subscribe(app, running.http.url, "priya");
    const second = await subscribe(app, running.http.url, "priya");
    expect((await fetch(first)).status).toBe(404);
    expect((await fetch(second)).status).toBe(200);

    expect(textOf(await say("priya", "meeting unsubscribe group:hwb"))).toContain("meeting subscribe");
    expect((await fetch(second)).status).toBe(404);

    const toms = await subscribe(app, running.http.url, "tom");
    const refused = await say("tom", "meeting unsubscribe group:hwb all");
    expect(refused.tone).toBe("error");
    expect(refused.title).toContain("Only Health and Wellbeing Board's chair or an admin");
    expect((await fetch(toms)).status).toBe(200);
    const all = await say("helen", "meeting unsubscribe group:hwb all");
    expect(all.title).toBe("1 calendar link to Health and Wellbeing Board turned off.");
    expect((await fetch(toms)).status).toBe(404);

    const lucys = await subscribe(app, running.http.url, "lucy");
    expect((await fetch(lucys)).status).toBe(200);
    await app.store.transaction(async (repos) => {
      const p = await repos.partnerships.bySlug("demo");
      const lucy = p && (await repos.people.byHandle(p.id, "lucy"));
      if (lucy) await repos.people.update(lucy.id, { status: "inactive" });
    });
    expect((await fetch(lucys)).status).toBe(404);
  });

  it("says how to set QUORUM_PUBLIC_URL when there is none, and shows no token", async () => {
    const { app } = await start();
    const reply = await withCalendarLinks(app.quorum, undefined).handle(
      shellEvent("priya", "meeting subscribe group:hwb"),
    );
    expect(textOf(reply)).toContain(NO_PUBLIC_URL);
    expect(textOf(reply)).not.toMatch(/\/calendar\/[A-Za-z0-9_-]{43}/);
    expect(reply.ref).toBeUndefined();
  });

  it("refuses an unknown group with the usage line", async () => {
    const { app } = await start();
    const reply = await app.quorum.handle(shellEvent("priya", "meeting subscribe group:nope"));
    expect(reply.tone).toBe("error");
    expect(textOf(reply) + reply.title).toMatch(/nope/);
  });
});

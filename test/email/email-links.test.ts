// Email's one-click links on the real server: GET only shows what will happen, one POST acts as the
// person through the core, a second POST, a forged, an expired or a cross-site request changes nothing,
// and without QUORUM_LINK_KEY every link is a 404.
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { emailAdapterFactory } from "../../src/adapters/email/email-adapter.ts";
import { signLink } from "../../src/adapters/email/signed-link.ts";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import { appFromDatabase } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { fireDueSchedules } from "../../src/core/schedule/fire.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { type Running, serve } from "../../src/server/serve.ts";
import { NOW } from "../helpers/demo-clock.ts";
import { openTestDatabase } from "../helpers/test-db.ts";
import { startSmtpSink } from "./smtp-sink.ts";

const KEY = "a-test-link-key-that-is-long-enough-0123456789";
const DAY = 86_400_000;
const logger = pino({ level: "silent" });
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => {});
});

async function start(env: Record<string, string> = { QUORUM_LINK_KEY: KEY }) {
  const database = await openTestDatabase({ demo: true });
  cleanup.push(() => database.close());
  const clock = { at: NOW, now: () => clock.at };
  const app = appFromDatabase(database, { logger, clock });
  const config = loadConfig({
    SMTP_URL: "smtp://127.0.0.1:1",
    MAIL_FROM: "quorum@example.org",
    QUORUM_PUBLIC_URL: "http://127.0.0.1:3000",
    ...env,
  });
  const running: Running = await serve({ app, config, logger }, [], { host: "127.0.0.1", port: 0 });
  cleanup.push(() => running.close());
  const say = (user: string, text: string) => app.quorum.handle(shellEvent(user, text, "demo"));
  const ids = await app.store.transaction(async (repos) => {
    const p = await repos.partnerships.bySlug("demo");
    const helen = p ? await repos.people.byHandle(p.id, "helen") : null;
    const priya = p ? await repos.people.byHandle(p.id, "priya") : null;
    if (!p || !helen || !priya) throw new Error("demo people missing");
    return { partnershipId: p.id, helen: helen.id, priya: priya.id };
  });
  const added = await say("jo", 'action add "Publish the <b>winter</b> plan" owner:@helen due:30/11/2026');
  if (!added.ref) throw new Error(added.title);
  /** The action's Status field as `action show` gives it: open, done or dropped. */
  const status = async () => {
    const blocks = (await say("jo", `action show ${added.ref}`)).blocks;
    const due = blocks.flatMap((b) => (b.kind === "fields" ? b.fields : []));
    return {
      status: due.find((f) => f.label === "Status")?.value,
      due: due.find((f) => f.label === "Due")?.value,
    };
  };
  return { running, clock, ids, ref: added.ref, status, url: running.http.url, app, say };
}

const link = (key: string, claim: Parameters<typeof signLink>[1]) => signLink(key, claim);
const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: "confirm=yes",
  });

describe("a Done link", () => {
  it("confirms on GET, acts once on POST as its person, and refuses the same link again", async () => {
    const s = await start();
    const token = link(KEY, {
      partnershipId: s.ids.partnershipId,
      personId: s.ids.helen,
      verb: "done",
      ref: s.ref,
      expiresAt: new Date(NOW.getTime() + 7 * DAY),
    });
    const page = await fetch(`${s.url}/email/act/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`Mark ${s.ref} as done?`);
    expect(html).toContain("&lt;b&gt;winter&lt;/b&gt;");
    expect(html).toContain('<form method="post">');
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect((await s.status()).status).toBe("open");
    const acted = await post(`${s.url}/email/act/${token}`);
    expect(acted.status).toBe(200);
    expect((await s.status()).status).toBe("done");
    const again = await post(`${s.url}/email/act/${token}`);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("already used");
  });

  it("acts only as far as its person may: another person's link cannot close Helen's action", async () => {
    const s = await start();
    // Priya is a member, not the owner, creator, chair or an admin: the core's own check refuses.
    const token = link(KEY, {
      partnershipId: s.ids.partnershipId,
      personId: s.ids.priya,
      verb: "done",
      ref: s.ref,
      expiresAt: new Date(NOW.getTime() + DAY),
    });
    const res = await post(`${s.url}/email/act/${token}`);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("owner (Helen Marsh)");
    expect((await s.status()).status).toBe("open");
  });

  it("is a 404 when forged or tampered with, a 410 when expired, and a 403 from another site", async () => {
    const s = await start();
    const claim = {
      partnershipId: s.ids.partnershipId,
      personId: s.ids.helen,
      verb: "done" as const,
      ref: s.ref,
      expiresAt: new Date(NOW.getTime() + DAY),
    };
    const forged = link("another-key-another-key-another-key-0000", claim);
    expect((await fetch(`${s.url}/email/act/${forged}`)).status).toBe(404);
    const good = link(KEY, claim);
    const [body, sig] = good.split(".");
    const tampered = `${body?.slice(0, -2)}AA.${sig}`;
    expect((await post(`${s.url}/email/act/${tampered}`)).status).toBe(404);
    const expired = link(KEY, { ...claim, expiresAt: new Date(NOW.getTime() - 1000) });
    const gone = await fetch(`${s.url}/email/act/${expired}`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain("expired");
    expect((await post(`${s.url}/email/act/${good}`, { origin: "https://evil.example" })).status).toBe(403);
    expect((await s.status()).status).toBe("open");
  });

  it("does not exist without QUORUM_LINK_KEY", async () => {
    const s = await start({});
    const token = link(KEY, {
      partnershipId: s.ids.partnershipId,
      personId: s.ids.helen,
      verb: "done",
      ref: s.ref,
      expiresAt: new Date(NOW.getTime() + DAY),
    });
    expect((await fetch(`${s.url}/email/act/${token}`)).status).toBe(404);
    expect((await post(`${s.url}/email/act/${token}`)).status).toBe(404);
  });
});

describe("a Snooze link", () => {
  it("moves the due date a week on, after the confirmation", async () => {
    const s = await start();
    const token = link(KEY, {
      partnershipId: s.ids.partnershipId,
      personId: s.ids.helen,
      verb: "snooze",
      ref: s.ref,
      expiresAt: new Date(NOW.getTime() + DAY),
    });
    expect(await (await fetch(`${s.url}/email/act/${token}`)).text()).toContain("Snooze");
    const res = await post(`${s.url}/email/act/${token}`);
    expect(res.status).toBe(200);
    expect((await s.status()).due).toBe("Mon 7 Dec");
  });
});

describe("from the mailbox to the change", () => {
  it("a board member on email only gets the group digest and clicks Done in it", async () => {
    const s = await start();
    const sink = await startSmtpSink();
    cleanup.push(() => sink.close());
    expect((await s.say("helen", "digest email on group:hwb")).tone).toBe("success");
    const added = await s.say("helen", 'action add "Sign off the JSNA" owner:@helen group:hwb due:1/12/2026');
    s.clock.at = new Date("2026-11-30T09:00:30Z");
    await fireDueSchedules(s.app.store, s.app.clock, { reach: { email: true } });
    const config = loadConfig({
      SMTP_URL: sink.url,
      MAIL_FROM: "quorum@example.org",
      QUORUM_LINK_KEY: KEY,
      QUORUM_PUBLIC_URL: s.url,
    });
    const adapter = emailAdapterFactory({ quorum: s.app.quorum, config, logger });
    if (!adapter) throw new Error("email should be on");
    cleanup.push(async () => adapter.stop?.());
    const w = createOutboxWorker({ outlets: [adapter], queue: s.app.queue, clock: s.app.clock });
    while ((await w.drainOnce()).claimed > 0) {}
    const mail = sink.received.find(
      (m) => m.to && "value" in m.to && m.to.value[0]?.address === "helen.marsh@example.gov.uk",
    );
    expect(mail?.subject).toContain("Health and Wellbeing Board");
    const html = String(mail?.html ?? "");
    // The Done link beside this action in the digest.
    const item = html.slice(html.indexOf(`${added.ref} Sign off the JSNA`));
    const done = /href="([^"]+)"[^>]*>Done</.exec(item)?.[1];
    expect(done).toMatch(new RegExp(`^${s.url}/email/act/`));
    expect((await fetch(done ?? "")).status).toBe(200);
    expect((await post(done ?? "")).status).toBe(200);
    const shown = await s.say("jo", `action show ${added.ref}`);
    expect(JSON.stringify(shown.blocks)).toContain('"label":"Status","value":"done"');
    expect((await post(done ?? "")).status).toBe(410);
  });
});

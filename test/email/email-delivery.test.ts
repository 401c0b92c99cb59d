// Email end to end against a real SMTP server (smtp-server) and a real mail parser: reminders to board
// members on no chat, the emailed group digest, refusals (5xx), busy servers (4xx) and timeouts each
// leaving one row in the outbox and one mail at most, hostile titles escaped in the HTML, and a person
// gone from Slack reached by email instead.
import { eq } from "drizzle-orm";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emailAdapterFactory } from "../../src/adapters/email/email-adapter.ts";
import { loadConfig } from "../../src/config.ts";
import type { InboundEvent } from "../../src/core/inbound.ts";
import { DeliveryError, type Sender } from "../../src/core/outbound.ts";
import { fireDueSchedules } from "../../src/core/schedule/fire.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { outboxQueue } from "../../src/store/outbox-queue.ts";
import { identities, outbox } from "../../src/store/schema.ts";
import { type Harness, NOW, openHarness } from "../helpers/harness.ts";
import { outletsFor } from "../helpers/outlets.ts";
import { type SmtpSink, startSilentServer, startSmtpSink } from "./smtp-sink.ts";

const KEY = "k".repeat(40);
const logger = pino({ level: "silent" });
let h: Harness;
let sink: SmtpSink;
const cleanup: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  h = await openHarness();
  sink = await startSmtpSink();
  cleanup.push(
    () => h.close(),
    () => sink.close(),
  );
});
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => {});
});

const at = (iso: string) => h.clock.set(new Date(iso));
const store = () => createStore(h.database.db);
const rows = () => h.database.db.select().from(outbox).orderBy(outbox.id);

function emailAdapter(url = sink.url, env: Record<string, string> = {}) {
  const config = loadConfig({
    SMTP_URL: url,
    MAIL_FROM: "Quorum <quorum@example.org>",
    // Generous: a loaded test machine must not turn a slow answer into a timeout.
    SMTP_TIMEOUT_MS: "10000",
    QUORUM_LINK_KEY: KEY,
    QUORUM_PUBLIC_URL: "http://127.0.0.1:3000",
    ...env,
  });
  const adapter = emailAdapterFactory({ quorum: h.quorum, config, logger });
  if (!adapter) throw new Error("SMTP_URL should turn email on");
  cleanup.push(async () => adapter.stop?.());
  return adapter;
}

/** A worker over the email adapter (and any chat senders), logging what did not succeed as quorum serve does. */
function worker(extra: Sender[] = [], url?: string, env: Record<string, string> = {}) {
  const lines: string[] = [];
  const w = createOutboxWorker({
    outlets: [emailAdapter(url, env), ...outletsFor(...extra)],
    queue: outboxQueue(h.database.db),
    clock: h.clock,
    sleep: async (ms) => h.clock.set(new Date(h.clock.now().getTime() + ms)),
    onEvent: ({ outcome, detail }) => {
      if (outcome !== "sent") lines.push(`${outcome}: ${detail ?? ""}`);
    },
  });
  const drain = async () => {
    for (let r = await w.drainOnce(); r.claimed > 0; r = await w.drainOnce()) {}
  };
  return { drain, lines };
}

/** Runs the daily reminders of the test day (a Monday) as the server would, with email available. */
async function fireReminders() {
  at("2026-11-23T08:00:00Z");
  await fireDueSchedules(store(), h.clock, { reach: { email: true } });
  at("2026-11-23T09:00:30Z");
  await fireDueSchedules(store(), h.clock, { reach: { email: true } });
}

/** Adds an action owned by someone, due in two working days (the day its owner is reminded). */
async function actionFor(owner: string, title: string): Promise<string> {
  const c = await h.say("jo", `action add "${title}" owner:@${owner} due:25/11/2026`);
  if (!c.ref) throw new Error(`the action was not added: ${c.title}`);
  return c.ref;
}

const slackEvent = (userId: string, email: string, text: string): InboundEvent => ({
  platform: "slack",
  tenant: "T0ESSEX",
  userId,
  text,
  profile: { email },
  conversation: { id: `D-${userId}`, kind: "direct" },
  userRef: { channel: `D-${userId}` },
});

describe("reminders by email", () => {
  it("reach a board member with no chat identity, as text and HTML with signed Done / Snooze links", async () => {
    const ref = await actionFor("helen", "Review the prevention plan");
    await fireReminders();
    const queued = (await rows()).filter((r) => r.dedupeKey.includes(ref));
    expect(queued).toHaveLength(1);
    expect(queued[0]?.platform).toBe("email");
    await worker().drain();
    const mail = sink.received.find((m) => m.subject?.includes(ref));
    expect(mail?.to && "value" in mail.to ? mail.to.value[0]?.address : "").toBe(
      "helen.marsh@example.gov.uk",
    );
    expect(mail?.text).toContain("Review the prevention plan");
    expect(mail?.html).toContain("Review the prevention plan");
    expect(mail?.html).toMatch(/href="http:\/\/127\.0\.0\.1:3000\/email\/act\/[\w-]+\.[\w-]+"/);
    expect(mail?.text).toMatch(/Done: http:\/\/127\.0\.0\.1:3000\/email\/act\//);
    expect(mail?.headers.get("auto-submitted")).toBe("auto-generated");
    // Delivered once: a second pass sends nothing more.
    const before = sink.received.length;
    await worker().drain();
    expect(sink.received.length).toBe(before);
    expect((await rows()).filter((r) => r.dedupeKey.includes(ref)).map((r) => r.status)).toEqual(["sent"]);
  });

  it("go to a person's chat while they use it, and by email once they choose it (whoami says where)", async () => {
    await h.quorum.handle(slackEvent("U-SAM", "sam.okafor@example.gov.uk", "whoami"));
    const ref = await actionFor("sam", "Draft the winter letter");
    await fireReminders();
    const [row] = (await rows()).filter((r) => r.dedupeKey.includes(ref));
    expect(row?.platform).toBe("slack");
    const chosen = await h.quorum.handle(slackEvent("U-SAM", "sam.okafor@example.gov.uk", "me notify email"));
    expect(chosen.tone).toBe("success");
    const who = await h.quorum.handle(slackEvent("U-SAM", "sam.okafor@example.gov.uk", "whoami"));
    expect(JSON.stringify(who.blocks)).toContain("email (sam.okafor@example.gov.uk), your choice");
    const ref2 = await actionFor("sam", "Book the venue");
    at("2026-11-24T08:00:00Z");
    await h.say("jo", `action due ${ref2} 26/11/2026`);
    await fireDueSchedules(store(), h.clock, { reach: { email: true } });
    at("2026-11-24T09:00:30Z");
    await fireDueSchedules(store(), h.clock, { reach: { email: true } });
    const [row2] = (await rows()).filter((r) => r.dedupeKey.includes(`${ref2}:`));
    expect(row2?.platform).toBe("email");
  });

  it("are not queued by email when this installation sends no email", async () => {
    const ref = await actionFor("helen", "Nothing to send it by");
    at("2026-11-23T08:00:00Z");
    await fireDueSchedules(store(), h.clock);
    at("2026-11-23T09:00:30Z");
    await fireDueSchedules(store(), h.clock);
    // Helen is reached only where she used Quorum (the shell), never by email.
    const mine = (await rows()).filter((r) => r.dedupeKey.includes(ref));
    expect(mine.map((r) => r.platform)).toEqual(["shell"]);
  });

  it("refuse bad choices with a clear message", async () => {
    expect(await h.text("helen", "me notify pigeon")).toContain("Say email, slack, teams or auto");
    expect(await h.text("helen", "me notify teams")).toContain("does not know you on Teams");
  });
});

describe("the group digest by email", () => {
  it("goes to members on no chat once the chair turns it on, and not to members on chat", async () => {
    expect(await h.text("priya", "digest email on group:hwb")).toContain("Only the chair");
    await h.quorum.handle(slackEvent("U-TOM", "tom.ellery@example.org.uk", "whoami"));
    expect(await h.text("helen", "digest email on group:hwb")).toContain("will be emailed");
    expect(await h.text("helen", "digest email on group:hwb")).toContain("already");
    await actionFor("priya", "Overdue <b>thing</b>");
    // The default digest time: Monday 09:00, a week on from the test day.
    at("2026-11-30T09:00:30Z");
    await fireDueSchedules(store(), h.clock, { reach: { email: true } });
    const digests = (await rows()).filter((r) => r.kind === "email-digest");
    const to = digests.map((r) => (r.target as { id: string }).id).sort();
    expect(to).toContain("helen.marsh@example.gov.uk");
    expect(to).not.toContain("tom.ellery@example.org.uk");
    expect(new Set(to).size).toBe(to.length);
    await worker().drain();
    const got = sink.received.filter((m) => m.subject?.includes("Health and Wellbeing"));
    expect(got.map((m) => (m.to && "value" in m.to ? m.to.value[0]?.address : "")).sort()).toEqual(to);
  });
});

describe("when the SMTP server does not take the mail", () => {
  async function oneQueued() {
    const ref = await actionFor("helen", "Send the minutes");
    await fireReminders();
    return ref;
  }

  it("a 550 refusal parks the row with the server's reason, and nothing is sent twice", async () => {
    const ref = await oneQueued();
    sink.mode = "refuse";
    const w = worker();
    await w.drain();
    const mine = (await rows()).filter((r) => r.dedupeKey.includes(ref));
    expect(mine.map((r) => r.status)).toEqual(["parked"]);
    expect(mine[0]?.lastError).toContain("SMTP 550");
    expect(w.lines.join("\n")).toMatch(/gone: SMTP 550 \(address refused\)/);
    sink.mode = "ok";
    await w.drain();
    expect(sink.received.filter((m) => m.subject?.includes(ref))).toHaveLength(0);
  });

  it("a 451 is retried later and then delivered exactly once", async () => {
    const ref = await oneQueued();
    sink.mode = "busy";
    const w = worker();
    await w.drain();
    const [row] = (await rows()).filter((r) => r.dedupeKey.includes(ref));
    expect(row?.status).toBe("pending");
    expect(row?.attempts).toBe(1);
    expect(w.lines.join("\n")).toContain("unreachable: SMTP 451 (try later)");
    sink.mode = "ok";
    at(new Date(h.clock.now().getTime() + 10 * 60_000).toISOString());
    await w.drain();
    expect(sink.received.filter((m) => m.subject?.includes(ref))).toHaveLength(1);
    expect((await rows()).filter((r) => r.dedupeKey.includes(ref)).map((r) => r.status)).toEqual(["sent"]);
  });

  it("a server that never answers times out (the transport's timeout) and the row waits to be retried", async () => {
    const ref = await oneQueued();
    const silent = await startSilentServer();
    cleanup.push(() => silent.close());
    const w = worker([], silent.url, { SMTP_TIMEOUT_MS: "300" });
    await w.drain();
    const [row] = (await rows()).filter((r) => r.dedupeKey.includes(ref));
    expect(row?.status).toBe("pending");
    expect(row?.lastError).toContain("timed out before sending");
    expect(w.lines.join("\n")).toContain("GREETING_TIMEOUT");
  });
});

describe("the HTML of an email", () => {
  it("escapes hostile titles and loads nothing remote", async () => {
    const hostile = `<script>alert('x')</script><img src=http://evil.example/p.png> & 'q'`;
    const ref = await actionFor("helen", hostile);
    await fireReminders();
    await worker().drain();
    const mail = sink.received.find((m) => m.subject?.includes(ref));
    expect(mail?.text).toContain(hostile);
    expect(mail?.html).not.toContain("<script>");
    expect(mail?.html).not.toContain("<img");
    expect(mail?.html).toContain(
      "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=http://evil.example/p.png&gt; &amp; &#39;q&#39;",
    );
    expect(mail?.html).not.toMatch(/<img|<link|url\(|@import/i);
  });
});

describe("a person gone from Slack", () => {
  it("gets the reminder by email instead, once, and Slack is not tried again", async () => {
    await h.quorum.handle(slackEvent("U-SAM", "sam.okafor@example.gov.uk", "whoami"));
    const ref = await actionFor("sam", "Chase the data sharing agreement");
    await fireReminders();
    const tried: string[] = [];
    const slack: Sender = {
      platform: "slack",
      async send(target) {
        tried.push(target.id);
        throw new DeliveryError("gone", "account_inactive");
      },
    };
    const w = worker([slack]);
    // The worker runs now, not back at 09:00 when the reminders fired: the action's notice, queued at 09:30,
    // is first in Sam's conversation, and the reminder may not overtake it (it would wait for it).
    at(NOW.toISOString());
    await w.drain();
    await w.drain();
    const mine = (await rows()).filter((r) => r.dedupeKey.includes(ref));
    expect(mine.map((r) => `${r.platform}:${r.status}`)).toEqual(["slack:parked", "email:sent"]);
    expect(tried).toEqual(["U-SAM"]);
    // The notice was tried on Slack once and went on by email with the reminder behind it: each mailed once.
    expect(sink.received.filter((m) => m.subject?.includes(ref)).map((m) => m.subject)).toEqual([
      `Quorum: ${ref} is now yours`,
      `Quorum: ${ref} is due Wed 25 Nov`,
    ]);
    const left = await h.database.db.select().from(identities).where(eq(identities.externalId, "U-SAM"));
    expect(left).toHaveLength(0);
  });
});

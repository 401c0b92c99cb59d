// Which platform reaches whom, for notices as well as reminders: an action given to someone goes where
// they chose (email, through a real SMTP server), else the chat they used last, else email; a platform
// that says they are gone (left, or the workspace uninstalled Quorum) hands the message on to their next
// platform, then email, once each; whoami says where they will be reached.
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emailAdapterFactory } from "../../src/adapters/email/email-adapter.ts";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import { createSlackSender } from "../../src/adapters/slack/sender.ts";
import { loadConfig } from "../../src/config.ts";
import type { Card } from "../../src/core/card.ts";
import type { InboundEvent } from "../../src/core/inbound.ts";
import { DeliveryError, type Sender } from "../../src/core/outbound.ts";
import { createQuorum, type Quorum } from "../../src/core/quorum.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { outboxQueue } from "../../src/store/outbox-queue.ts";
import { outbox } from "../../src/store/schema.ts";
import { type Harness, openHarness } from "../helpers/harness.ts";
import { outletsFor } from "../helpers/outlets.ts";
import { type SmtpSink, startSmtpSink } from "./smtp-sink.ts";

const logger = pino({ level: "silent" });
let h: Harness;
let sink: SmtpSink;
/** The core as quorum serve builds it when SMTP_URL is set: email reaches people. */
let quorum: Quorum;
const cleanup: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  h = await openHarness();
  sink = await startSmtpSink();
  quorum = createQuorum({ store: createStore(h.database.db), clock: h.clock, reach: { email: true } });
  cleanup.push(
    () => h.close(),
    () => sink.close(),
  );
});
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => {});
});

const later = (hours: number) => h.clock.set(new Date(h.clock.now().getTime() + hours * 3600_000));
const say = async (user: string, text: string): Promise<Card> => quorum.handle(shellEvent(user, text));
const rows = () => h.database.db.select().from(outbox).orderBy(outbox.id);
const addressOf = (m: SmtpSink["received"][number]) =>
  m.to && "value" in m.to ? m.to.value[0]?.address : undefined;

const chat = (platform: "slack" | "teams", userId: string, text: string): InboundEvent => ({
  platform,
  tenant: platform === "slack" ? "T0ESSEX" : "tenant-essex",
  userId,
  text,
  profile: { email: "sam.okafor@example.gov.uk", name: "Sam Okafor" },
  conversation: { id: `D-${userId}`, kind: "direct" },
  userRef: { channel: `D-${userId}` },
});

/** A worker over the real email adapter and the given chat senders, paced as the adapters pace them. */
function worker(...chats: Sender[]) {
  const config = loadConfig({
    SMTP_URL: sink.url,
    MAIL_FROM: "Quorum <quorum@example.org>",
    SMTP_TIMEOUT_MS: "10000",
  });
  const email = emailAdapterFactory({ quorum, config, logger });
  if (!email) throw new Error("SMTP_URL should turn email on");
  cleanup.push(async () => email.stop?.());
  const w = createOutboxWorker({
    outlets: [email, ...outletsFor(...chats)],
    queue: outboxQueue(h.database.db),
    clock: h.clock,
    sleep: async (ms) => h.clock.set(new Date(h.clock.now().getTime() + ms)),
  });
  return async () => {
    for (let r = await w.drainOnce(); r.claimed > 0; r = await w.drainOnce()) {}
  };
}

/** A chat sender that records who it was asked to reach, and says each of them is gone. */
function goneSender(platform: "slack" | "teams") {
  const tried: string[] = [];
  const sender: Sender = {
    platform,
    async send(target) {
      tried.push(target.id);
      throw new DeliveryError("gone", `${platform}: user_not_found`);
    },
  };
  return { sender, tried };
}

async function giveSam(title: string): Promise<string> {
  const c = await say("jo", `action add "${title}" owner:@sam due:25/11/2026`);
  if (!c.ref) throw new Error(`the action was not added: ${c.title}`);
  return c.ref;
}

describe("an action given to someone", () => {
  it("arrives by email when they chose email (me notify email), once, and whoami says so", async () => {
    await quorum.handle(chat("slack", "U-SAM", "whoami"));
    expect((await quorum.handle(chat("slack", "U-SAM", "me notify email"))).tone).toBe("success");
    const who = cardToText(await quorum.handle(chat("slack", "U-SAM", "whoami")));
    expect(who).toContain("email (sam.okafor@example.gov.uk), your choice");
    // This core knows it sends email, so whoami does not hedge.
    expect(who).not.toContain("where Quorum sends email");
    const ref = await giveSam("Draft the winter letter");
    const queued = await rows();
    const notice = queued.filter((r) => r.kind === "action-assigned");
    expect(notice.map((r) => r.platform)).toEqual(["email"]);
    const slack = goneSender("slack");
    const drain = worker(slack.sender);
    await drain();
    await drain();
    const mails = sink.received.filter((m) => m.subject?.includes(ref));
    expect(mails).toHaveLength(1);
    expect(addressOf(mails[0] as SmtpSink["received"][number])).toBe("sam.okafor@example.gov.uk");
    expect(mails[0]?.text).toContain("Draft the winter letter");
    expect(slack.tried).toEqual([]);
    expect((await rows()).filter((r) => r.kind === "action-assigned").map((r) => r.status)).toEqual(["sent"]);
  });

  it("goes to the chat they used last when they made no choice", async () => {
    await quorum.handle(chat("teams", "AAD-SAM", "whoami"));
    later(2);
    await quorum.handle(chat("slack", "U-SAM", "whoami"));
    expect(cardToText(await quorum.handle(chat("slack", "U-SAM", "whoami")))).toContain(
      "Slack, where you used Quorum last",
    );
    await giveSam("Book the venue");
    const notice = (await rows()).filter((r) => r.kind === "action-assigned");
    expect(notice.map((r) => `${r.platform}:${(r.target as { id: string }).id}`)).toEqual(["slack:U-SAM"]);
  });

  it("reaches a board member on no chat by email, where before nothing did", async () => {
    const c = await say("jo", `action add "Sign the accounts" owner:@helen due:25/11/2026`);
    expect(cardToText(c)).not.toContain("has never used Quorum");
    const notice = (await rows()).filter((r) => r.kind === "action-assigned");
    expect(notice.map((r) => `${r.platform}:${(r.target as { id: string }).id}`)).toEqual([
      "email:helen.marsh@example.gov.uk",
    ]);
    await worker()();
    expect(sink.received.filter((m) => m.subject?.includes(c.ref ?? "?"))).toHaveLength(1);
  });

  it("goes only to chat where this installation sends no email (the harness's core)", async () => {
    await h.quorum.handle(chat("slack", "U-SAM", "whoami"));
    await h.quorum.handle(chat("slack", "U-SAM", "me notify email"));
    await h.say("jo", `action add "No mail here" owner:@sam due:25/11/2026`);
    const notice = (await rows()).filter((r) => r.kind === "action-assigned");
    expect(notice.map((r) => r.platform)).toEqual(["slack"]);
  });
});

describe("a notice whose platform says the person is gone", () => {
  it("is sent on to their next platform, then by email, each tried once and nothing twice", async () => {
    await quorum.handle(chat("teams", "AAD-SAM", "whoami"));
    later(2);
    await quorum.handle(chat("slack", "U-SAM", "whoami"));
    const ref = await giveSam("Chase the data sharing agreement");
    const slack = goneSender("slack");
    const teams = goneSender("teams");
    const drain = worker(slack.sender, teams.sender);
    await drain();
    await drain();
    expect(slack.tried).toEqual(["U-SAM"]);
    expect(teams.tried).toEqual(["AAD-SAM"]);
    const notice = (await rows()).filter((r) => r.kind === "action-assigned");
    expect(notice.map((r) => `${r.platform}:${r.status}`)).toEqual([
      "slack:parked",
      "teams:parked",
      "email:sent",
    ]);
    expect(sink.received.filter((m) => m.subject?.includes(ref))).toHaveLength(1);
    // Both chats are forgotten: whoami now says email, and the next notice goes there directly.
    expect(cardToText(await say("sam", "whoami"))).toContain("email (sam.okafor@example.gov.uk)");
  });

  it("takes every message queued behind it to the next platform too, in the order they were queued", async () => {
    await quorum.handle(chat("slack", "U-SAM", "whoami"));
    const first = await giveSam("Book the hall");
    const second = await giveSam("Send the agenda");
    const slack = goneSender("slack");
    const drain = worker(slack.sender);
    await drain();
    await drain();
    const notice = (await rows()).filter((r) => r.kind === "action-assigned");
    expect(notice.map((r) => `${r.platform}:${r.status}`)).toEqual([
      "slack:parked",
      "slack:parked",
      "email:sent",
      "email:sent",
    ]);
    const mails = sink.received.filter((m) => m.subject?.includes(first) || m.subject?.includes(second));
    expect(mails.map((m) => (m.subject?.includes(first) ? first : second))).toEqual([first, second]);
    // Slack said it once: the second message went on with the first, not after the identity was forgotten.
    expect(slack.tried).toEqual(["U-SAM"]);
  });

  it("is emailed when Sam's Slack workspace has uninstalled Quorum (the real Slack sender, no token)", async () => {
    await quorum.handle(chat("slack", "U-SAM", "whoami"));
    const ref = await giveSam("Circulate the minutes");
    // Several workspaces: T0ESSEX's tokens were deleted when it uninstalled, so no call reaches Slack.
    const slack = createSlackSender({
      tokenFor: async () => null,
      onConnectionLost: async () => {},
      apiUrl: "http://127.0.0.1:9/api/",
      logger,
    });
    const drain = worker(slack);
    await drain();
    await drain();
    const notice = (await rows()).filter((r) => r.kind === "action-assigned");
    expect(notice.map((r) => `${r.platform}:${r.status}`)).toEqual(["slack:parked", "email:sent"]);
    expect(notice[0]?.lastError).toContain("has no installation");
    expect(sink.received.filter((m) => m.subject?.includes(ref))).toHaveLength(1);
    // The workspace, not Sam, is out of reach: his Slack account stays linked (a Slack Connect guest's
    // link survives the first notice) and he still acts as himself there.
    const { profile: _, ...withoutEmail } = chat("slack", "U-SAM", "whoami");
    const again = await quorum.handle(withoutEmail);
    expect(again.tone).not.toBe("error");
    expect(cardToText(again)).toContain("Sam");
  });
});

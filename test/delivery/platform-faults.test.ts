// Scheduled digests through the real Slack and Teams senders against fake platforms failing at random (seeded).
import { eq } from "drizzle-orm";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackSender } from "../../src/adapters/slack/sender.ts";
import { createTeamsSender } from "../../src/adapters/teams/sender.ts";
import { serviceUrlPolicy } from "../../src/adapters/teams/service-url.ts";
import { card } from "../../src/core/card.ts";
import type { InboundEvent } from "../../src/core/inbound.ts";
import {
  DeliveryError,
  type DeliveryTarget,
  type OutboundPayload,
  type Sender,
} from "../../src/core/outbound.ts";
import { fireDueSchedules } from "../../src/core/schedule/fire.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { outboxQueue } from "../../src/store/outbox-queue.ts";
import { channelLinks, outbox } from "../../src/store/schema.ts";
import { useHarness } from "../helpers/harness.ts";
import { closedPort } from "../helpers/net.ts";
import { outletsFor } from "../helpers/outlets.ts";
import { type FakeSlack, startFakeSlack } from "../slack/fake-slack.ts";
import { type FakeConnector, startFakeConnector } from "../teams/fake-connector.ts";
import { createFakeSender, seeded } from "./fake-sender.ts";

/** Short, so each hang costs little real time; the fakes answer everything else in a few milliseconds. */
const TIMEOUT_MS = 300;
const SEED = 2026;
const TENANT_SLACK = "T0ESSEX";
const TENANT_TEAMS = "tenant-essex";

type Fault = "ok" | "429" | "500" | "timeout" | "refused";
type Platform = "slack" | "teams";
/** Half the calls succeed; the rest fail in each of the four ways in equal measure. */
const FAULTS: Fault[] = ["ok", "ok", "ok", "ok", "429", "500", "timeout", "refused"];

const h = useHarness();
let slackFake: FakeSlack;
let connector: FakeConnector;
let deadUrl: string;

const SLACK_CHANNELS = [
  ["C-HWB", "hwb"],
  ["C-SAFER", "safer"],
  ["C-PARTNERS", "partners"],
] as const;
const TEAMS_CHANNELS = [
  ["19:hwb@thread.tacv2", "hwb"],
  ["19:safer@thread.tacv2", "safer"],
  ["19:escg@thread.tacv2", "escg"],
] as const;

const slackEvent = (user: string, email: string, text: string, channel?: string): InboundEvent => ({
  platform: "slack",
  tenant: TENANT_SLACK,
  userId: user,
  text,
  profile: { email },
  conversation: channel
    ? { id: channel, kind: "channel", name: channel }
    : { id: `D-${user}`, kind: "direct" },
});

// Teams needs stored conversation references (serviceUrl and ids) to post unprompted, as the adapter keeps.
const teamsEvent = (
  user: { aad: string; bf: string; email: string },
  text: string,
  channel?: string,
): InboundEvent => ({
  platform: "teams",
  tenant: TENANT_TEAMS,
  userId: user.aad,
  text,
  profile: { email: user.email },
  userRef: {
    serviceUrl: connector.url,
    tenantId: TENANT_TEAMS,
    userId: user.bf,
    // Only a direct message tells Quorum the 1:1 chat; without it the sender opens one first.
    ...(channel ? {} : { conversationId: `a:1on1-${user.bf}` }),
  },
  conversation: channel
    ? {
        id: channel,
        kind: "channel",
        name: channel,
        ref: {
          serviceUrl: connector.url,
          conversationId: channel,
          tenantId: TENANT_TEAMS,
          conversationType: "channel",
        },
      }
    : { id: `a:1on1-${user.bf}`, kind: "direct" },
});

const JO = { slack: "U-JO", aad: "aad-jo", bf: "29:jo", email: "jo.whitfield@example.gov.uk" };
const AMIRA = { aad: "aad-amira", bf: "29:amira", email: "amira.hassan@example.police.uk" };

beforeEach(async () => {
  slackFake = await startFakeSlack();
  connector = await startFakeConnector();
  deadUrl = `http://127.0.0.1:${await closedPort()}`;
  // Jo (an admin) links three Slack channels and three Teams channels, each with a weekday digest.
  const say = async (e: InboundEvent) => {
    const reply = await h.quorum.handle(e);
    if (reply.tone === "error") throw new Error(`${e.text}: ${reply.title}`);
  };
  for (const [channel, group] of SLACK_CHANNELS) {
    for (const text of [
      `link group:${group}`,
      'digest schedule "weekdays 08:30"',
      "digest when-empty all-clear",
    ])
      await say(slackEvent(JO.slack, JO.email, text, channel));
  }
  for (const [channel, group] of TEAMS_CHANNELS) {
    for (const text of [
      `link group:${group}`,
      'digest schedule "weekdays 08:30"',
      "digest when-empty all-clear",
    ])
      await say(teamsEvent(JO, text, channel));
  }
  // People on each platform, so the daily reminder run sends direct messages through both fakes too:
  // Helen on Slack, Amira in a Teams 1:1 chat, and Jo, seen only in Teams channels, in a chat opened for her.
  await say(slackEvent("U-HELEN", "helen.marsh@example.gov.uk", "whoami"));
  await say(teamsEvent(AMIRA, "whoami"));
  expect(h.unexpected).toEqual([]);
}, 60_000);

afterEach(async () => {
  await slackFake?.close();
  await connector?.close();
});

const rows = () => h.database.db.select().from(outbox).orderBy(outbox.id);
const later = (ms: number) => h.clock.set(new Date(h.clock.now().getTime() + ms));

/** FNV-1a, so each target's fault sequence is fixed by the seed and its id, whatever order lanes run in. */
function hash(s: string): number {
  let x = 2166136261;
  for (const c of s) x = Math.imul(x ^ (c.codePointAt(0) ?? 0), 16777619) >>> 0;
  return x;
}

const zero = (): Record<Fault, number> => ({ ok: 0, "429": 0, "500": 0, timeout: 0, refused: 0 });

/**
 * Wraps a real sender: draws a fault for each call from the target's own seeded generator, arms the fake
 * platform with it, or sends to a port nobody listens on for a refused connection, then lets the real
 * sender (and its HTTP client) meet whatever comes back.
 */
function faulty(
  platform: Platform,
  arm: (target: DeliveryTarget, fault: Exclude<Fault, "ok" | "refused">, random: () => number) => void,
  live: (target: DeliveryTarget, payload: OutboundPayload) => Promise<{ messageId: string }>,
  refused: (target: DeliveryTarget, payload: OutboundPayload) => Promise<{ messageId: string }>,
) {
  const generators = new Map<string, () => number>();
  const injected = zero();
  const calls: Array<{ fault: Fault; code: string; message: string }> = [];
  const sender: Sender = {
    platform,
    send(target, payload) {
      const random = generators.get(target.id) ?? seeded(SEED ^ hash(`${platform}:${target.id}`));
      generators.set(target.id, random);
      const fault = FAULTS[Math.floor(random() * FAULTS.length)] ?? "ok";
      injected[fault]++;
      if (fault !== "ok" && fault !== "refused") arm(target, fault, random);
      const sent = fault === "refused" ? refused(target, payload) : live(target, payload);
      // Recorded per call, so the test can check each fault became the delivery code the worker acts on.
      sent.then(
        () => calls.push({ fault, code: "sent", message: "" }),
        (err: unknown) =>
          calls.push({
            fault,
            code: err instanceof DeliveryError ? err.code : "thrown",
            message: err instanceof Error ? err.message : String(err),
          }),
      );
      return sent;
    },
  };
  return { sender, injected, calls };
}

describe("digests through flaky Slack and Teams", () => {
  it("delivers every row exactly once, or parks it, or leaves it unknown: none lost, none duplicated", async () => {
    const logger = pino({ level: "silent" });
    const slackLive = createSlackSender({
      token: "xoxb-faults",
      apiUrl: slackFake.apiUrl,
      logger,
      timeoutMs: TIMEOUT_MS,
    });
    const slackDead = createSlackSender({
      token: "xoxb-faults",
      apiUrl: `${deadUrl}/api/`,
      logger,
      timeoutMs: TIMEOUT_MS,
    });
    const slack = faulty(
      "slack",
      (target, fault, random) =>
        slackFake.failNext(
          "chat.postMessage",
          fault === "429"
            ? { kind: "rate_limited", retryAfter: 1 + Math.floor(random() * 5) }
            : fault === "500"
              ? { kind: "http", status: 500 }
              : { kind: "hang" },
          target.id,
        ),
      (t, p) => slackLive.send(t, p),
      (t, p) => slackDead.send(t, p),
    );

    // Options for the SDK's own HTTP client (the API client builds it from them): a short timeout and a
    // dummy bot token, as the fake connector checks none.
    const http = { timeout: TIMEOUT_MS, token: "test-outbound-token" };
    const teamsReal = createTeamsSender(() => http, serviceUrlPolicy(["127.0.0.1"]));
    const conversationOf = (target: DeliveryTarget) => {
      const ref = (target.ref ?? {}) as { conversationId?: string; userId?: string };
      return ref.conversationId || (target.kind === "person" ? `a:1on1-${ref.userId}` : target.id);
    };
    const teams = faulty(
      "teams",
      (target, fault, random) => {
        const id = conversationOf(target);
        if (fault === "timeout") connector.hangNext(id);
        else
          connector.failNext(
            id,
            fault === "429"
              ? { status: 429, code: "TooManyRequests", retryAfter: String(1 + Math.floor(random() * 5)) }
              : { status: 500, code: "InternalServerError" },
          );
      },
      (t, p) => teamsReal.send(t, p),
      (t, p) => teamsReal.send({ ...t, ref: { ...t.ref, serviceUrl: deadUrl } }, p),
    );
    const shell = createFakeSender("shell", h.clock);

    // One call through each client first, with a long timeout: HTTP stacks load lazily, and a cold
    // first call must not outlast the short timeout and pass for a hang.
    const warm = { kind: "channel", label: "warm-up", tenant: "warm-up" } as const;
    const hello = { card: card("warm-up", []), text: "warm-up" };
    await createSlackSender({
      token: "xoxb-faults",
      apiUrl: slackFake.apiUrl,
      logger,
      timeoutMs: 5_000,
    }).send({ ...warm, platform: "slack", id: "C-WARM", ref: null }, hello);
    const warmHttp = { timeout: 5_000, token: "test-outbound-token" };
    await createTeamsSender(() => warmHttp, serviceUrlPolicy(["127.0.0.1"])).send(
      {
        ...warm,
        platform: "teams",
        id: "19:warm",
        ref: { serviceUrl: connector.url, conversationId: "19:warm" },
      },
      hello,
    );
    slackFake.clear();
    connector.reset();

    const outcomes: Record<Platform, Record<string, number>> = { slack: {}, teams: {} };
    const worker = createOutboxWorker({
      outlets: outletsFor(slack.sender, teams.sender, shell.sender),
      queue: outboxQueue(h.database.db),
      clock: h.clock,
      random: seeded(SEED + 1),
      sleep: async (ms: number) => later(ms),
      // Two refusals in a row park a row, so a short run reaches the parked path too.
      maxAttempts: 2,
      // One send at a time per lane: a fault is armed on the fake before its request, so a request still
      // queued when the short client timeout fires (overlapping sends on a loaded machine) would leave its
      // fault to the target's next call. Overlap itself is tested in outbox-lanes.test.ts.
      maxInFlight: 1,
      onEvent: ({ row, outcome }) => {
        if (row.platform !== "slack" && row.platform !== "teams") return;
        const tally = outcomes[row.platform];
        tally[outcome] = (tally[outcome] ?? 0) + 1;
      },
    });

    // Each row's text starts with its id, so a second copy of a message can be told from a similar one:
    // the platforms have no idempotency key, and two channels' digests can read the same.
    const stamp = async () => {
      for (const row of await rows()) {
        const p = row.payload as unknown as OutboundPayload;
        if (p.text.startsWith("[row ")) continue;
        await h.database.db
          .update(outbox)
          .set({ payload: { ...p, text: `[row ${row.id}] ${p.text}` } })
          .where(eq(outbox.id, row.id));
      }
    };

    // The ticker: fire due schedules, deliver what is due, then move the fake clock to the next due row.
    const store = createStore(h.database.db);
    let ticks = 0;
    const runUntilQuiet = async () => {
      for (let i = 0; i < 400; i++, ticks++) {
        await fireDueSchedules(store, h.clock);
        await stamp();
        await worker.drainOnce();
        const open = (await rows()).filter((r) => r.status === "pending" || r.status === "sending");
        if (open.length === 0) return;
        const due = Math.min(...open.map((r) => r.notBefore.getTime()));
        later(Math.max(250, due - h.clock.now().getTime()));
      }
      throw new Error("the outbox did not drain");
    };

    // Two weeks of mornings from Monday 30 November (London is on GMT): digests at 08:30, reminders at 09:00.
    const DAYS = 14;
    for (let day = 0; day < DAYS; day++) {
      for (const time of ["08:30:00", "09:00:00"]) {
        const at = new Date(`2026-11-30T${time}Z`).getTime() + day * 86_400_000;
        h.clock.set(new Date(Math.max(at, h.clock.now().getTime())));
        await runUntilQuiet();
      }
    }

    // What each fake holds: a hung call counts, as the platform may well have posted it.
    const copies = new Map<number, number>();
    const count = (text: unknown) => {
      const id = Number(/^\[row (\d+)\]/.exec(String(text ?? ""))?.[1]);
      if (!Number.isFinite(id)) return;
      copies.set(id, (copies.get(id) ?? 0) + 1);
    };
    for (const call of slackFake.callsTo("chat.postMessage"))
      if (call.failure === undefined || call.failure === "hang") count(call.args.text);
    for (const post of connector.posts) count(post.activity.summary);
    for (const r of shell.received) count(r.payload.text);

    const all = await rows();
    const byId = new Map(all.map((r) => [r.id, r]));
    const status = (s: string) => all.filter((r) => r.status === s);
    const sent = status("sent");
    const parked = status("parked");
    const unknown = status("unknown");
    const receivedOnce = sent.filter((r) => copies.get(r.id) === 1).length;
    const duplicatedSent = sent.filter((r) => (copies.get(r.id) ?? 0) > 1).length;
    const lostSent = sent.filter((r) => !copies.has(r.id)).length;
    const unknownArrived = unknown.filter((r) => copies.has(r.id)).length;
    const strays = [...copies.keys()].filter((id) => !byId.has(id)).length;
    const digests = all.filter((r) => r.kind === "digest");

    const tallies = {
      ticks,
      rows: all.length,
      digests: digests.length,
      byPlatform: Object.fromEntries(
        ["slack", "teams", "shell"].map((p) => [p, all.filter((r) => r.platform === p).length]),
      ),
      sent: sent.length,
      parked: parked.length,
      unknown: unknown.length,
      unknownThatArrived: unknownArrived,
      receivedOnce,
      duplicatedSent,
      lostSent,
      strays,
      injected: { slack: slack.injected, teams: teams.injected },
      slowAnswers: Object.fromEntries(
        (["slack", "teams"] as const).map((p) => [
          p,
          (p === "slack" ? slack : teams).calls.filter(
            (c) => c.fault !== "timeout" && /imeout/.test(c.message),
          ).length,
        ]),
      ),
      outcomes,
    };
    console.log("platform faults:", JSON.stringify(tallies, null, 1));

    // Every row reached an end state; none is pending, sending or in any state the worker doesn't own.
    for (const row of all) expect(["sent", "parked", "unknown"]).toContain(row.status);
    expect(sent.length + parked.length + unknown.length).toBe(all.length);
    // Each row marked sent arrived exactly once, under the message id the platform gave it.
    expect(duplicatedSent).toBe(0);
    expect(lostSent).toBe(0);
    expect(receivedOnce).toBe(sent.length);
    for (const row of sent) expect(row.messageId).toBeTruthy();
    // Rows of unknown fate arrived at most once (hung after the platform took it), parked ones never.
    for (const row of unknown) expect(copies.get(row.id) ?? 0).toBeLessThanOrEqual(1);
    for (const row of parked) expect(copies.has(row.id)).toBe(false);
    for (const row of [...parked, ...unknown]) expect(row.lastError).toBeTruthy();
    expect(strays).toBe(0);
    // None lost: every row is accounted for by what arrived or by a parked or unknown status.
    const delivered = [...copies.keys()].filter((id) => byId.get(id)?.status === "sent").length;
    expect(delivered + parked.length + unknown.length).toBe(all.length);
    // The ticker fired each linked channel's digest once per weekday: 10 weekdays, 6 channels.
    expect(digests.length).toBe(60);
    expect(new Set(digests.map((r) => r.dedupeKey)).size).toBe(60);

    // The seeded run meets every failure on both platforms, and each call ends in the right delivery code:
    // a 429 waits (rate_limited), a refusal retries (unreachable), a 500 or a timeout is ambiguous. On a
    // loaded machine any answer may come later than the short timeout: that is a timeout too, and counted.
    const expected: Record<Fault, string> = {
      ok: "sent",
      "429": "rate_limited",
      "500": "ambiguous",
      timeout: "ambiguous",
      refused: "unreachable",
    };
    const slowAnswer = (c: { code: string; message: string }) =>
      c.code === "ambiguous" && /TimeoutError|timeout of \d+ms exceeded/.test(c.message);
    for (const [p, s] of [["slack", slack] as const, ["teams", teams] as const]) {
      for (const fault of FAULTS) expect(s.injected[fault], `${p} ${fault}`).toBeGreaterThan(0);
      const wrong = s.calls.filter((c) => c.code !== expected[c.fault] && !slowAnswer(c));
      expect(wrong, `${p} calls mapped wrongly`).toEqual([]);
      expect(s.calls.length).toBe(Object.values(s.injected).reduce((a, b) => a + b, 0));
    }
    expect(parked.length).toBeGreaterThan(0);
    expect(unknownArrived).toBeGreaterThan(0);
    expect(unknown.length).toBeGreaterThan(unknownArrived);
    // Jo's 1:1 chat (she only ever wrote in channels) was opened through the connector.
    expect(connector.created.length).toBeGreaterThan(0);
    const links = await h.database.db.select().from(channelLinks);
    expect(links.filter((l) => l.status === "active")).toHaveLength(6);
  });
});

// The server-memory bench's traffic: a repeating mix of signed Slack slash commands and events, and Teams
// messages, sent by a few concurrent senders to a running `quorum serve`, each answer checked for its status.
import { signSlackRequest } from "../src/adapters/slack/signature.ts";
import { BOT_USER, type FakeSlack } from "../test/slack/fake-slack.ts";
import { SECRET, TEAM, USERS } from "../test/slack/slack-harness.ts";
import type { FakeConnector } from "../test/teams/fake-connector.ts";
import { directMessage, JO, SAM } from "../test/teams/teams-harness.ts";

/** What a sender needs: the server's base URL and the fakes its replies go to. */
export interface Traffic {
  baseUrl: string;
  slack: FakeSlack;
  teams: FakeConnector;
}

/** One request of the mix: its kind (for the tally) and how to send it. */
type Op = { kind: string; send: (t: Traffic, numbers: number[]) => Promise<Response> };

const SLACK_PEOPLE = [USERS.jo, USERS.helen, USERS.sam];
const FAQ = [
  "what is a whole place community budget",
  "who chairs essex partners",
  "when does the essex assembly meet",
  "which policy areas will the community budget focus on",
];

let serial = 0;
const person = () => SLACK_PEOPLE[serial % SLACK_PEOPLE.length] ?? USERS.jo;

function signedPost(t: Traffic, body: string, contentType: string): Promise<Response> {
  const ts = Math.floor(Date.now() / 1000);
  return fetch(`${t.baseUrl}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": signSlackRequest(SECRET, ts, body),
    },
    body,
  });
}

function slash(t: Traffic, text: string): Promise<Response> {
  const n = ++serial;
  const body = new URLSearchParams({
    token: "legacy-verification-token",
    team_id: TEAM,
    team_domain: "essex-partners",
    channel_id: "CHWB",
    channel_name: "hwb-board",
    user_id: person().id,
    user_name: "bench",
    command: "/quorum",
    text,
    api_app_id: "AQUORUM",
    response_url: t.slack.responseUrl("memory"),
    trigger_id: `trigger-${n}`,
  }).toString();
  return signedPost(t, body, "application/x-www-form-urlencoded");
}

function event(t: Traffic, event: Record<string, unknown>): Promise<Response> {
  const n = ++serial;
  const body = JSON.stringify({
    token: "legacy-verification-token",
    team_id: TEAM,
    api_app_id: "AQUORUM",
    type: "event_callback",
    event_id: `EvMemory${n}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true }],
    event,
  });
  return signedPost(t, body, "application/json");
}

const stamp = () => `${(Date.now() / 1000).toFixed(6)}`;
const dm = (user: string, text: string) => ({
  type: "message",
  channel_type: "im",
  channel: `D${user}`,
  user,
  text,
  ts: stamp(),
  event_ts: stamp(),
});
const mention = (user: string, text: string) => ({
  type: "app_mention",
  channel: "CHWB",
  user,
  text: `<@${BOT_USER}> ${text}`,
  ts: stamp(),
  event_ts: stamp(),
});

function teams(t: Traffic, text: string): Promise<Response> {
  const activity = directMessage(t.teams.url, text, serial++ % 2 ? SAM : JO);
  return fetch(`${t.baseUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...activity, id: `activity-${serial}` }),
  });
}

/**
 * Twenty requests that repeat: 14 slash commands (reads, an FAQ question, an action added and later marked
 * done, so the open list stays the size it was), 4 Slack events (DMs and @mentions) and 2 Teams messages.
 */
const MIX: Op[] = [
  { kind: "slash actions mine", send: (t) => slash(t, "actions mine") },
  { kind: "slash actions overdue", send: (t) => slash(t, "actions overdue") },
  { kind: "slash meeting next", send: (t) => slash(t, "meeting next") },
  { kind: "slash ask", send: (t) => slash(t, `ask ${FAQ[serial % FAQ.length]}?`) },
  { kind: "slash action add", send: (t) => slash(t, `action add "Memory bench ${serial}" due:friday`) },
  { kind: "event dm", send: (t) => event(t, dm(person().id, "actions mine")) },
  { kind: "slash actions", send: (t) => slash(t, "actions") },
  { kind: "slash action done", send: (t, numbers) => done(t, numbers) },
  { kind: "slash meeting next", send: (t) => slash(t, "meeting next group:hwb") },
  { kind: "teams dm", send: (t) => teams(t, "actions mine") },
  { kind: "slash actions mine", send: (t) => slash(t, "actions mine") },
  { kind: "event mention", send: (t) => event(t, mention(person().id, "meeting next")) },
  { kind: "slash ask", send: (t) => slash(t, `ask ${FAQ[serial % FAQ.length]}`) },
  { kind: "slash action add", send: (t) => slash(t, `action add "Memory bench ${serial}" owner:@sam`) },
  { kind: "slash actions overdue", send: (t) => slash(t, "actions overdue") },
  { kind: "event dm", send: (t) => event(t, dm(person().id, "meeting next")) },
  { kind: "slash action done", send: (t, numbers) => done(t, numbers) },
  { kind: "teams dm", send: (t) => teams(t, "whoami") },
  { kind: "slash whoami", send: (t) => slash(t, "whoami") },
  { kind: "event mention", send: (t) => event(t, mention(person().id, "actions overdue")) },
];

/** Marks done an action this run added (its number read from the add's ack), or lists when none is known yet. */
function done(t: Traffic, numbers: number[]): Promise<Response> {
  const n = numbers.shift();
  return slash(t, n === undefined ? "actions mine" : `action done A-${n} memory bench`);
}

export interface LoadResult {
  sent: number;
  /** Answers that were not 200, by kind. */
  failed: Map<string, number>;
  /** Time spent sending, the pauses for samples left out. */
  ms: number;
}

/**
 * Sends `total` requests of the mix from `senders` concurrent senders (each waits for its answer before
 * the next), calling `every` after each `interval` requests with the count sent so far.
 */
export async function sendMix(
  t: Traffic,
  total: number,
  senders: number,
  interval: number,
  every: (sent: number) => Promise<void>,
): Promise<LoadResult> {
  const numbers: number[] = [];
  const failed = new Map<string, number>();
  let next = 0;
  let sent = 0;
  let pause: Promise<void> = Promise.resolve();
  let paused = 0;
  const sample = async (count: number) => {
    const t0 = performance.now();
    await every(count);
    paused += performance.now() - t0;
  };
  const started = performance.now();
  const sender = async () => {
    for (;;) {
      await pause;
      const i = next++;
      if (i >= total) return;
      const op = MIX[i % MIX.length] as Op;
      const res = await op.send(t, numbers);
      const text = await res.text();
      if (res.status !== 200) failed.set(op.kind, (failed.get(op.kind) ?? 0) + 1);
      const added = op.kind === "slash action add" ? /A-(\d+)/.exec(text) : null;
      if (added?.[1]) numbers.push(Number(added[1]));
      sent++;
      // Every sender stops while the sample is taken, so each sample sees the same amount of work done.
      if (sent % interval === 0) pause = sample(sent);
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  return { sent, failed, ms: performance.now() - started - paused };
}

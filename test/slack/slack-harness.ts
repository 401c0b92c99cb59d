// Quorum's real server with the real bolt receiver on loopback, a test database with the demo, and a fake Slack.
import pino from "pino";
import { signSlackRequest } from "../../src/adapters/slack/signature.ts";
import {
  createSlackAdapter,
  type SlackAdapter,
  type SlackAdapterOptions,
  slackAdapterFactory,
} from "../../src/adapters/slack/slack-adapter.ts";
import { appFromDatabase } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { RateLimits } from "../../src/core/rate-limits.ts";
import type { ActionView } from "../../src/core/types.ts";
import { type AdapterFactory, type Running, serve } from "../../src/server/serve.ts";
import { type FreshScope, useFresh } from "../helpers/fresh.ts";
import { NOW } from "../helpers/harness.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db.ts";
import { type FakeSlack, startFakeSlack } from "./fake-slack.ts";

export const SECRET = "test-signing-secret-0123456789abcdef";
export const TOKEN = "xoxb-test-token-never-logged";
export const TEAM = "TQUORUM";

/** Slack users of the fake workspace; emails are demo partnership people's. */
export const USERS = {
  jo: { id: "UJO", email: "jo.whitfield@example.gov.uk", name: "Jo Whitfield" },
  helen: { id: "UHELEN", email: "helen.marsh@example.gov.uk", name: "Helen Marsh" },
  sam: { id: "USAM", email: "sam.okafor@example.gov.uk", name: "Sam Okafor" },
  /** A Slack user whose profile shows no email: Quorum can't match them. */
  hidden: { id: "UHIDDEN", name: "No Email" },
};

export interface SlackHarness {
  fake: FakeSlack;
  running: Running;
  slack: SlackAdapter;
  database: TestDatabase;
  app: ReturnType<typeof appFromDatabase>;
  url: string;
  logs: string[];
  /** POSTs a body to /slack/events, signed like Slack signs it (or as the options say). */
  post(body: string, contentType: string, opts?: SignOptions): Promise<Response>;
  command(text: string, opts?: Partial<CommandFields>): Promise<Response>;
  interact(payload: Record<string, unknown>): Promise<Response>;
  /** `team`: the envelope's team_id (default TEAM); bolt is still authorised for TEAM, as Slack Connect allows. */
  event(
    event: Record<string, unknown>,
    opts?: { eventId?: string; retryNum?: number; team?: string },
  ): Promise<Response>;
  action(n: number): Promise<ActionView | null>;
  actionCount(): Promise<number>;
  close(): Promise<void>;
}

export interface SignOptions {
  timestamp?: number;
  secret?: string;
  signature?: string;
  headers?: Record<string, string>;
}

export interface CommandFields {
  user: string;
  channel: string;
  channelName: string;
  responseUrl: string;
  triggerId: string;
}

export async function openSlackHarness(
  /** Without overrides the server is built exactly as `quorum serve` builds it, from the environment. */
  opts: {
    overrides?: Partial<SlackAdapterOptions>;
    rateLimits?: Partial<RateLimits>;
    /** QUORUM_PUBLIC_URL, for replies that carry links. */
    publicUrl?: string;
  } = {},
): Promise<SlackHarness> {
  const fake = await startFakeSlack();
  for (const u of Object.values(USERS)) {
    fake.users.set(u.id, { name: u.name, ...("email" in u ? { email: u.email } : {}) });
  }
  const database = await openTestDatabase({ demo: true });
  const logs: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => logs.push(line) });
  const clock = { now: () => NOW };
  const app = appFromDatabase(database, {
    logger,
    clock,
    ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}),
    ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    ...(opts.publicUrl ? { QUORUM_PUBLIC_URL: opts.publicUrl } : {}),
  });
  const factory: AdapterFactory = opts.overrides
    ? (deps) =>
        createSlackAdapter({
          quorum: deps.quorum,
          logger: deps.logger,
          botToken: TOKEN,
          signingSecret: SECRET,
          apiUrl: fake.apiUrl,
          ...opts.overrides,
        })
    : slackAdapterFactory;
  const running = await serve({ app, config, logger }, [factory], { host: "127.0.0.1", port: 0 });
  const slack = running.adapters[0] as SlackAdapter;
  const url = `${running.http.url}/slack/events`;

  const post = async (body: string, contentType: string, o: SignOptions = {}) => {
    const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": contentType,
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": o.signature ?? signSlackRequest(o.secret ?? SECRET, ts, body),
        ...o.headers,
      },
      body,
    });
    await res.clone().text();
    return res;
  };
  let triggers = 0;
  const harness: SlackHarness = {
    fake,
    running,
    slack,
    database,
    app,
    url,
    logs,
    post,
    command(text, f = {}) {
      const body = new URLSearchParams({
        token: "legacy-verification-token",
        team_id: TEAM,
        team_domain: "essex-partners",
        channel_id: f.channel ?? "CHWB",
        channel_name: f.channelName ?? "hwb-board",
        user_id: f.user ?? USERS.jo.id,
        user_name: "jo",
        command: "/quorum",
        text,
        api_app_id: "AQUORUM",
        response_url: f.responseUrl ?? fake.responseUrl("cmd"),
        trigger_id: f.triggerId ?? `trigger-${++triggers}`,
      }).toString();
      return post(body, "application/x-www-form-urlencoded");
    },
    interact(payload) {
      const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return post(body, "application/x-www-form-urlencoded");
    },
    event(event, o = {}) {
      const body = JSON.stringify({
        token: "legacy-verification-token",
        team_id: o.team ?? TEAM,
        api_app_id: "AQUORUM",
        type: "event_callback",
        event_id: o.eventId ?? `Ev${Math.random().toString(36).slice(2, 12)}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: TEAM, user_id: "UQUORUMBOT", is_bot: true }],
        event,
      });
      const headers: Record<string, string> =
        o.retryNum !== undefined
          ? { "x-slack-retry-num": String(o.retryNum), "x-slack-retry-reason": "http_timeout" }
          : {};
      return post(body, "application/json", { headers });
    },
    action: (n) =>
      app.store.transaction(async (r) => {
        const p = await r.partnerships.bySlug("demo");
        return p ? r.actions.byNumber(p.id, n) : null;
      }),
    actionCount: () =>
      app.store.transaction(async (r) => {
        const p = await r.partnerships.bySlug("demo");
        return p ? (await r.actions.list(p.id, { statuses: ["open", "done", "dropped"] })).length : 0;
      }),
    async close() {
      await running.close();
      await fake.close();
      await database.close();
    },
  };
  return harness;
}

/** A fresh server, fake Slack and database for each test; the returned `h` always means this test's. */
export function useSlackHarness(
  opts: Parameters<typeof openSlackHarness>[0] & { scope?: FreshScope } = {},
): SlackHarness {
  return useFresh(() => openSlackHarness(opts), opts.scope);
}

/** All mrkdwn and plain text in a list of blocks, for assertions on what a person would read. */
export function blockText(blocks: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k === "text" && typeof x === "string") out.push(x);
        else walk(x);
      }
    }
  };
  walk(blocks);
  return out.join("\n");
}

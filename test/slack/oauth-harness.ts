// Quorum serving several fake Slack workspaces: installed through the real OAuth routes, tokens sealed in a test database.
import { randomBytes } from "node:crypto";
import pino from "pino";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import { signSlackRequest } from "../../src/adapters/slack/signature.ts";
import { type SlackAdapter, slackAdapterFactory } from "../../src/adapters/slack/slack-adapter.ts";
import { appFromDatabase } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { type Running, serve } from "../../src/server/serve.ts";
import { NOW } from "../helpers/harness.ts";
import { outletsFor } from "../helpers/outlets.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db.ts";
import { type FakeSlack, startFakeSlack } from "./fake-slack.ts";
import { SECRET, USERS } from "./slack-harness.ts";

export const TEAM_A = { id: "TAAAA", name: "County Council" };
export const TEAM_B = { id: "TBBBB", name: "Voluntary Sector" };

export interface OAuthHarness {
  fake: FakeSlack;
  running: Running;
  slack: SlackAdapter;
  database: TestDatabase;
  app: ReturnType<typeof appFromDatabase>;
  base: string;
  logs: string[];
  key: string;
  /** GET /slack/install: the state Slack would be sent and the cookie the browser was given. */
  startInstall(query?: string): Promise<{ state: string; cookie: string; href: string }>;
  /** Slack's redirect back with a code and state (and, unless null, the browser's cookie). */
  redirect(code: string, state: string, cookie: string | null): Promise<Response>;
  /** The whole flow for one workspace; returns the bot token Slack issued. */
  install(team: { id: string; name: string }, opts?: { expiresIn?: number }): Promise<string>;
  /** A command typed in the shell by a demo person (jo is the demo's admin). */
  shell(user: string, text: string): Promise<string>;
  command(team: string, user: string, text: string): Promise<Response>;
  event(team: string, event: Record<string, unknown>): Promise<Response>;
  drain(): ReturnType<ReturnType<typeof createOutboxWorker>["drainOnce"]>;
  close(): Promise<void>;
}

export async function openOAuthHarness(): Promise<OAuthHarness> {
  const fake = await startFakeSlack();
  for (const u of Object.values(USERS))
    fake.users.set(u.id, { name: u.name, ...("email" in u ? { email: u.email } : {}) });
  const database = await openTestDatabase({ demo: true });
  const logs: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => logs.push(line) });
  const clock = { now: () => NOW };
  const app = appFromDatabase(database, { logger, clock });
  const key = randomBytes(32).toString("base64");
  const config = loadConfig({
    SLACK_CLIENT_ID: fake.client.id,
    SLACK_CLIENT_SECRET: fake.client.secret,
    SLACK_STATE_SECRET: "state-secret-for-tests-0123456789",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    QUORUM_SECRET_KEY: key,
  });
  const running = await serve({ app, config, logger }, [slackAdapterFactory], { host: "127.0.0.1", port: 0 });
  const slack = running.adapters[0] as SlackAdapter;
  const base = running.http.url;
  const worker = createOutboxWorker({ outlets: outletsFor(slack.sender), queue: app.queue, clock });

  const post = async (body: string, contentType: string) => {
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${base}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": contentType,
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": signSlackRequest(SECRET, ts, body),
      },
      body,
    });
    await res.clone().text();
    await slack.settled();
    return res;
  };
  const h: OAuthHarness = {
    fake,
    running,
    slack,
    database,
    app,
    base,
    logs,
    key,
    async startInstall(query = "?partnership=demo") {
      const res = await fetch(`${base}/slack/install${query}`, { redirect: "manual" });
      const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const html = await res.text();
      const href = (/href="([^"]+)"/.exec(html)?.[1] ?? "").replaceAll("&amp;", "&");
      const state = new URL(href).searchParams.get("state") ?? "";
      return { state, cookie, href };
    },
    redirect(code, state, cookie) {
      const q = new URLSearchParams({ code, state });
      return fetch(`${base}/slack/oauth_redirect?${q}`, { headers: cookie ? { cookie } : {} });
    },
    async install(team, opts = {}) {
      const { state, cookie } = await h.startInstall();
      const code = fake.issueCode(`code-${team.id}-${Math.random()}`, team, opts);
      const res = await h.redirect(code, state, cookie);
      if (res.status !== 200) throw new Error(`install failed: ${res.status} ${await res.text()}`);
      const tokens = fake.issued.get(team.id) ?? [];
      return tokens[tokens.length - 1] ?? "";
    },
    async shell(user, text) {
      return cardToText(await app.quorum.handle(shellEvent(user, text)));
    },
    command(team, user, text) {
      const body = new URLSearchParams({
        team_id: team,
        team_domain: team.toLowerCase(),
        channel_id: `D${user}`,
        channel_name: "directmessage",
        user_id: user,
        user_name: user.toLowerCase(),
        command: "/quorum",
        text,
        api_app_id: "AQUORUM",
        response_url: fake.responseUrl(`cmd-${team}`),
        trigger_id: `trigger-${Math.random()}`,
      }).toString();
      return post(body, "application/x-www-form-urlencoded");
    },
    event(team, event) {
      return post(
        JSON.stringify({
          team_id: team,
          api_app_id: "AQUORUM",
          type: "event_callback",
          event_id: `Ev${Math.random().toString(36).slice(2, 12)}`,
          event_time: Math.floor(Date.now() / 1000),
          event,
        }),
        "application/json",
      );
    },
    drain: () => worker.drainOnce(),
    async close() {
      await running.close();
      await fake.close();
      await database.close();
    },
  };
  return h;
}

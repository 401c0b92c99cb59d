// Quorum's real HTTP server with the real Teams SDK receiver on loopback, a demo database and a fake connector.
import { Writable } from "node:stream";
import pino from "pino";
import { createTeamsAdapter, type TeamsAdapterOptions } from "../../src/adapters/teams/teams-adapter.ts";
import { type App, appFromDatabase } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { type Running, serve } from "../../src/server/serve.ts";
import { type FreshScope, useFresh } from "../helpers/fresh.ts";
import { NOW } from "../helpers/harness.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db.ts";
import { botToken, OUTBOUND_TOKEN, signedTeamsEnv } from "./bot-auth.ts";
import { type FakeConnector, startFakeConnector } from "./fake-connector.ts";

export const TENANT = "tenant-essex-0001";
export const BOT_ID = "28:quorum-bot";
export const SAM = {
  id: "29:sam-bf-id",
  aadObjectId: "aad-sam-0001",
  name: "Sam Okafor",
  email: "sam.okafor@example.gov.uk",
};
export const JO = {
  id: "29:jo-bf-id",
  aadObjectId: "aad-jo-0001",
  name: "Jo Whitfield",
  email: "jo.whitfield@example.gov.uk",
};
export const CHANNEL = "19:hwb-channel@thread.tacv2";

export interface TeamsHarness {
  database: TestDatabase;
  app: App;
  connector: FakeConnector;
  running: Running;
  /** Log lines (JSON), when the harness was opened with `logLevel`. */
  logs: string[];
  /** POSTs an activity with a valid Bot Framework token for its serviceUrl. */
  post(activity: Record<string, unknown>): Promise<Response>;
  /** POSTs an activity with exactly these headers (none: unsigned). */
  postRaw(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** A silent logger: tests assert on behaviour. */
export const quietLogger = () => pino({ level: "silent" });

/**
 * By default Teams authentication is on, exactly as in production: the fake connector publishes the
 * test key (TEAMS_OPENID_METADATA_URL), only its address is an allowed serviceUrl, and `post` signs.
 */
export async function openTeamsHarness(
  opts: {
    /** Replaces the default (signed) Teams settings; a function gets the fake connector. */
    env?: Record<string, string> | ((connector: FakeConnector) => Record<string, string>);
    adapter?: TeamsAdapterOptions;
    /** Capture the log at this level into `logs`. */
    logLevel?: string;
  } = {},
): Promise<TeamsHarness> {
  const database = await openTestDatabase({ demo: true });
  const clock = { now: () => NOW };
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = opts.logLevel ? pino({ level: opts.logLevel }, sink) : quietLogger();
  const app = appFromDatabase(database, { logger, clock });
  const connector = await startFakeConnector();
  for (const user of [SAM, JO]) connector.members.set(user.id, { ...user });
  const env = typeof opts.env === "function" ? opts.env(connector) : (opts.env ?? signedTeamsEnv(connector));
  const config = loadConfig({ PORT: "3000", HOST: "127.0.0.1", ...env });
  const adapterOptions = opts.adapter ?? { token: () => OUTBOUND_TOKEN };
  const running = await serve({ app, config, logger }, [(deps) => createTeamsAdapter(deps, adapterOptions)], {
    port: 0,
  });
  const postRaw = (activity: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(`${running.http.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(activity),
    });
  return {
    database,
    app,
    connector,
    running,
    logs,
    postRaw,
    post: (activity) =>
      postRaw(activity, { authorization: `Bearer ${botToken(String(activity.serviceUrl ?? ""))}` }),
    async close() {
      await running.close();
      await connector.close();
      await database.close();
    },
  };
}

/** A fresh server, fake connector and database for each test; the returned `h` always means this test's. */
export function useTeamsHarness(
  opts: Parameters<typeof openTeamsHarness>[0] & { scope?: FreshScope } = {},
): TeamsHarness {
  return useFresh(() => openTeamsHarness(opts), opts.scope);
}

let seq = 0;
const nextId = () => `act-${Date.now()}-${++seq}`;
type User = typeof SAM;

const base = (serviceUrl: string, user: User) => ({
  id: nextId(),
  channelId: "msteams",
  serviceUrl,
  from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
  recipient: { id: BOT_ID, name: "Quorum" },
  channelData: { tenant: { id: TENANT } },
  locale: "en-GB",
  timestamp: NOW.toISOString(),
});

const personalConversation = (user: User) => ({
  id: `a:1on1-${user.id}`,
  conversationType: "personal",
  tenantId: TENANT,
});

export function directMessage(serviceUrl: string, text: string, user: User = SAM) {
  return { ...base(serviceUrl, user), type: "message", text, conversation: personalConversation(user) };
}

const channelConversation = (thread = "1700000000001") => ({
  id: `${CHANNEL};messageid=${thread}`,
  conversationType: "channel",
  tenantId: TENANT,
  isGroup: true,
});

const channelData = {
  tenant: { id: TENANT },
  team: { id: "19:team@thread.tacv2", name: "Health and Wellbeing" },
  channel: { id: CHANNEL, name: "Board" },
};

export function channelMention(serviceUrl: string, command: string, user: User = SAM) {
  const mention = "<at>Quorum</at>";
  return {
    ...base(serviceUrl, user),
    type: "message",
    text: `${mention} ${command}`.trim(),
    conversation: channelConversation(),
    channelData,
    entities: [{ type: "mention", text: mention, mentioned: { id: BOT_ID, name: "Quorum" } }],
  };
}

export function executeInvoke(
  serviceUrl: string,
  data: Record<string, unknown>,
  opts: { user?: User; verb?: string; channel?: boolean } = {},
) {
  const user = opts.user ?? SAM;
  return {
    ...base(serviceUrl, user),
    type: "invoke",
    name: "adaptiveCard/action",
    replyToId: "m-original",
    conversation: opts.channel ? channelConversation() : personalConversation(user),
    ...(opts.channel ? { channelData } : {}),
    value: { action: { type: "Action.Execute", verb: opts.verb ?? "quorum", data }, trigger: "manual" },
  };
}

export function submitMessage(serviceUrl: string, data: Record<string, unknown>, user: User = SAM) {
  return {
    ...base(serviceUrl, user),
    type: "message",
    replyToId: "m-original",
    conversation: personalConversation(user),
    value: data,
  };
}

export function installUpdate(serviceUrl: string, action: "add" | "remove", scope: "channel" | "personal") {
  return {
    ...base(serviceUrl, JO),
    type: "installationUpdate",
    action,
    conversation: scope === "channel" ? { ...channelConversation(), id: CHANNEL } : personalConversation(JO),
    ...(scope === "channel" ? { channelData } : {}),
  };
}

export function membersAdded(serviceUrl: string, memberIds: string[]) {
  return {
    ...base(serviceUrl, JO),
    type: "conversationUpdate",
    conversation: { ...channelConversation(), id: CHANNEL },
    channelData: { ...channelData, eventType: "teamMemberAdded" },
    membersAdded: memberIds.map((id) => ({ id })),
  };
}

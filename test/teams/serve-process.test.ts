// The real `quorum serve` process, configured only by environment variables, attacked over loopback HTTP.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useFresh } from "../helpers/fresh.ts";
import { closedPort } from "../helpers/net.ts";
import { openTestDatabaseUrl } from "../helpers/test-db.ts";
import { type FakeSlack, startFakeSlack } from "../slack/fake-slack.ts";
import { authEnv, botToken, trustConnector } from "./bot-auth.ts";
import { cardText, type FakeConnector, startFakeConnector } from "./fake-connector.ts";
import { directMessage, executeInvoke, JO, SAM, TENANT } from "./teams-harness.ts";

const BIN = join(import.meta.dirname, "..", "..", "bin", "quorum.js");
let baseEnv: NodeJS.ProcessEnv;
let connector: FakeConnector;
let attacker: FakeConnector;
let slack: FakeSlack;

/** Each test's own database with the demo (a data folder on PGlite), written from the run's snapshot. */
const database = useFresh(() => openTestDatabaseUrl({ demo: true }));

// The fakes are shared: they hold no database, their members never change, and they are reset before each test.
beforeAll(async () => {
  connector = await startFakeConnector();
  attacker = await startFakeConnector();
  for (const user of [SAM, JO]) {
    connector.members.set(user.id, { ...user });
    attacker.members.set(user.id, { ...user });
  }
  slack = await startFakeSlack();
}, 120_000);

afterAll(async () => {
  await Promise.all([connector?.close(), attacker?.close(), slack?.close()]);
});

beforeEach(() => {
  // Nothing from the developer's own environment decides what the process serves.
  baseEnv = {
    PATH: process.env.PATH,
    DATABASE_URL: database.url,
    LOG_LEVEL: "warn",
    QUORUM_FROM_SOURCE: "1",
  };
  connector.reset();
  attacker.reset();
});

interface Served {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/** Starts `quorum serve` and waits for "Quorum is listening on …" (or the process to exit). */
async function serveProcess(
  env: Record<string, string>,
): Promise<Served | { code: number | null; stderr: string }> {
  const port = String(await closedPort());
  const child = spawn("node", [BIN, "serve"], { env: { ...baseEnv, PORT: port, ...env } });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  child.stdout.resume();
  const exited = once(child, "exit").then(([code]) => ({ code: code as number | null, stderr }));
  const listening = new Promise<string>((resolve) => {
    child.stderr.on("data", () => {
      const m = /Quorum is listening on (http:\/\/\S+)/.exec(stderr);
      if (m?.[1]) resolve(m[1]);
    });
  });
  const first = await Promise.race([listening, exited]);
  if (typeof first !== "string") return first;
  const url = first;
  return {
    child,
    url,
    stderr: () => stderr,
    post: (activity, headers = {}) =>
      fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(activity),
      }),
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

const served = (s: Awaited<ReturnType<typeof serveProcess>>): Served => {
  if (!("url" in s)) throw new Error(`quorum serve exited ${s.code}: ${s.stderr}`);
  return s;
};
const host = (url: string) => new URL(url).host;

// Each case starts a real process (tsx compiles on start): slow on a shared machine, never timed.
describe("quorum serve", { timeout: 120_000 }, () => {
  it("with only Slack configured has no Teams endpoint: 404, and no request to the activity's serviceUrl", async () => {
    const s = served(
      await serveProcess({
        HOST: "127.0.0.1",
        SLACK_BOT_TOKEN: "xoxb-process",
        SLACK_SIGNING_SECRET: "process-secret",
        SLACK_API_URL: slack.apiUrl,
      }),
    );
    try {
      for (const text of ["whoami", "questions all", "remind actions off"]) {
        expect((await s.post(directMessage(attacker.url, text, JO))).status).toBe(404);
      }
      expect(attacker.requests).toEqual([]);
    } finally {
      await s.stop();
    }
  });

  it("refuses to start with QUORUM_TEAMS_INSECURE=1 on every interface", async () => {
    const result = await serveProcess({ QUORUM_TEAMS_INSECURE: "1", TEAMS_TENANT_ID: TENANT });
    if (!("code" in result)) {
      await result.stop();
      throw new Error("quorum serve started with unauthenticated Teams on 0.0.0.0");
    }
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /Configuration problem: QUORUM_TEAMS_INSECURE: unauthenticated Teams is only allowed on a loopback address, and HOST is 0\.0\.0\.0/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("serves unauthenticated Teams on 127.0.0.1 with QUORUM_TEAMS_INSECURE=1, under a banner", async () => {
    const s = served(
      await serveProcess({
        HOST: "127.0.0.1",
        QUORUM_TEAMS_INSECURE: "1",
        TEAMS_TENANT_ID: TENANT,
        TEAMS_SERVICE_URL_HOSTS: host(connector.url),
      }),
    );
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
      expect(s.stderr()).toContain("INSECURE: QUORUM_TEAMS_INSECURE=1");
      expect((await s.post(directMessage(connector.url, "whoami"))).status).toBe(200);
      expect(cardText(connector.cards()[0]?.card)).toContain("You are Sam Okafor (@sam)");
      expect((await s.post(directMessage(attacker.url, "whoami", JO))).status).toBe(403);
      expect(attacker.requests).toEqual([]);
    } finally {
      await s.stop();
    }
  });

  it("with Teams configured checks tokens against TEAMS_OPENID_METADATA_URL, then tenant and serviceUrl", async () => {
    const s = served(
      await serveProcess({
        ...authEnv,
        ...trustConnector(connector),
        HOST: "127.0.0.1",
        TEAMS_SERVICE_URL_HOSTS: host(connector.url),
      }),
    );
    try {
      const forged = directMessage(attacker.url, "whoami", JO);
      expect((await s.post(forged)).status).toBe(401);
      const stranger = botToken(attacker.url, { key: "stranger" });
      expect((await s.post(forged, { authorization: `Bearer ${stranger}` })).status).toBe(401);
      // Properly signed, but naming an address off the list: refused before any call.
      const signedForAttacker = { authorization: `Bearer ${botToken(attacker.url)}` };
      expect((await s.post(forged, signedForAttacker)).status).toBe(403);
      // Properly signed, from a tenant this deployment does not serve: a refusal, and nothing run.
      const click = {
        ...executeInvoke(connector.url, { command: "action done A-2" }),
        conversation: { id: `a:1on1-${SAM.id}`, conversationType: "personal", tenantId: "tenant-other" },
        channelData: { tenant: { id: "tenant-other" } },
      };
      const res = await s.post(click, { authorization: `Bearer ${botToken(connector.url)}` });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        value: expect.stringMatching(/not set up for your organisation/),
      });
      expect(attacker.requests).toEqual([]);
      expect(connector.requests.filter((r) => !r.includes("/.well-known/"))).toEqual([]);
      // The keys really came from the configured metadata URL's /keys.
      expect(connector.requests).toContain("GET /v1/.well-known/keys");
    } finally {
      await s.stop();
    }
  });
});

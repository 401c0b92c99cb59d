import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appFromDatabase } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { card } from "../../src/core/card.ts";
import { DeliveryError, type DeliveryTarget } from "../../src/core/outbound.ts";
import { loadDemo } from "../../src/demo/load-demo.ts";
import { loadAdapterFactories } from "../../src/server/adapters.ts";
import { serve } from "../../src/server/serve.ts";
import { NOW } from "../helpers/harness.ts";
import { rowCounts } from "../helpers/row-counts.ts";
import { openTestDatabase } from "../helpers/test-db.ts";
import { startFakeSlack } from "../slack/fake-slack.ts";
import { botToken, signedTeamsEnv } from "./bot-auth.ts";
import { cardText, type FakeConnector, startFakeConnector } from "./fake-connector.ts";
import {
  channelMention,
  directMessage,
  executeInvoke,
  installUpdate,
  JO,
  openTeamsHarness,
  SAM,
  TENANT,
  useTeamsHarness,
} from "./teams-harness.ts";

/**
 * Stands in for the attacker's serviceUrl: answers member look-ups with an admin's email, as in issue 14.
 * Safe to share across the file: it holds no database, its members never change, and it is reset before each test.
 */
let attacker: FakeConnector;
beforeAll(async () => {
  attacker = await startFakeConnector();
  for (const user of [JO, SAM]) attacker.members.set(user.id, { ...user });
});
afterAll(() => attacker.close());
beforeEach(() => attacker.reset());

const OTHER_TENANT = "tenant-stranger-9999";
const inTenant = <T extends Record<string, unknown>>(a: T, tenant: string): T => ({
  ...a,
  conversation: { ...(a.conversation as object), tenantId: tenant },
  channelData: { ...((a.channelData as object) ?? {}), tenant: { id: tenant } },
});

describe("a Slack-only deployment", () => {
  it("has no /api/messages: an unsigned Teams activity gets 404 and Quorum calls no one", async () => {
    const slack = await startFakeSlack();
    const database = await openTestDatabase();
    const logger = pino({ level: "silent" });
    const app = appFromDatabase(database, { logger, clock: { now: () => NOW } });
    await loadDemo(app.store, { now: () => NOW });
    const config = loadConfig({
      HOST: "127.0.0.1",
      SLACK_BOT_TOKEN: "xoxb-slack-only",
      SLACK_SIGNING_SECRET: "slack-only-secret",
      SLACK_API_URL: slack.apiUrl,
    });
    const running = await serve({ app, config, logger }, await loadAdapterFactories(config), { port: 0 });
    try {
      expect(running.adapters.map((a) => a.name)).toEqual(["slack"]);
      const before = await rowCounts(database.db);
      for (const text of ["whoami", "action done A-2", 'faq add "Phish" "https://evil.example"']) {
        const res = await fetch(`${running.http.url}/api/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(directMessage(attacker.url, text, JO)),
        });
        expect(res.status).toBe(404);
      }
      expect(attacker.requests).toEqual([]);
      expect(await rowCounts(database.db)).toEqual(before);
    } finally {
      await running.close();
      await database.close();
      await slack.close();
    }
  });
});

describe("Teams with authentication on", () => {
  const h = useTeamsHarness({ logLevel: "trace" });
  let url: string;
  beforeEach(() => {
    url = h.connector.url;
  });
  /** Requests to the connector other than its signing keys (which token checks may fetch). */
  const connectorCalls = () => h.connector.requests.filter((r) => !r.includes("/.well-known/"));

  it("answers 401 to unsigned or wrongly signed activities and calls no one", async () => {
    const before = await rowCounts(h.database.db);
    const forged = directMessage(attacker.url, "whoami", JO);
    const responses = [
      await h.postRaw(forged),
      await h.postRaw(forged, { authorization: "Bearer not-a-jwt" }),
      await h.postRaw(forged, { authorization: `Bearer ${botToken(attacker.url, { key: "stranger" })}` }),
      await h.postRaw(forged, {
        authorization: `Bearer ${botToken(attacker.url, { audience: "other-app" })}`,
      }),
      // A real token for the connector's address does not cover an activity naming another one.
      await h.postRaw(forged, { authorization: `Bearer ${botToken(url)}` }),
    ];
    expect(responses.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(attacker.requests).toEqual([]);
    expect(connectorCalls()).toEqual([]);
    expect(await rowCounts(h.database.db)).toEqual(before);
  });

  it("runs a signed activity from an allowed tenant end to end, with a look-up and one reply", async () => {
    const res = await h.post(directMessage(url, "whoami"));
    expect(res.status).toBe(200);
    expect(h.connector.lookups).toEqual([SAM.id]);
    expect(h.connector.posts).toHaveLength(1);
    expect(cardText(h.connector.cards()[0]?.card)).toContain("You are Sam Okafor (@sam)");
  });

  it("refuses another tenant politely, writing nothing and looking no one up", async () => {
    const before = await rowCounts(h.database.db);
    const res = await h.post(inTenant(directMessage(url, "whoami", JO), OTHER_TENANT));
    expect(res.status).toBe(200);
    expect(h.connector.lookups).toEqual([]);
    expect(h.connector.posts).toHaveLength(1);
    expect(h.connector.posts[0]?.activity.text).toMatch(/not set up for your organisation/);
    // A card click gets the refusal in its response; an install gets nothing at all.
    const click = await h.post(inTenant(executeInvoke(url, { command: "action done A-2" }), OTHER_TENANT));
    expect(await click.json()).toMatchObject({
      type: "application/vnd.microsoft.activity.message",
      value: expect.stringMatching(/not set up for your organisation/),
    });
    expect((await h.post(inTenant(installUpdate(url, "add", "channel"), OTHER_TENANT))).status).toBe(200);
    // A channel message not addressed to Quorum gets no answer either.
    const unaddressed = { ...channelMention(url, "hello"), entities: [], text: "hello all" };
    expect((await h.post(inTenant(unaddressed, OTHER_TENANT))).status).toBe(200);
    expect(h.connector.posts).toHaveLength(1);
    expect(await rowCounts(h.database.db)).toEqual(before);
  });

  it("never calls a serviceUrl off the allow-list, or one carrying credentials or a query", async () => {
    const before = await rowCounts(h.database.db);
    const port = new URL(url).port;
    const bad = [
      attacker.url,
      `http://jo:hunter2@127.0.0.1:${port}`,
      `${url}/?redirect=1`,
      `${url}/#fragment`,
      `http://localhost:${port}`,
    ];
    for (const serviceUrl of bad) {
      // Signed for exactly that address: even a token Microsoft issued would not make Quorum call it.
      const res = await h.post(directMessage(serviceUrl, "whoami", JO));
      expect(res.status, serviceUrl).toBe(403);
    }
    expect(attacker.requests).toEqual([]);
    expect(connectorCalls()).toEqual([]);
    expect(await rowCounts(h.database.db)).toEqual(before);
  });

  it("stores the normalised address, and the proactive sender refuses stored ones off the list", async () => {
    await h.post(directMessage(`${url}/`, "whoami"));
    const identity = await h.app.store.transaction(async (r) => {
      const person = await r.people.byIdentity("teams", TENANT, SAM.aadObjectId);
      return person ? (await r.people.identities(person.id)).find((i) => i.platform === "teams") : undefined;
    });
    expect(identity?.conversationRef).toMatchObject({ serviceUrl: url });
    h.connector.reset();

    const sender = h.running.adapters.find((a) => a.name === "teams")?.sender;
    const target = (serviceUrl: string): DeliveryTarget => ({
      platform: "teams",
      tenant: TENANT,
      kind: "channel",
      id: "19:x@thread.tacv2",
      ref: { serviceUrl, conversationId: "19:x@thread.tacv2", tenantId: TENANT },
      label: "Board",
    });
    for (const serviceUrl of [attacker.url, `http://u:p@${new URL(url).host}`, `${url}?q=1`]) {
      const err = await sender
        ?.send(target(serviceUrl), { card: card("Digest", []), text: "Digest" })
        .catch((e: unknown) => e);
      expect(err, serviceUrl).toBeInstanceOf(DeliveryError);
      expect((err as DeliveryError).code).toBe("rejected");
      expect((err as DeliveryError).message).toMatch(/not an allowed Bot Framework address/);
    }
    expect(attacker.requests).toEqual([]);
    expect(h.connector.requests).toEqual([]);
    await sender?.send(target(url), { card: card("Digest", []), text: "Digest" });
    expect(h.connector.posts).toHaveLength(1);
  });

  it("keeps activities and personal data out of the log, even at trace level", async () => {
    const secret = "private enquiry about a named child 7731";
    await h.post(directMessage(url, `question ${secret}`, JO));
    const log = h.logs.join("");
    expect(log).toContain("[activity message id=");
    for (const personal of [secret, JO.email, JO.name, JO.aadObjectId]) expect(log).not.toContain(personal);
  });
});

describe("Teams tenants without TEAMS_TENANT_ID", () => {
  it("lets in only tenants linked to a partnership; another waits for an admin's decision", async () => {
    const h = await openTeamsHarness({
      env: (c) => {
        const { TEAMS_TENANT_ID: _unset, ...env } = signedTeamsEnv(c);
        return env;
      },
    });
    try {
      const url = h.connector.url;
      const before = await rowCounts(h.database.db);
      await h.post(directMessage(url, "whoami"));
      // Its join request and the admin's Accept / Decline message are all that is written.
      expect(h.connector.posts[0]?.activity.text).toMatch(/waiting for a partnership admin to accept it/);
      expect(await rowCounts(h.database.db)).toEqual({
        ...before,
        outbox: before.outbox + 1,
        workspaceRequests: before.workspaceRequests + 1,
      });
      const asked = await h.app.store.transaction((r) => r.workspaces.request("teams", TENANT));
      expect(asked?.status).toBe("pending");
      await h.app.store.transaction(async (r) => {
        const essex = await r.partnerships.bySlug("demo");
        if (essex) await r.partnerships.linkInstallation(essex.id, "teams", TENANT);
      });
      h.connector.reset();
      await h.post(directMessage(url, "whoami"));
      expect(cardText(h.connector.cards()[0]?.card)).toContain("You are Sam Okafor (@sam)");
    } finally {
      await h.close();
    }
  });
});

describe("unauthenticated Teams for local development", () => {
  it("works only with QUORUM_TEAMS_INSECURE=1 on loopback, and still only calls allowed addresses", async () => {
    const h = await openTeamsHarness({
      env: (c) => ({
        QUORUM_TEAMS_INSECURE: "1",
        HOST: "127.0.0.1",
        TEAMS_TENANT_ID: TENANT,
        TEAMS_SERVICE_URL_HOSTS: new URL(c.url).host,
      }),
      logLevel: "warn",
    });
    try {
      expect(h.logs.join("")).toContain("INSECURE: QUORUM_TEAMS_INSECURE=1");
      const ok = await h.postRaw(directMessage(h.connector.url, "whoami"));
      expect(ok.status).toBe(200);
      expect(cardText(h.connector.cards()[0]?.card)).toContain("You are Sam Okafor (@sam)");
      expect((await h.postRaw(directMessage(attacker.url, "whoami", JO))).status).toBe(403);
      expect(attacker.requests).toEqual([]);
      // The same settings cannot be served on every interface.
      const config = loadConfig({ QUORUM_TEAMS_INSECURE: "1", HOST: "127.0.0.1" });
      await expect(
        serve({ app: h.app, config, logger: pino({ level: "silent" }) }, [], { host: "0.0.0.0" }),
      ).rejects.toThrow(/only allowed on a loopback address, not 0\.0\.0\.0/);
    } finally {
      await h.close();
    }
  });
});

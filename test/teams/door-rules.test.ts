// The Teams door's pure rules: settings, which serviceUrls Quorum calls, tenants, the outbound budget, log redaction.
import { describe, expect, it } from "vitest";
import {
  admit,
  boundedTurn,
  type DoorRules,
  OutboundBudgetError,
  outboundBudget,
} from "../../src/adapters/teams/door.ts";
import { sdkLine } from "../../src/adapters/teams/sdk-logger.ts";
import { MICROSOFT_CHANNEL_HOSTS, serviceUrlPolicy } from "../../src/adapters/teams/service-url.ts";
import { isLoopbackHost, loadConfig } from "../../src/config.ts";
import type { TenantKnock } from "../../src/core/directory/tenants.ts";

describe("Teams settings", () => {
  it("leaves Teams off without TEAMS_APP_ID or the insecure opt-in, and listens on 0.0.0.0 by default", () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", TEAMS_TENANT_ID: "t1" });
    expect(c.teams).toBeUndefined();
    expect(c.host).toBe("0.0.0.0");
  });

  it("reads TEAMS_TENANT_ID and TEAMS_SERVICE_URL_HOSTS as comma-separated lists", () => {
    const c = loadConfig({
      TEAMS_APP_ID: "app",
      TEAMS_TENANT_ID: " t1, t2 ,,",
      TEAMS_SERVICE_URL_HOSTS: "127.0.0.1:4000, *.example.test",
      TEAMS_OPENID_METADATA_URL: "http://127.0.0.1:4000/v1/.well-known/openidconfiguration",
    });
    expect(c.teams).toMatchObject({
      insecure: false,
      appId: "app",
      tenantIds: ["t1", "t2"],
      serviceUrlHosts: ["127.0.0.1:4000", "*.example.test"],
      openIdMetadataUrl: "http://127.0.0.1:4000/v1/.well-known/openidconfiguration",
    });
  });

  it("allows unauthenticated Teams only when asked for, on a loopback HOST, without an app id", () => {
    expect(loadConfig({ QUORUM_TEAMS_INSECURE: "1", HOST: "127.0.0.1" }).teams).toMatchObject({
      insecure: true,
      appId: undefined,
    });
    expect(() => loadConfig({ QUORUM_TEAMS_INSECURE: "1" })).toThrow(
      /QUORUM_TEAMS_INSECURE: unauthenticated Teams is only allowed on a loopback address, and HOST is 0\.0\.0\.0/,
    );
    expect(() => loadConfig({ QUORUM_TEAMS_INSECURE: "1", HOST: "10.0.0.5" })).toThrow(/HOST is 10\.0\.0\.5/);
    expect(() => loadConfig({ QUORUM_TEAMS_INSECURE: "1", HOST: "::1", TEAMS_APP_ID: "app" })).toThrow(
      /unset it when TEAMS_APP_ID is set/,
    );
    expect(() => loadConfig({ QUORUM_TEAMS_INSECURE: "yes" })).toThrow(/QUORUM_TEAMS_INSECURE: use 1 or 0/);
    expect(loadConfig({ QUORUM_TEAMS_INSECURE: "0", HOST: "0.0.0.0" }).teams).toBeUndefined();
  });

  it("refuses an OpenID metadata URL that is plain http off this machine", () => {
    expect(() =>
      loadConfig({ TEAMS_APP_ID: "a", TEAMS_OPENID_METADATA_URL: "http://keys.example.test/openid" }),
    ).toThrow(/TEAMS_OPENID_METADATA_URL: must be an https URL/);
  });

  it("knows loopback addresses", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of ["0.0.0.0", "::", "10.0.0.1", "quorum.example.org", "128.0.0.1"])
      expect(isLoopbackHost(h), h).toBe(false);
  });
});

describe("serviceUrl allow-list", () => {
  const microsoft = serviceUrlPolicy();

  it("accepts Microsoft's channel hosts and returns scheme, host and path only", () => {
    expect(MICROSOFT_CHANNEL_HOSTS).toContain("smba.trafficmanager.net");
    expect(microsoft("https://smba.trafficmanager.net/emea/")).toEqual({
      ok: true,
      url: "https://smba.trafficmanager.net/emea",
    });
    expect(microsoft("https://SMBA.infra.gcc.teams.microsoft.com/gcc")).toMatchObject({ ok: true });
    expect(microsoft("https://smba.infra.gov.teams.microsoft.us/teams")).toMatchObject({ ok: true });
    expect(microsoft("https://smba.infra.dod.teams.microsoft.us/teams")).toMatchObject({ ok: true });
    expect(microsoft("https://europe.webchat.botframework.com/")).toMatchObject({ ok: true });
  });

  it("refuses other hosts, look-alikes, plain http, credentials, queries and fragments", () => {
    const refused: Array<[string, RegExp]> = [
      ["https://attacker.example/teams", /host not allowed/],
      ["https://smba.trafficmanager.net.attacker.example/teams", /host not allowed/],
      ["https://evilbotframework.com/", /host not allowed/],
      ["https://botframework.com/", /host not allowed/],
      ["http://smba.trafficmanager.net/teams", /not https/],
      ["https://user:pass@smba.trafficmanager.net/teams", /credentials/],
      ["https://attacker.example@smba.trafficmanager.net/teams", /credentials/],
      ["https://smba.trafficmanager.net/teams?x=1", /query or fragment/],
      ["https://smba.trafficmanager.net/teams?", /query or fragment/],
      ["https://smba.trafficmanager.net/teams#f", /query or fragment/],
      ["not a url", /not a URL/],
      ["", /no serviceUrl/],
    ];
    for (const [url, reason] of refused) {
      const check = microsoft(url);
      expect(check.ok, url).toBe(false);
      expect(check.ok ? "" : check.reason, url).toMatch(reason);
    }
    expect(microsoft(undefined)).toMatchObject({ ok: false });
  });

  it("uses TEAMS_SERVICE_URL_HOSTS instead when set: a host:port pins the port", () => {
    const local = serviceUrlPolicy(["127.0.0.1:4000"]);
    expect(local("http://127.0.0.1:4000/")).toEqual({ ok: true, url: "http://127.0.0.1:4000" });
    expect(local("http://127.0.0.1:4001/")).toMatchObject({ ok: false, reason: "host not allowed" });
    expect(local("https://smba.trafficmanager.net/teams")).toMatchObject({ ok: false });
    // http stays loopback-only even when a pattern names another host.
    expect(serviceUrlPolicy(["connector.example"])("http://connector.example/")).toMatchObject({ ok: false });
  });
});

describe("the door", () => {
  const knocked: Array<TenantKnock | null> = [];
  const rules = (allowed: string[]): DoorRules => ({
    serviceUrls: serviceUrlPolicy(),
    tenantStanding: async (t, knock) => {
      knocked.push(knock);
      return { status: t && allowed.includes(t) ? "allowed" : "refused" };
    },
  });
  const activity = (serviceUrl: string, tenant?: string) => ({
    type: "message",
    serviceUrl,
    conversation: { id: "a:1", ...(tenant ? { tenantId: tenant } : {}) },
  });

  it("checks the serviceUrl before the tenant, and the tenant before anything runs", async () => {
    expect(await admit(activity("https://attacker.example/x", "t1"), "", rules(["t1"]))).toMatchObject({
      admit: false,
      why: "service_url",
      host: "attacker.example",
    });
    expect(await admit(activity("https://smba.trafficmanager.net/uk/", "t2"), "", rules(["t1"]))).toEqual({
      admit: false,
      why: "tenant",
      tenant: "t2",
      serviceUrl: "https://smba.trafficmanager.net/uk",
      standing: { status: "refused" },
    });
    expect(await admit(activity("https://smba.trafficmanager.net/uk/"), "", rules(["t1"]))).toMatchObject({
      why: "tenant",
      tenant: undefined,
    });
    expect(await admit(activity("https://smba.trafficmanager.net/uk/", "t1"), "", rules(["t1"]))).toEqual({
      admit: true,
      serviceUrl: "https://smba.trafficmanager.net/uk",
    });
  });

  it("lets only an install, the bot's arrival or a message to Quorum knock for an unknown tenant", async () => {
    const url = "https://smba.trafficmanager.net/uk/";
    const from = { id: "29:x", aadObjectId: "aad-x" };
    const shapes: Array<[Record<string, unknown>, boolean]> = [
      [{ type: "message", text: "whoami", conversation: { id: "a:1", conversationType: "personal" } }, true],
      [{ type: "installationUpdate", action: "add", conversation: { id: "a:1" } }, true],
      [{ type: "installationUpdate", action: "remove", conversation: { id: "a:1" } }, false],
      [{ type: "conversationUpdate", recipient: { id: "28:bot" }, membersAdded: [{ id: "28:bot" }] }, true],
      [{ type: "conversationUpdate", recipient: { id: "28:bot" }, membersAdded: [{ id: "29:y" }] }, false],
      [{ type: "typing", conversation: { id: "a:1" } }, false],
      [
        { type: "message", text: "hello all", conversation: { id: "19:c", conversationType: "channel" } },
        false,
      ],
    ];
    for (const [shape, knocks] of shapes) {
      knocked.length = 0;
      await admit({ ...shape, from, serviceUrl: url, channelData: { tenant: { id: "t9" } } }, "", rules([]));
      expect(knocked, JSON.stringify(shape)).toEqual([knocks ? { requestedBy: "aad-x" } : null]);
    }
  });

  it("falls back to the token's serviceUrl claim when the body has none", async () => {
    const a = { type: "message", conversation: { id: "a:1", tenantId: "t1" } };
    expect(await admit(a, "https://smba.trafficmanager.net/amer", rules(["t1"]))).toMatchObject({
      admit: true,
    });
    expect(await admit(a, "", rules(["t1"]))).toMatchObject({ admit: false, why: "service_url" });
  });
});

describe("outbound budget", () => {
  it("lets an activity make its look-up and reply, and refuses a third call without making it", async () => {
    const calls: string[] = [];
    const spend = outboundBudget(2);
    const call = spend(async (what: string) => {
      calls.push(what);
      return what;
    });
    expect(await call("lookup")).toBe("lookup");
    expect(await call("reply")).toBe("reply");
    await expect(call("more")).rejects.toBeInstanceOf(OutboundBudgetError);
    expect(calls).toEqual(["lookup", "reply"]);
  });

  it("shares one budget between a turn's look-ups, replies and card updates", async () => {
    const calls: string[] = [];
    const turn = boundedTurn(
      {
        activity: {},
        send: async () => calls.push("send"),
        api: {
          conversations: {
            getMemberById: async () => {
              calls.push("lookup");
              return {};
            },
            updateActivity: async () => calls.push("update"),
          },
        },
      },
      2,
    );
    await turn.api.conversations.getMemberById("c", "m");
    await turn.send({});
    await expect(turn.api.conversations.updateActivity("c", "a", {})).rejects.toBeInstanceOf(
      OutboundBudgetError,
    );
    await expect(turn.send({})).rejects.toBeInstanceOf(OutboundBudgetError);
    expect(calls).toEqual(["lookup", "send"]);
  });
});

describe("Teams SDK log lines", () => {
  it("never carry an activity, a decoded token or credentials in a URL", () => {
    const activity = {
      type: "message",
      id: "act-1",
      text: "my secret enquiry",
      from: { id: "29:x", name: "Sam Okafor" },
      conversation: { id: "a:1" },
    };
    const line = sdkLine(["Handling activity", activity]);
    expect(line).toBe("Handling activity [activity message id=act-1]");
    expect(sdkLine(["Decoded token:", { aud: "x", serviceurl: "https://a" }])).toBe(
      "Decoded token: [object]",
    );
    expect(sdkLine([new Error("Service URL mismatch. Token: https://u:p@evil.example/x")])).toBe(
      "Service URL mismatch. Token: https://[redacted]@evil.example/x",
    );
    expect(sdkLine(["a\u001b]0;title\u0007b"])).toBe("a ]0;title b");
  });
});

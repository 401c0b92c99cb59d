// Request signing: Slack's documented example, the two-way five-minute window, and 401s that change nothing.
import { describe, expect, it } from "vitest";
import { signSlackRequest, verifySlackSignature } from "../../src/adapters/slack/signature.ts";
import { useSlackHarness } from "./slack-harness.ts";

// https://api.slack.com/authentication/verifying-requests-from-slack (the worked example).
const EXAMPLE = {
  signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
  timestamp: "1531420618",
  body: "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
  signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
};
const AT_EXAMPLE = 1531420618 * 1000;

describe("verifySlackSignature", () => {
  it("accepts Slack's documented example at its own time", () => {
    expect(verifySlackSignature({ ...EXAMPLE, nowMs: AT_EXAMPLE })).toEqual({ ok: true });
    expect(signSlackRequest(EXAMPLE.signingSecret, EXAMPLE.timestamp, EXAMPLE.body)).toBe(EXAMPLE.signature);
  });

  it("rejects the same request once it is more than five minutes old, or from the future", () => {
    expect(verifySlackSignature({ ...EXAMPLE, nowMs: AT_EXAMPLE + 5 * 60_000 })).toEqual({ ok: true });
    expect(verifySlackSignature({ ...EXAMPLE, nowMs: AT_EXAMPLE + 6 * 60_000 })).toEqual({
      ok: false,
      reason: "timestamp too old",
    });
    expect(verifySlackSignature({ ...EXAMPLE, nowMs: AT_EXAMPLE - 6 * 60_000 })).toEqual({
      ok: false,
      reason: "timestamp in the future",
    });
  });

  it("rejects a changed body, a wrong secret, a missing or malformed header", () => {
    const now = AT_EXAMPLE;
    const bad = (patch: Partial<typeof EXAMPLE>) =>
      verifySlackSignature({ ...EXAMPLE, ...patch, nowMs: now }).ok;
    expect(bad({ body: EXAMPLE.body.replace("text=", "text=hi") })).toBe(false);
    expect(bad({ signingSecret: "another-secret" })).toBe(false);
    expect(bad({ signature: "v0=abc" })).toBe(false);
    expect(bad({ signature: EXAMPLE.signature.replace("v0", "v1") })).toBe(false);
    expect(verifySlackSignature({ ...EXAMPLE, signature: undefined, nowMs: now }).ok).toBe(false);
    expect(verifySlackSignature({ ...EXAMPLE, timestamp: "12e9", nowMs: now }).ok).toBe(false);
  });
});

describe("the /slack/events endpoint", () => {
  const h = useSlackHarness();

  const addBody = (title: string) =>
    new URLSearchParams({
      team_id: "TQUORUM",
      channel_id: "CHWB",
      channel_name: "hwb-board",
      user_id: "UJO",
      command: "/quorum",
      text: `action add "${title}"`,
      response_url: "http://127.0.0.1:1/respond/never",
      trigger_id: "t",
    }).toString();
  const form = "application/x-www-form-urlencoded";
  const nowSec = () => Math.floor(Date.now() / 1000);

  it.each([
    ["a bad signature", { signature: `v0=${"0".repeat(64)}` }],
    ["another app's secret", { secret: "not-our-secret" }],
    ["a timestamp six minutes old", { timestamp: nowSec() - 6 * 60 }],
    ["a timestamp six minutes in the future", { timestamp: nowSec() + 6 * 60 }],
    ["no signature at all", { signature: "" }],
  ])("answers %s with 401 and changes nothing", async (_what, sign) => {
    const before = await h.actionCount();
    const res = await h.post(addBody("Should never be recorded"), form, sign);
    expect(res.status).toBe(401);
    expect(await res.text()).toBe("");
    await h.slack.settled();
    expect(await h.actionCount()).toBe(before);
    expect(h.fake.callsTo("users.info")).toHaveLength(0);
  });

  it("accepts the same request correctly signed, and a timestamp four minutes old", async () => {
    const before = await h.actionCount();
    const res = await h.post(addBody("Signed properly"), form, { timestamp: nowSec() - 4 * 60 });
    expect(res.status).toBe(200);
    expect(await h.actionCount()).toBe(before + 1);
  });

  it("answers Slack's URL verification challenge", async () => {
    const body = JSON.stringify({ type: "url_verification", challenge: "c-123", token: "t" });
    const res = await h.post(body, "application/json");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "c-123" });
  });

  it("uses the shared server: /healthz answers beside /slack/events", async () => {
    const res = await fetch(`${h.running.http.url}/healthz`);
    expect(await res.json()).toEqual({ ok: true });
  });
});

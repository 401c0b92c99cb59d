// The Slack Sender against the fake Slack: what it posts, and each Web API failure as a DeliveryError code.
import pino from "pino";
import { beforeEach, describe, expect, it } from "vitest";
import { createSlackSender } from "../../src/adapters/slack/sender.ts";
import { card } from "../../src/core/card.ts";
import { DeliveryError, type DeliveryTarget } from "../../src/core/outbound.ts";
import { useFresh } from "../helpers/fresh.ts";
import { closedPort } from "../helpers/net.ts";
import { type Failure, startFakeSlack } from "./fake-slack.ts";

const logs: string[] = [];
const logger = pino({ level: "debug" }, { write: (l: string) => logs.push(l) });
const TOKEN = "xoxb-sender-secret-token";
const target: DeliveryTarget = {
  platform: "slack",
  tenant: "TQUORUM",
  kind: "channel",
  id: "CHWB",
  ref: null,
  label: "#hwb-board",
};
const payload = {
  card: card("Weekly digest: <!channel>", [{ kind: "text", text: "3 actions overdue" }], {
    audience: "channel",
  }),
  text: "Weekly digest: <!channel> 3 actions overdue",
};

/** Each test's own fake Slack (its queued failures and recorded calls start empty), and an empty log. */
const fake = useFresh(() => startFakeSlack());
beforeEach(() => {
  logs.length = 0;
});

const sender = (apiUrl = fake.apiUrl, timeoutMs = 2_000) =>
  createSlackSender({ token: TOKEN, apiUrl, logger, timeoutMs });

async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DeliveryError);
  return err as DeliveryError;
}

describe("Slack sender", () => {
  it("posts the card as Block Kit with an escaped fallback text and returns the message ts", async () => {
    fake.clear();
    const { messageId } = await sender().send(target, payload);
    const [call] = fake.callsTo("chat.postMessage");
    expect(messageId).toMatch(/^\d+\.\d+$/);
    expect(call?.args.channel).toBe("CHWB");
    expect(call?.args.text).toBe("Weekly digest: &lt;!channel&gt; 3 actions overdue");
    expect(JSON.stringify(call?.args.blocks)).not.toContain("<!channel>");
    expect(call?.args.blocks).toHaveLength(2);
  });

  it("posts to a person by their Slack user id (the app's DM with them)", async () => {
    fake.clear();
    await sender().send({ ...target, kind: "person", id: "UHELEN", label: "Helen Marsh" }, payload);
    expect(fake.callsTo("chat.postMessage")[0]?.args.channel).toBe("UHELEN");
  });

  it("maps a 429 to rate_limited with Retry-After in milliseconds, without waiting itself", async () => {
    fake.failNext("chat.postMessage", { kind: "rate_limited", retryAfter: 30 });
    const err = await failure(sender().send(target, payload));
    expect(err.code).toBe("rate_limited");
    expect(err.retryAfterMs).toBe(30_000);
  });

  it.each<[string, Failure, DeliveryError["code"]]>([
    ["not_in_channel", { kind: "error", error: "not_in_channel" }, "gone"],
    ["channel_not_found", { kind: "error", error: "channel_not_found" }, "gone"],
    ["account_inactive", { kind: "error", error: "account_inactive" }, "rejected"],
    ["token_revoked", { kind: "error", error: "token_revoked" }, "rejected"],
    ["invalid_auth", { kind: "error", error: "invalid_auth" }, "rejected"],
    ["msg_too_long", { kind: "error", error: "msg_too_long" }, "rejected"],
    ["invalid_blocks", { kind: "error", error: "invalid_blocks" }, "rejected"],
    ["internal_error", { kind: "error", error: "internal_error" }, "ambiguous"],
    ["HTTP 503", { kind: "http", status: 503 }, "ambiguous"],
    ["HTTP 400", { kind: "http", status: 400 }, "rejected"],
  ])("maps %s to %s", async (_name, how, code) => {
    fake.failNext("chat.postMessage", how);
    const err = await failure(sender().send(target, payload));
    expect(err.code).toBe(code);
  });

  it("maps a refused connection to unreachable: nothing was sent, so retrying is safe", async () => {
    const closed = await closedPort();
    const err = await failure(sender(`http://127.0.0.1:${closed}/api/`).send(target, payload));
    expect(err.code).toBe("unreachable");
  });

  it("maps a timeout to ambiguous: Slack may have posted it", async () => {
    fake.failNext("chat.postMessage", { kind: "hang" });
    const err = await failure(sender(fake.apiUrl, 300).send(target, payload));
    expect(err.code).toBe("ambiguous");
  });

  it("posts every page of a long card, and reports success once the first page is out", async () => {
    fake.clear();
    const long = card("Open actions: 60", [
      {
        kind: "items",
        items: Array.from({ length: 60 }, (_, i) => ({
          title: `A-${i + 1} x`,
          buttons: [{ label: "Done", command: `action done A-${i + 1}` }],
        })),
      },
    ]);
    const sent = await sender().send(target, { card: long, text: "Open actions" });
    const posts = fake.callsTo("chat.postMessage");
    expect(posts.length).toBe(3);
    expect(posts.every((p) => (p.args.blocks as unknown[]).length <= 50)).toBe(true);
    expect(sent.messageId).toBeTruthy();
    // Page 2 failing must not make the outbox post page 1 again.
    fake.clear();
    fake.failNext("chat.postMessage", { kind: "ok" });
    fake.failNext("chat.postMessage", { kind: "error", error: "channel_not_found" });
    const partly = await sender().send(target, { card: long, text: "Open actions" });
    expect(fake.callsTo("chat.postMessage")).toHaveLength(2);
    expect(partly.messageId).toMatch(/^\d+\.\d+$/);
  });

  it("never logs the token, whether a post succeeds or fails", async () => {
    await sender().send(target, payload);
    fake.failNext("chat.postMessage", { kind: "error", error: "invalid_auth" });
    await failure(sender().send(target, payload));
    fake.failNext("chat.postMessage", { kind: "http", status: 503 });
    await failure(sender().send(target, payload));
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join("\n")).not.toContain(TOKEN);
    expect(logs.join("\n")).toContain("Slack delivery failed");
  });
});

// With an app id: Bot Framework tokens are required inbound, and proactive posts go out signed, with typed failures.
import { beforeEach, describe, expect, it } from "vitest";
import { card, text } from "../../src/core/card.ts";
import { DeliveryError, type DeliveryTarget, linkTarget } from "../../src/core/outbound.ts";
import { reachTarget } from "../../src/core/reach/targets.ts";
import { botToken, OUTBOUND_TOKEN, signedTeamsEnv } from "./bot-auth.ts";
import { cardText } from "./fake-connector.ts";
import { CHANNEL, directMessage, installUpdate, SAM, TENANT, useTeamsHarness } from "./teams-harness.ts";

// Any loopback port is an allowed serviceUrl here, so a closed port tests "unreachable".
const h = useTeamsHarness({
  env: (c) => ({ ...signedTeamsEnv(c), TEAMS_SERVICE_URL_HOSTS: "127.0.0.1" }),
});
let url: string;
beforeEach(() => {
  url = h.connector.url;
});

const signed = (activity: Record<string, unknown>, opts: Parameters<typeof botToken>[1] = {}) =>
  h.postRaw(activity, { authorization: `Bearer ${botToken(url, opts)}` });

const samActions = () =>
  h.app.store.transaction(async (r) => {
    const p = await r.partnerships.bySlug("demo");
    return (await r.actions.byNumber(p?.id ?? 0, 2))?.status;
  });

describe("inbound authentication", () => {
  it("rejects activities without a valid Bot Framework token with 401 and changes nothing", async () => {
    const attempts: Array<Promise<Response>> = [
      h.postRaw(directMessage(url, "action done A-2")),
      h.postRaw(directMessage(url, "action done A-2"), { authorization: "Bearer not-a-jwt" }),
      signed(directMessage(url, "action done A-2"), { key: "stranger" }),
      signed(directMessage(url, "action done A-2"), { audience: "someone-else" }),
      signed(directMessage(url, "action done A-2"), { expiresIn: -3600 }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(401);
    expect(await samActions()).toBe("open");
    expect(h.connector.posts).toHaveLength(0);
    const identity = await h.app.store.transaction((r) =>
      r.people.byIdentity("teams", TENANT, SAM.aadObjectId),
    );
    expect(identity).toBeNull();
  });

  it("accepts a properly signed activity and replies with the bot's outbound token", async () => {
    const res = await signed(directMessage(url, "actions mine"));
    expect(res.status).toBe(200);
    expect(h.connector.posts).toHaveLength(1);
    expect(h.connector.posts[0]?.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
    expect(cardText(h.connector.cards()[0]?.card)).toContain("Your open actions");
  });
});

describe("proactive Teams sender", () => {
  const sender = () => {
    const s = h.running.adapters.find((a) => a.name === "teams")?.sender;
    if (!s) throw new Error("no Teams sender");
    return s;
  };
  const payload = {
    card: card("Weekly digest", [text("2 overdue actions")]),
    text: "Weekly digest: 2 overdue",
  };
  const channelTarget = (): DeliveryTarget => ({
    platform: "teams",
    tenant: TENANT,
    kind: "channel",
    id: CHANNEL,
    ref: { serviceUrl: url, conversationId: CHANNEL, tenantId: TENANT },
    label: "Board",
  });
  const failure = async (target: DeliveryTarget) => {
    try {
      await sender().send(target, payload);
    } catch (err) {
      return err as DeliveryError;
    }
    throw new Error("send did not fail");
  };

  it("posts to a channel stored at install time, signed, as a card with a notification summary", async () => {
    expect((await signed(installUpdate(url, "add", "channel"))).status).toBe(200);
    h.connector.reset();
    const link = await h.app.store.transaction((r) => r.channels.byChannel("teams", TENANT, CHANNEL));
    if (!link) throw new Error("install did not store the channel");
    const { messageId } = await sender().send(linkTarget(link), payload);
    expect(messageId).toMatch(/^m-\d+$/);
    const post = h.connector.posts[0];
    expect(post?.conversationId).toBe(CHANNEL);
    expect(post?.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
    expect(post?.activity).toMatchObject({ type: "message", summary: "Weekly digest: 2 overdue" });
    expect(cardText(h.connector.cards()[0]?.card)).toContain("2 overdue actions");
  });

  it("reaches a person in their stored 1:1 chat", async () => {
    await signed(directMessage(url, "whoami"));
    h.connector.reset();
    const target = await h.app.store.transaction(async (r) => {
      const p = await r.partnerships.bySlug("demo");
      const sam = await r.people.byHandle(p?.id ?? 0, "sam");
      return sam && p ? reachTarget(r, p, sam, { email: false }) : null;
    });
    expect(target).toMatchObject({ platform: "teams", kind: "person", id: SAM.aadObjectId });
    await sender().send(target as DeliveryTarget, payload);
    expect(h.connector.posts[0]?.conversationId).toBe(`a:1on1-${SAM.id}`);
    expect(h.connector.created).toHaveLength(0);
  });

  it("opens a 1:1 chat through the connector for someone only seen in a channel", async () => {
    const target: DeliveryTarget = {
      platform: "teams",
      tenant: TENANT,
      kind: "person",
      id: "aad-new-person",
      ref: { serviceUrl: url, tenantId: TENANT, userId: "29:new-person", botId: "28:quorum-bot" },
      label: "New Person",
    };
    await sender().send(target, payload);
    expect(h.connector.created[0]).toMatchObject({
      members: [{ id: "29:new-person" }],
      tenantId: TENANT,
      bot: { id: "28:quorum-bot" },
    });
    expect(h.connector.posts[0]?.conversationId).toBe("a:1on1-29:new-person");
  });

  it("maps connector failures to delivery codes", async () => {
    const cases: Array<[Parameters<typeof h.connector.failNext>[1], string, number | undefined]> = [
      [{ status: 403, code: "BotNotInConversationRoster" }, "gone", undefined],
      [{ status: 404, code: "ConversationNotFound" }, "gone", undefined],
      [{ status: 429, retryAfter: "7" }, "rate_limited", 7000],
      [{ status: 502 }, "ambiguous", undefined],
      [{ status: 400, code: "BadArgument" }, "rejected", undefined],
    ];
    for (const [answer, code, retryAfterMs] of cases) {
      h.connector.failNext(CHANNEL, answer);
      const err = await failure(channelTarget());
      expect(err, `${answer.status}`).toBeInstanceOf(DeliveryError);
      expect(err.code, `${answer.status} ${answer.code ?? ""}`).toBe(code);
      expect(err.retryAfterMs).toBe(retryAfterMs);
    }
    expect(h.connector.posts).toHaveLength(0);
  });

  it("says unreachable when the connector refuses connections, and rejected without a reference", async () => {
    const closed = await failure({
      ...channelTarget(),
      ref: { serviceUrl: "http://127.0.0.1:9", conversationId: CHANNEL },
    });
    expect(closed.code).toBe("unreachable");
    const missing = await failure({ ...channelTarget(), ref: null });
    expect(missing.code).toBe("rejected");
  });
});

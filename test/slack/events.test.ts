// Events API over the real receiver: DMs, @mentions, retries deduplicated by event_id, App Home on open.
import { describe, expect, it } from "vitest";
import { BOT_USER } from "./fake-slack.ts";
import { blockText, USERS, useSlackHarness } from "./slack-harness.ts";

const h = useSlackHarness();

const dm = (user: string, text: string) => ({
  type: "message",
  channel_type: "im",
  channel: `D${user}`,
  user,
  text,
  ts: `${Date.now() / 1000}`,
  event_ts: `${Date.now() / 1000}`,
});
const mention = (user: string, text: string, channel = "CHWB") => ({
  type: "app_mention",
  channel,
  user,
  text: `<@${BOT_USER}> ${text}`,
  ts: "1700000000.000200",
  event_ts: "1700000000.000200",
});

async function deliver(event: Record<string, unknown>, opts?: { eventId?: string; retryNum?: number }) {
  const res = await h.event(event, opts);
  expect(res.status).toBe(200);
  await h.slack.settled();
}

describe("direct messages to the bot", () => {
  it("runs a command and answers in the DM", async () => {
    h.fake.clear();
    await deliver(dm(USERS.helen.id, "actions mine"));
    const [reply] = h.fake.callsTo("chat.postMessage");
    expect(reply?.args.channel).toBe(`D${USERS.helen.id}`);
    expect(blockText(reply?.args.blocks)).toContain("Your open actions: 1");
  });

  it("creates one action for an event Slack retries with the same event_id", async () => {
    h.fake.clear();
    const before = await h.actionCount();
    const event = dm(USERS.jo.id, 'action add "Ring the fire service about the winter plan" due:2026-12-01');
    await deliver(event, { eventId: "EvRETRY1" });
    await deliver(event, { eventId: "EvRETRY1", retryNum: 1 });
    await deliver(event, { eventId: "EvRETRY1", retryNum: 2 });
    expect(await h.actionCount()).toBe(before + 1);
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(1);
    // A different event with the same text is a new request and is not swallowed.
    await deliver(event, { eventId: "EvRETRY2" });
    expect(await h.actionCount()).toBe(before + 2);
  });

  it("turns Slack's mention and link markup into what the person saw", async () => {
    await deliver(
      dm(USERS.jo.id, `action add "Send &lt;draft&gt; to <@${USERS.sam.id}>" owner:<@${USERS.sam.id}>`),
    );
    const n = await h.actionCount();
    const action = await h.action(n);
    expect(action?.ownerHandle).toBe("sam");
    expect(action?.title).toBe("Send <draft> to @sam");
  });

  it("ignores bot posts, edits and other channels' messages", async () => {
    h.fake.clear();
    await deliver({ ...dm(USERS.jo.id, "actions"), bot_id: "BOTHER" });
    await deliver({ ...dm(USERS.jo.id, "actions"), subtype: "message_changed" });
    await deliver({ ...dm(USERS.jo.id, "actions"), channel_type: "channel", channel: "CHWB" });
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(0);
    expect(h.fake.callsTo("chat.postEphemeral")).toHaveLength(0);
  });
});

describe("@Quorum mentions in a channel", () => {
  it("posts a channel-audience answer in the channel, in the thread it was asked in", async () => {
    h.fake.clear();
    await deliver({
      ...mention(USERS.jo.id, 'action add "Agree the winter comms plan" group:hwb'),
      thread_ts: "1699.1",
    });
    const [reply] = h.fake.callsTo("chat.postMessage");
    expect(reply?.args).toMatchObject({ channel: "CHWB", thread_ts: "1699.1" });
    expect(blockText(reply?.args.blocks)).toMatch(/A-\d+ added for Jo Whitfield/);
  });

  it("answers a personal card only to the person who asked", async () => {
    h.fake.clear();
    await deliver(mention(USERS.helen.id, "actions mine"));
    const [reply] = h.fake.callsTo("chat.postEphemeral");
    expect(reply?.args).toMatchObject({ channel: "CHWB", user: USERS.helen.id });
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("explains in a DM when Quorum can't post in the channel, instead of failing silently", async () => {
    h.fake.clear();
    h.fake.failNext("chat.postEphemeral", { kind: "error", error: "not_in_channel" });
    await deliver(mention(USERS.jo.id, "meeting next", "CPRIVATE"));
    expect(h.fake.callsTo("chat.postEphemeral").map((p) => p.args.channel)).toEqual(["CPRIVATE"]);
    const posts = h.fake.callsTo("chat.postMessage");
    expect(posts.map((p) => p.args.channel)).toEqual([USERS.jo.id]);
    expect(String(posts[0]?.args.text)).toContain("isn't a member of this channel");
    expect(h.logs.join("\n")).toContain("not_in_channel");
  });
});

describe("App Home", () => {
  it("publishes the viewer's overview when they open the Home tab", async () => {
    h.fake.clear();
    await deliver({ type: "app_home_opened", user: USERS.helen.id, channel: "DUHELEN", tab: "home" });
    const [publish] = h.fake.callsTo("views.publish");
    expect(publish?.args.user_id).toBe(USERS.helen.id);
    const view = publish?.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe("home");
    const text = blockText(view.blocks);
    expect(text).toContain("Helen Marsh: your Quorum");
    expect(text).toContain("Overdue (1)");
    expect(text).toContain("A-1 Circulate the draft health and wellbeing strategy");
    expect(JSON.stringify(view.blocks)).toContain("quorum:new_action");
  });

  it("ignores the Messages tab being opened", async () => {
    h.fake.clear();
    await deliver({ type: "app_home_opened", user: USERS.helen.id, channel: "DUHELEN", tab: "messages" });
    expect(h.fake.callsTo("views.publish")).toHaveLength(0);
  });

  it("is refreshed after the viewer changes something elsewhere", async () => {
    // Only a Home tab opened since start-up is refreshed.
    await deliver({ type: "app_home_opened", user: USERS.helen.id, channel: "DUHELEN", tab: "home" });
    h.fake.clear();
    await deliver(dm(USERS.helen.id, "action snooze A-1"));
    const publish = await h.fake.waitFor("views.publish", (c) => c.args.user_id === USERS.helen.id);
    // Snoozing from today moves A-1 out of Overdue.
    expect(blockText(publish.args.view)).toContain("Overdue (0)");
    expect(blockText(publish.args.view)).toContain("due Mon 30 Nov");
  });
});

// /quorum over the real bolt receiver: answers in the ack, in channel or ephemeral, usage on bad input, slow path.
import { describe, expect, it } from "vitest";
import { blockText, type SlackHarness, TOKEN, USERS, useSlackHarness } from "./slack-harness.ts";

interface AckBody {
  response_type: "in_channel" | "ephemeral";
  text: string;
  blocks: { type: string; block_id?: string; text?: { text: string } }[];
}

const h = useSlackHarness();

async function ackOf(text: string, opts: Parameters<SlackHarness["command"]>[1] = {}): Promise<AckBody> {
  const res = await h.command(text, opts);
  expect(res.status).toBe(200);
  return (await res.json()) as AckBody;
}

describe("/quorum slash command", () => {
  it("answers a list in the ack, only to the asker, with Done and Snooze buttons that carry commands", async () => {
    const ack = await ackOf("actions overdue");
    expect(ack.response_type).toBe("ephemeral");
    expect(ack.blocks[0]?.text?.text).toBe("*Overdue actions: 3*");
    expect(blockText(ack.blocks)).toContain("A-1 Circulate the draft health and wellbeing strategy");
    const actions = ack.blocks.find((b) => b.block_id === "item:0:actions") as unknown as {
      elements: { type: string; value?: string; action_id: string }[];
    };
    expect(actions.elements.map((e) => e.value ?? e.action_id)).toEqual([
      "action done A-1",
      "action snooze A-1",
      "quorum:reassign:A-1",
    ]);
    expect(ack.text).toContain("Overdue actions: 3");
  });

  it("posts a change the channel should see in channel and records it", async () => {
    const before = await h.actionCount();
    const ack = await ackOf(
      'action add "Book the venue for the spring assembly" group:assembly due:2026-12-04',
    );
    expect(ack.response_type).toBe("in_channel");
    expect(ack.blocks[0]?.text?.text).toBe(":white_check_mark: *A-13 added for Jo Whitfield*");
    expect(await h.actionCount()).toBe(before + 1);
    expect((await h.action(13))?.dueOn).toBe("2026-12-04");
  });

  it("matches a new Slack user to the partner with the same email, so the action is theirs", async () => {
    const ack = await ackOf("actions mine", { user: USERS.helen.id });
    expect(ack.blocks[0]?.text?.text).toBe("*Your open actions: 1*");
    expect(blockText(ack.blocks)).toContain("A-1 ");
    expect(h.fake.callsTo("users.info").map((c) => c.args.user)).toContain(USERS.helen.id);
  });

  it.each([
    ["action add", 'action add "&lt;title&gt;"'],
    ["action snooze A-1 lots", "action snooze A-&lt;n&gt; [days]"],
    ["actions sideways", "action list [mine|open|overdue"],
    ["action done", "action done A-&lt;n&gt; [note]"],
    ["meeting list months:99", "meeting list [group:slug] [months:&lt;n&gt;]"],
    ['action add "Title" due:', 'action add "&lt;title&gt;"'],
    ["action due A-1 someday-ish", "action due A-&lt;n&gt; &lt;date|none&gt;"],
    ["action assign A-1 @nobody-here", "action assign A-&lt;n&gt; @person"],
  ])("answers %j with the error and the usage line, only to the asker", async (text, usage) => {
    const before = await h.actionCount();
    const ack = await ackOf(text);
    expect(ack.response_type).toBe("ephemeral");
    expect(ack.blocks[0]?.text?.text.startsWith(":x: *")).toBe(true);
    const usageBlock = ack.blocks.find((b) => b.text?.text.startsWith("*Usage:*"));
    expect(usageBlock?.text?.text).toContain(usage);
    expect(await h.actionCount()).toBe(before);
  });

  it("answers an unknown word or an empty command with a hint, never a stack trace", async () => {
    const unknown = await ackOf("frobnicate the board");
    expect(unknown.blocks[0]?.text?.text).toContain("I don't know the command");
    const empty = await ackOf("");
    expect(empty.blocks[0]?.text?.text).toContain("Type a command, or help");
    expect(JSON.stringify([unknown, empty])).not.toMatch(/at .*\.ts:\d+/);
  });

  it("escapes user text, so an action titled <!channel> pings nobody", async () => {
    // Slack escapes &, < and > in slash command text before sending it.
    const ack = await ackOf('action add "&lt;!channel&gt; tea &amp; biscuits"');
    const all = JSON.stringify(ack);
    expect(all).not.toContain("<!channel>");
    expect(blockText(ack.blocks)).toContain("&lt;!channel&gt; tea &amp; biscuits");
    expect(ack.text).toContain("&lt;!channel&gt;");
    const n = Number(/A-(\d+)/.exec(ack.blocks[0]?.text?.text ?? "")?.[1]);
    expect((await h.action(n))?.title).toBe("<!channel> tea & biscuits");
  });

  it("tells an unmatched Slack user why, privately", async () => {
    const ack = await ackOf("actions mine", { user: USERS.hidden.id });
    expect(ack.response_type).toBe("ephemeral");
    expect(ack.blocks[0]?.text?.text).toContain("no email address Quorum can see");
  });

  it("links a channel to a group, announcing it in the channel", async () => {
    const ack = await ackOf("link group:hwb", { channel: "CLINKME", channelName: "hwb-chat" });
    expect(ack.response_type).toBe("in_channel");
    expect(ack.blocks[0]?.text?.text).toContain("linked to Health and Wellbeing Board");
    const link = await h.app.store.transaction((r) => r.channels.byChannel("slack", "TQUORUM", "CLINKME"));
    expect(link?.name).toBe("#hwb-chat");
    expect(link?.groupId).not.toBeNull();
  });

  it("works in a direct message with the bot", async () => {
    const ack = await ackOf("whoami", { channel: "DJO", channelName: "directmessage" });
    expect(ack.blocks[0]?.text?.text).toBe("*You are Jo Whitfield (@jo)*");
  });

  it("opens the New action modal for `action new`, and explains when Slack refuses", async () => {
    const res = await h.command("action new", { triggerId: "trig-modal" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    await h.slack.settled();
    const open = await h.fake.waitFor("views.open", (c) => c.args.trigger_id === "trig-modal");
    const view = open.args.view as { callback_id: string; blocks: { block_id?: string }[] };
    expect(view.callback_id).toBe("quorum_new_action");
    expect(view.blocks.map((b) => b.block_id)).toEqual(["title", "owner", "group", "due"]);

    h.fake.failNext("views.open", { kind: "error", error: "expired_trigger_id" });
    await h.command("action new", { triggerId: "trig-late", responseUrl: h.fake.responseUrl("late") });
    await h.slack.settled();
    const told = await h.fake.waitFor("response_url", (c) => c.path === "/respond/late");
    expect(told.args).toMatchObject({ response_type: "ephemeral" });
    expect(String(told.args.text)).toContain("took too long");
  });

  it("never writes the bot token to the logs", () => {
    expect(h.logs.join("\n")).not.toContain(TOKEN);
  });
});

describe("/quorum when the work outlasts the ack budget", () => {
  const slow = useSlackHarness({ overrides: { ackBudgetMs: 0 } });

  it("acks at once with nothing and answers through response_url", async () => {
    const res = await slow.command("actions overdue", { responseUrl: slow.fake.responseUrl("slow") });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    await slow.slack.settled();
    const [answer] = slow.fake.callsTo("response_url");
    expect(answer?.path).toBe("/respond/slow");
    expect(answer?.args.response_type).toBe("ephemeral");
    expect(blockText(answer?.args.blocks)).toContain("Overdue actions: 3");
  });
});

// Buttons, the reassign picker, the New action modal and shortcuts, as signed payloads to the real receiver.
import { describe, expect, it } from "vitest";
import { blockText, TEAM, USERS, useSlackHarness } from "./slack-harness.ts";

const h = useSlackHarness();

type Blocks = { type: string; block_id?: string; elements?: { action_id: string; value?: string }[] }[];

/** The ephemeral list a person got from /quorum, as Slack would echo it back in a click payload. */
async function listFor(user: string, text: string): Promise<Blocks> {
  const res = await h.command(text, { user });
  return ((await res.json()) as { blocks: Blocks }).blocks;
}

function click(
  user: string,
  blocks: Blocks,
  blockId: string,
  action: Record<string, unknown>,
  responseId: string,
) {
  return h.interact({
    type: "block_actions",
    team: { id: TEAM, domain: "essex-partners" },
    user: { id: user, team_id: TEAM },
    api_app_id: "AQUORUM",
    token: "legacy",
    trigger_id: `trig-${responseId}`,
    container: { type: "message", message_ts: "1700000000.000100", channel_id: "CHWB", is_ephemeral: true },
    channel: { id: "CHWB", name: "hwb-board" },
    message: { type: "message", ts: "1700000000.000100", text: "list", blocks },
    response_url: h.fake.responseUrl(responseId),
    actions: [{ block_id: blockId, action_ts: "1700000001.0", ...action }],
  });
}

const button = (value: string, index = 0) => ({
  type: "button",
  action_id: `quorum:cmd:${index}`,
  value,
  text: { type: "plain_text", text: "x" },
});

async function answered(responseId: string) {
  await h.slack.settled();
  return h.fake.waitFor("response_url", (c) => c.path === `/respond/${responseId}`);
}

describe("buttons on a card", () => {
  it("runs Done as the clicker and updates the list in place", async () => {
    const blocks = await listFor(USERS.helen.id, "actions mine");
    const res = await click(USERS.helen.id, blocks, "item:0:actions", button("action done A-1"), "done1");
    expect(res.status).toBe(200);
    const update = await answered("done1");
    expect(update.args.replace_original).toBe(true);
    const ids = (update.args.blocks as Blocks).map((b) => b.block_id ?? b.type);
    expect(ids).toEqual(["section", "item:0", "item:0:note"]);
    expect(blockText(update.args.blocks)).toContain("A-1 done by Helen Marsh");
    expect(JSON.stringify(update.args.blocks)).toContain("`done`");
    expect((await h.action(1))?.status).toBe("done");
  });

  it("tells only the clicker when they may not do that, and leaves the card alone", async () => {
    const blocks = await listFor(USERS.sam.id, "actions overdue");
    await click(USERS.sam.id, blocks, "item:0:actions", button("action snooze A-3", 1), "nope");
    const reply = await answered("nope");
    expect(reply.args).toMatchObject({ replace_original: false, response_type: "ephemeral" });
    expect(blockText(reply.args.blocks)).toContain("Only A-3's owner");
    expect((await h.action(3))?.dueOn).toBe("2026-11-21");
  });

  it("reassigns from the people picker by running action assign", async () => {
    const blocks = await listFor(USERS.jo.id, "actions overdue");
    const picker = { type: "users_select", action_id: "quorum:reassign:A-3", selected_user: USERS.sam.id };
    await click(USERS.jo.id, blocks, "item:1:actions", picker, "reassign");
    const update = await answered("reassign");
    expect(blockText(update.args.blocks)).toContain("A-3 now with Sam Okafor");
    expect((await h.action(3))?.ownerHandle).toBe("sam");
  });

  it("refuses to reassign to someone Quorum can't match, privately", async () => {
    const blocks = await listFor(USERS.jo.id, "actions overdue");
    const picker = { type: "users_select", action_id: "quorum:reassign:A-3", selected_user: USERS.hidden.id };
    await click(USERS.jo.id, blocks, "item:1:actions", picker, "unmatched");
    const reply = await answered("unmatched");
    expect(reply.args.replace_original).toBe(false);
    expect(blockText(reply.args.blocks)).toContain("can't match that person");
    expect((await h.action(3))?.ownerHandle).toBe("amira"); // still the demo's owner
  });

  it("re-publishes App Home with the result when the click was on the Home tab", async () => {
    h.fake.clear();
    await h.interact({
      type: "block_actions",
      team: { id: TEAM, domain: "essex-partners" },
      user: { id: USERS.jo.id, team_id: TEAM },
      api_app_id: "AQUORUM",
      token: "legacy",
      trigger_id: "trig-home",
      container: { type: "view", view_id: "VHOME" },
      view: { id: "VHOME", type: "home", team_id: TEAM, blocks: [], state: { values: {} } },
      actions: [{ block_id: "item:0:actions", action_ts: "1", ...button("action snooze A-5") }],
    });
    await h.slack.settled();
    const [publish] = h.fake.callsTo("views.publish");
    expect(publish?.args.user_id).toBe(USERS.jo.id);
    expect(blockText(publish?.args.view)).toContain("A-5 snoozed 7 days");
  });
});

let submissions = 0;

function submission(values: Record<string, unknown>, opts: { user?: string; metadata?: string } = {}) {
  const state = {
    title: { value: { type: "plain_text_input", value: values.title ?? "" } },
    owner: { value: { type: "users_select", selected_user: values.owner ?? USERS.jo.id } },
    group: {
      value: { type: "static_select", selected_option: values.group ? { value: values.group } : null },
    },
    due: { value: { type: "datepicker", selected_date: values.due ?? null } },
  };
  return h.interact({
    type: "view_submission",
    team: { id: TEAM, domain: "essex-partners" },
    user: { id: opts.user ?? USERS.jo.id, team_id: TEAM },
    api_app_id: "AQUORUM",
    token: "legacy",
    // Slack gives every submission its own trigger_id; a repeated one is a replay and runs nothing.
    trigger_id: `trig-submit-${++submissions}`,
    view: {
      id: "VMODAL",
      team_id: TEAM,
      type: "modal",
      callback_id: "quorum_new_action",
      private_metadata: opts.metadata ?? "",
      state: { values: state },
      hash: "h",
      blocks: [],
    },
    response_urls: [],
  });
}

describe("the New action modal", () => {
  it.each([
    [{ title: "   " }, "title", "Give the action a title."],
    [{ title: "Late", due: "2026-11-01" }, "due", "That date has passed"],
    [
      { title: 'The "odd" one', due: "2026-02-30" },
      "due",
      '"2026-02-30" is not a real date: February 2026 has 28 days',
    ],
    [{ title: "Someone's", group: "nope" }, "group", 'There is no group "nope"'],
    [{ title: "Nobody's", owner: USERS.hidden.id }, "owner", "can't match that person"],
  ])("shows a validation error in the modal for %j and records nothing", async (values, field, message) => {
    const before = await h.actionCount();
    const res = await submission(values);
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(Object.keys(body.errors)).toEqual([field]);
    expect(body.errors[field]).toContain(message);
    expect(await h.actionCount()).toBe(before);
  });

  it("records the action and shows it in the modal", async () => {
    const res = await submission({
      title: 'Agree the "winter" plan',
      owner: USERS.helen.id,
      group: "hwb",
      due: "2026-12-11",
    });
    const body = (await res.json()) as {
      response_action: string;
      view: { title: { text: string }; blocks: unknown };
    };
    expect(body.response_action).toBe("update");
    expect(body.view.title.text).toBe("Action added");
    const n = Number(/A-(\d+) added for Helen Marsh/.exec(blockText(body.view.blocks))?.[1]);
    const action = await h.action(n);
    expect(action).toMatchObject({
      title: 'Agree the "winter" plan',
      ownerHandle: "helen",
      groupSlug: "hwb",
      dueOn: "2026-12-11",
    });
  });

  it("opens from the global shortcut", async () => {
    await h.interact({
      type: "shortcut",
      callback_id: "quorum_new_action",
      team: { id: TEAM, domain: "essex-partners" },
      user: { id: USERS.jo.id, team_id: TEAM },
      token: "legacy",
      action_ts: "1",
      trigger_id: "trig-global",
    });
    await h.slack.settled();
    const open = await h.fake.waitFor("views.open", (c) => c.args.trigger_id === "trig-global");
    const view = open.args.view as { callback_id: string; blocks: { element?: { initial_user?: string } }[] };
    expect(view.callback_id).toBe("quorum_new_action");
    expect(view.blocks[1]?.element?.initial_user).toBe(USERS.jo.id);
  });

  it("pre-fills from a message via the message shortcut and links the action and the message both ways", async () => {
    await h.interact({
      type: "message_action",
      callback_id: "quorum_action_from_message",
      team: { id: TEAM, domain: "essex-partners" },
      user: { id: USERS.jo.id, team_id: TEAM },
      channel: { id: "CHWB", name: "hwb-board" },
      message: {
        type: "message",
        ts: "1700000123.004500",
        user: USERS.sam.id,
        text: `<@${USERS.sam.id}> can you check the R&amp;D budget?`,
      },
      response_url: h.fake.responseUrl("msg-shortcut"),
      token: "legacy",
      action_ts: "1",
      trigger_id: "trig-message",
    });
    await h.slack.settled();
    const open = await h.fake.waitFor("views.open", (c) => c.args.trigger_id === "trig-message");
    const view = open.args.view as {
      private_metadata: string;
      blocks: { element?: { initial_value?: string } }[];
    };
    expect(view.blocks[0]?.element?.initial_value).toBe("@sam can you check the R&D budget?");
    const permalink = "https://essex-partners.slack.com/archives/CHWB/p1700000123004500";
    expect(JSON.parse(view.private_metadata)).toEqual({
      channel: "CHWB",
      ts: "1700000123.004500",
      permalink,
    });

    h.fake.clear();
    const res = await submission(
      { title: "Check the R&D budget", owner: USERS.sam.id },
      { metadata: view.private_metadata },
    );
    expect(((await res.json()) as { response_action: string }).response_action).toBe("update");
    await h.slack.settled();
    const n = await h.actionCount();
    const thread = await h.fake.waitFor("chat.postMessage", (c) => c.args.thread_ts === "1700000123.004500");
    expect(thread.args.channel).toBe("CHWB");
    expect(String(thread.args.text)).toContain(`A-${n}: Check the R&amp;D budget`);
    const id = (await h.action(n))?.id ?? 0;
    const log = await h.app.store.transaction((r) => r.actions.updates(id));
    expect(log.map((u) => u.text)).toContain(`From a Slack message: ${permalink}`);
  });

  it("tells the person in a DM when the thread reply is refused", async () => {
    h.fake.clear();
    h.fake.failNext("chat.postMessage", { kind: "error", error: "not_in_channel" });
    const metadata = JSON.stringify({ channel: "CPRIVATE", ts: "1700000999.000100" });
    await submission({ title: "From a private channel" }, { metadata });
    await h.slack.settled();
    const dm = await h.fake.waitFor("chat.postMessage", (c) => c.args.channel === USERS.jo.id);
    expect(String(dm.args.text)).toContain("Invite it with /invite @Quorum");
  });
});

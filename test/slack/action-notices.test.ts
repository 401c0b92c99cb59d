// Item 8 through the real bolt receiver and a fake Slack: when Jo reassigns an action from the people
// picker, the new owner's direct message (with Done and Snooze) and the previous owner's notice reach
// chat.postMessage once the outbox drains.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboxWorker } from "../../src/delivery/outbox-worker.ts";
import { NOW } from "../helpers/harness.ts";
import { outletsFor } from "../helpers/outlets.ts";
import { blockText, openSlackHarness, type SlackHarness, TEAM, USERS } from "./slack-harness.ts";

let h: SlackHarness;
beforeAll(async () => {
  h = await openSlackHarness();
});
afterAll(() => h.close());

type Blocks = { type: string; block_id?: string; elements?: { action_id: string; value?: string }[] }[];

describe("reassigning from the Slack people picker", () => {
  it("messages the new owner with the action's buttons and tells the previous owner, after the outbox drains", async () => {
    // Sam and Helen have used Quorum on Slack, so Slack is where they hear from it.
    for (const user of [USERS.sam.id, USERS.helen.id]) {
      expect((await h.command("actions mine", { user })).status).toBe(200);
    }
    const list = await h.command("actions open", { user: USERS.jo.id });
    const blocks = ((await list.json()) as { blocks: Blocks }).blocks;
    // A-1 is Helen's; Jo picks Sam for it.
    const res = await h.interact({
      type: "block_actions",
      team: { id: TEAM, domain: "essex-partners" },
      user: { id: USERS.jo.id, team_id: TEAM },
      api_app_id: "AQUORUM",
      token: "legacy",
      trigger_id: "trig-reassign",
      container: { type: "message", message_ts: "1700000000.000100", channel_id: "CHWB", is_ephemeral: true },
      channel: { id: "CHWB", name: "hwb-board" },
      message: { type: "message", ts: "1700000000.000100", text: "list", blocks },
      response_url: h.fake.responseUrl("reassign"),
      actions: [
        {
          block_id: "item:0:actions",
          action_ts: "1700000001.0",
          type: "users_select",
          action_id: "quorum:reassign:A-1",
          selected_user: USERS.sam.id,
        },
      ],
    });
    expect(res.status).toBe(200);
    await h.slack.settled();
    const update = await h.fake.waitFor("response_url", (c) => c.path === "/respond/reassign");
    expect(blockText(update.args.blocks)).toContain("A-1 now with Sam Okafor");

    const worker = createOutboxWorker({
      outlets: outletsFor(h.slack.sender),
      queue: h.app.queue,
      clock: { now: () => NOW },
    });
    await worker.drainOnce();
    const toSam = await h.fake.waitFor("chat.postMessage", (c) => c.args.channel === USERS.sam.id);
    expect(blockText(toSam.args.blocks)).toContain("A-1 is now yours");
    expect(blockText(toSam.args.blocks)).toContain("Jo Whitfield passed this to you from Helen Marsh.");
    const values = JSON.stringify(toSam.args.blocks);
    expect(values).toContain('"value":"action done A-1"');
    expect(values).toContain('"value":"action snooze A-1"');
    const toHelen = await h.fake.waitFor("chat.postMessage", (c) => c.args.channel === USERS.helen.id);
    expect(blockText(toHelen.args.blocks)).toContain("A-1 is no longer yours");
    expect(blockText(toHelen.args.blocks)).toContain("Sam Okafor");
    // Jo made the change: nothing is sent to her.
    expect(h.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === USERS.jo.id)).toEqual([]);
  });
});

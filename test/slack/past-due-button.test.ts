// A due date in the past on Slack: nothing is saved, and the "Yes, due <date>" button adds it as typed.
import { describe, expect, it } from "vitest";
import { blockText, TEAM, USERS, useSlackHarness } from "./slack-harness.ts";

const h = useSlackHarness();

type Blocks = { type: string; block_id?: string; elements?: { action_id: string; value?: string }[] }[];

describe("the Yes button on a past due date", () => {
  it("shows a Yes, due <date> button that runs the command with --past as the clicker", async () => {
    const res = await h.command('action add "Send the minutes" due:yesterday', { user: USERS.jo.id });
    const blocks = ((await res.json()) as { blocks: Blocks }).blocks;
    expect(blockText(blocks)).toContain("Sun 22 Nov is in the past: nothing saved yet");
    const actions = blocks.find((b) => b.type === "actions");
    const yes = actions?.elements?.[0];
    expect(yes?.value).toBe('action add "Send the minutes" due:2026-11-22 --past');
    expect(JSON.stringify(yes)).toContain("Yes, due Sun 22 Nov");
    expect(await h.action(13)).toBeFalsy();

    await h.interact({
      type: "block_actions",
      team: { id: TEAM, domain: "essex-partners" },
      user: { id: USERS.jo.id, team_id: TEAM },
      api_app_id: "AQUORUM",
      token: "legacy",
      trigger_id: "trig-past",
      container: { type: "message", message_ts: "1700000000.000100", channel_id: "CHWB", is_ephemeral: true },
      channel: { id: "CHWB", name: "hwb-board" },
      message: { type: "message", ts: "1700000000.000100", text: "past", blocks },
      response_url: h.fake.responseUrl("past"),
      actions: [{ block_id: actions?.block_id ?? "actions", action_ts: "1700000001.0", ...yes }],
    });
    await h.slack.settled();
    const update = await h.fake.waitFor("response_url", (c) => c.path === "/respond/past");
    expect(blockText(update.args.blocks)).toContain("A-13 added for Jo Whitfield");
    expect(await h.action(13)).toMatchObject({ title: "Send the minutes", dueOn: "2026-11-22" });
  });
});

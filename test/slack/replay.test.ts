// Replayed signed requests run once, and a user over the command limit is told to slow down, through the
// real bolt receiver.
import { describe, expect, it } from "vitest";
import { ALREADY_RECEIVED } from "../../src/adapters/slack/replay.ts";
import { blockText, TEAM, USERS, useSlackHarness } from "./slack-harness.ts";

const FORM = "application/x-www-form-urlencoded";

const h = useSlackHarness();

/** A slash command body as Slack signs it; the same body and timestamp give the same signature. */
function commandBody(text: string, fields: Record<string, string> = {}, triggerId?: string): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: TEAM,
    team_domain: "essex-partners",
    channel_id: "CHWB",
    channel_name: "hwb-board",
    user_id: USERS.jo.id,
    user_name: "jo",
    command: "/quorum",
    text,
    api_app_id: "AQUORUM",
    response_url: h.fake.responseUrl("replay"),
    ...(triggerId ? { trigger_id: triggerId } : {}),
    ...fields,
  }).toString();
}

const payloadBody = (payload: Record<string, unknown>) =>
  `payload=${encodeURIComponent(JSON.stringify(payload))}`;

/** Sends one captured request n times, byte for byte (body, timestamp and signature). */
async function replay(body: string, n: number, timestamp = Math.floor(Date.now() / 1000)) {
  const replies: { status: number; text: string }[] = [];
  for (let i = 0; i < n; i++) {
    const res = await h.post(body, FORM, { timestamp });
    replies.push({ status: res.status, text: await res.text() });
  }
  await h.slack.settled();
  return replies;
}

describe("a replayed slash command", () => {
  it("runs once when the same signed `action add` arrives three times", async () => {
    const before = await h.actionCount();
    const body = commandBody('action add "Replayed once" group:hwb', {}, "trig-replay-1");
    const [first, ...copies] = await replay(body, 3);
    expect(first?.status).toBe(200);
    expect(JSON.parse(first?.text ?? "{}").response_type).toBe("in_channel");
    for (const copy of copies) {
      expect(copy.status).toBe(200);
      expect(JSON.parse(copy.text)).toEqual({ response_type: "ephemeral", text: ALREADY_RECEIVED });
    }
    expect(await h.actionCount()).toBe(before + 1);
    expect(h.logs.join("\n")).toContain("ignored a replayed Slack request");
  });

  it("without a trigger_id, dedupes on the signed body and timestamp, and still runs a fresh request", async () => {
    const before = await h.actionCount();
    const body = commandBody('action add "No trigger id"');
    const timestamp = Math.floor(Date.now() / 1000);
    const replies = await replay(body, 2, timestamp);
    expect(JSON.parse(replies[1]?.text ?? "{}").text).toBe(ALREADY_RECEIVED);
    expect(await h.actionCount()).toBe(before + 1);
    // The same words typed again are a new request with a new timestamp, so a new signature: it runs.
    const [again] = await replay(body, 1, timestamp - 1);
    expect(again?.status).toBe(200);
    expect(await h.actionCount()).toBe(before + 2);
  });
});

describe("a replayed slash command that opens a form", () => {
  it("opens the New action modal once when the same signed `new action` arrives twice", async () => {
    const body = commandBody("new action", {}, "trig-modal-replay");
    const [first, copy] = await replay(body, 2);
    expect(first?.status).toBe(200);
    expect(first?.text).toBe("");
    expect(JSON.parse(copy?.text ?? "{}")).toEqual({ response_type: "ephemeral", text: ALREADY_RECEIVED });
    expect(
      h.fake.callsTo("views.open").filter((c) => c.args.trigger_id === "trig-modal-replay"),
    ).toHaveLength(1);
  });
});

describe("a replayed interaction", () => {
  it("snoozes once when the same button click arrives three times", async () => {
    const add = await h.command('action add "Snooze me once" due:2026-12-01');
    const n = Number(/A-(\d+)/.exec(await add.text())?.[1]);
    const body = payloadBody({
      type: "block_actions",
      team: { id: TEAM, domain: "essex-partners" },
      user: { id: USERS.jo.id, team_id: TEAM },
      api_app_id: "AQUORUM",
      token: "legacy",
      trigger_id: "trig-click-replay",
      channel: { id: "CHWB", name: "hwb-board" },
      response_url: h.fake.responseUrl("click-replay"),
      actions: [
        {
          type: "button",
          action_id: "quorum:cmd:1",
          block_id: "item:0:actions",
          value: `action snooze A-${n}`,
          action_ts: "1700000001.0",
          text: { type: "plain_text", text: "Snooze" },
        },
      ],
    });
    const replies = await replay(body, 3);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await h.action(n))?.dueOn).toBe("2026-12-08");
    expect(h.fake.callsTo("response_url").filter((c) => c.path === "/respond/click-replay")).toHaveLength(1);
  });

  it("adds one action when the same New action modal submission arrives three times", async () => {
    const before = await h.actionCount();
    const body = payloadBody({
      type: "view_submission",
      team: { id: TEAM, domain: "essex-partners" },
      user: { id: USERS.jo.id, team_id: TEAM },
      api_app_id: "AQUORUM",
      token: "legacy",
      trigger_id: "trig-submit-replay",
      view: {
        id: "VREPLAY",
        team_id: TEAM,
        type: "modal",
        callback_id: "quorum_new_action",
        private_metadata: "",
        state: {
          values: {
            title: { value: { type: "plain_text_input", value: "Submitted once" } },
            owner: { value: { type: "users_select", selected_user: USERS.jo.id } },
            due: { value: { type: "datepicker", selected_date: null } },
          },
        },
        hash: "h",
        blocks: [],
      },
      response_urls: [],
    });
    const [first, ...copies] = await replay(body, 3);
    expect(JSON.parse(first?.text ?? "{}").response_action).toBe("update");
    expect(copies.map((c) => c.text)).toEqual(["", ""]);
    expect(await h.actionCount()).toBe(before + 1);
  });
});

describe("a Slack user over the command limit", () => {
  const limited = useSlackHarness({ rateLimits: { userPerMinute: 3 } });

  it("is told to slow down, privately, and the command runs nothing", async () => {
    for (let i = 0; i < 3; i++) expect((await limited.command("whoami")).status).toBe(200);
    const before = await limited.actionCount();
    const res = await limited.command('action add "Too fast"');
    expect(res.status).toBe(200);
    const ack = (await res.json()) as { response_type: string; blocks: unknown };
    expect(ack.response_type).toBe("ephemeral");
    expect(blockText(ack.blocks)).toMatch(
      /Slow down: you're sending commands faster than Quorum accepts \(3 a minute\)\. Please wait about \d+ seconds and try again\./,
    );
    expect(await limited.actionCount()).toBe(before);
    // Someone else in the same workspace carries on.
    const helen = (await (await limited.command("whoami", { user: USERS.helen.id })).json()) as {
      blocks: unknown;
    };
    expect(blockText(helen.blocks)).toContain("Helen Marsh");
  });
});

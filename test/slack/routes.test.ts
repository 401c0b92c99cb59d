// SlackRoutes: one bolt listener per kind of payload, each payload reaching the one handler its id names.
import { App, type Receiver } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { SlackRoutes } from "../../src/adapters/slack/routes.ts";

const receiver: Receiver = { init() {}, start: async () => {}, stop: async () => {} };

/** A real bolt App over a receiver that never listens: payloads go in through processEvent. */
function boltWith(routes: SlackRoutes): { bolt: App; registered: string[] } {
  const bolt = new App({
    receiver,
    authorize: async () => ({ botToken: "xoxb-test", botId: "B1", botUserId: "UBOT" }),
    convoStore: false,
  });
  const registered: string[] = [];
  for (const kind of ["command", "action", "shortcut", "view", "event", "message", "options"] as const) {
    const original = bolt[kind].bind(bolt) as (...args: unknown[]) => void;
    (bolt as unknown as Record<string, unknown>)[kind] = (...args: unknown[]) => {
      registered.push(kind);
      original(...args);
    };
  }
  routes.mount(bolt);
  return { bolt, registered };
}

/** Sends one payload through bolt; resolves with whether it was acknowledged. */
async function send(bolt: App, body: Record<string, unknown>): Promise<boolean> {
  let acked = false;
  await bolt.processEvent({
    body,
    ack: async () => {
      acked = true;
    },
  });
  return acked;
}

const team = { id: "T1", domain: "essex" };
const user = { id: "U1", team_id: "T1" };

const blockAction = (actionId: string) => ({
  type: "block_actions",
  team,
  user,
  api_app_id: "A1",
  token: "t",
  trigger_id: "tr",
  container: { type: "message" },
  actions: [{ type: "button", action_id: actionId, block_id: "b", value: "v", action_ts: "1" }],
});

const eventOf = (type: string) => ({
  type: "event_callback",
  team_id: "T1",
  api_app_id: "A1",
  event_id: `Ev-${type}`,
  event_time: 1,
  event: { type, user: "U1", channel: "D1", channel_type: "im", text: "hi", ts: "1.0", event_ts: "1.0" },
});

describe("SlackRoutes", () => {
  it("mounts one bolt listener per kind, however many handlers each kind has", () => {
    const routes = new SlackRoutes();
    const noop = async () => {};
    routes.command("/quorum", noop);
    routes.action("a", noop);
    routes.action(/^b:/, noop);
    routes.action("c", noop);
    routes.shortcut("shortcut", "s1", noop);
    routes.shortcut("message_action", "s2", noop);
    routes.view("v1", noop);
    routes.event("message", noop);
    routes.event("app_mention", noop);
    routes.event("app_uninstalled", noop);
    const { registered } = boltWith(routes);
    expect(registered.sort()).toEqual(["action", "command", "event", "shortcut", "view"]);
  });

  it("runs the action whose id matches exactly or by pattern, and no other", async () => {
    const ran: string[] = [];
    const routes = new SlackRoutes();
    routes.action("quorum:new", async ({ ack }) => {
      ran.push("new");
      await ack();
    });
    routes.action(/^quorum:cmd:/, async ({ ack, action }) => {
      ran.push(`cmd ${action.action_id}`);
      await ack();
    });
    const { bolt } = boltWith(routes);
    expect(await send(bolt, blockAction("quorum:cmd:1"))).toBe(true);
    expect(await send(bolt, blockAction("quorum:new"))).toBe(true);
    // Neither the exact id with more after it nor the prefix without its colon.
    expect(await send(bolt, blockAction("quorum:newer"))).toBe(false);
    expect(await send(bolt, blockAction("quorum:cmdx"))).toBe(false);
    expect(ran).toEqual(["cmd quorum:cmd:1", "new"]);
  });

  it("tells a global shortcut from a message shortcut with the same callback id", async () => {
    const ran: string[] = [];
    const routes = new SlackRoutes();
    routes.shortcut("message_action", "new_action", async ({ ack, shortcut }) => {
      ran.push(`message ${shortcut.callback_id}`);
      await ack();
    });
    const { bolt } = boltWith(routes);
    const shortcut = (type: string) => ({
      type,
      callback_id: "new_action",
      team,
      user,
      trigger_id: "tr",
      token: "t",
    });
    expect(await send(bolt, shortcut("shortcut"))).toBe(false);
    expect(
      await send(bolt, {
        ...shortcut("message_action"),
        channel: { id: "C1", name: "c" },
        message: { ts: "1.0", text: "x" },
        message_ts: "1.0",
        response_url: "http://127.0.0.1:9/r",
      }),
    ).toBe(true);
    expect(ran).toEqual(["message new_action"]);
  });

  it("hands each event type to its own handler and ignores types it has none for", async () => {
    const ran: string[] = [];
    const routes = new SlackRoutes();
    routes.event("message", async ({ event }) => {
      ran.push(`message ${event.type}`);
    });
    routes.event("app_mention", async () => {
      ran.push("mention");
    });
    const { bolt } = boltWith(routes);
    await send(bolt, eventOf("app_mention"));
    await send(bolt, eventOf("member_joined_channel"));
    await send(bolt, eventOf("message"));
    expect(ran).toEqual(["mention", "message message"]);
  });

  it("runs the command and the view submission their names route to", async () => {
    const ran: string[] = [];
    const routes = new SlackRoutes();
    routes.command("/quorum", async ({ ack, command }) => {
      ran.push(`command ${command.text}`);
      await ack();
    });
    routes.view("new_action_view", async ({ ack, view }) => {
      ran.push(`view ${view.callback_id}`);
      await ack();
    });
    const { bolt } = boltWith(routes);
    const command = (name: string) => ({
      command: name,
      text: "actions",
      team_id: "T1",
      user_id: "U1",
      channel_id: "C1",
      response_url: "http://127.0.0.1:9/r",
      trigger_id: "tr",
      token: "t",
      api_app_id: "A1",
    });
    expect(await send(bolt, command("/quorum"))).toBe(true);
    expect(await send(bolt, command("/other"))).toBe(false);
    const view = (callback: string) => ({
      type: "view_submission",
      team,
      user,
      api_app_id: "A1",
      token: "t",
      trigger_id: "tr",
      view: { id: "V1", callback_id: callback, team_id: "T1", private_metadata: "", state: { values: {} } },
    });
    expect(await send(bolt, view("new_action_view"))).toBe(true);
    expect(await send(bolt, view("something_else"))).toBe(false);
    expect(ran).toEqual(["command actions", "view new_action_view"]);
  });
});

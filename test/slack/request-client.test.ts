// Each Slack request's Web API calls use the client bolt built for its workspace, passed explicitly: no
// AsyncLocalStorage, whose first run() on Node 20 turns on promise hooks for every promise in the process.
import { executionAsyncId } from "node:async_hooks";
import { expect, it } from "vitest";
import { TOKEN, USERS, useSlackHarness } from "./slack-harness.ts";

const h = useSlackHarness();

/** The async id a promise continuation runs under: 0 unless something has turned promise hooks on. */
const continuationId = () => Promise.resolve().then(() => executionAsyncId());

it("answers a DM with the workspace's token and leaves promise hooks off", async () => {
  expect(await continuationId()).toBe(0);
  const res = await h.event({
    type: "message",
    channel_type: "im",
    channel: `D${USERS.jo.id}`,
    user: USERS.jo.id,
    text: "actions mine",
    ts: "1700000000.000500",
    event_ts: "1700000000.000500",
  });
  expect(res.status).toBe(200);
  await h.slack.settled();
  // The profile look-up and the reply both went out on the request's client, with the bot token.
  const calls = [...h.fake.callsTo("users.info"), ...h.fake.callsTo("chat.postMessage")];
  expect(calls.map((c) => c.method)).toEqual(["users.info", "chat.postMessage"]);
  for (const call of calls) expect(call.token).toBe(TOKEN);
  expect(await continuationId()).toBe(0);
});

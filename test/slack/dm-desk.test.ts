// Issue 11's report over Slack DMs: typos, records questions and statements never reach a person unasked.
import { describe, expect, it } from "vitest";
import { blockText, type SlackHarness, USERS, useSlackHarness } from "./slack-harness.ts";

const h = useSlackHarness();

const dm = (user: string, text: string) => ({
  type: "message",
  channel_type: "im",
  channel: `D${user}`,
  user,
  text,
  ts: "1700000000.000400",
  event_ts: "1700000000.000400",
});

/** Sends a signed DM event to the real receiver; returns all Quorum posted back in that DM. */
async function say(user: string, text: string): Promise<string> {
  h.fake.clear();
  const res = await h.event(dm(user, text));
  expect(res.status).toBe(200);
  await h.slack.settled();
  const posts = h.fake.callsTo("chat.postMessage");
  expect(posts.map((p) => p.args.channel)).toEqual([`D${user}`]);
  return blockText(posts.map((p) => p.args.blocks));
}

const enquiries = (harness: SlackHarness) =>
  harness.app.store.transaction(async (r) => {
    const p = await r.partnerships.bySlug("demo");
    return r.enquiries.count(p?.id ?? 0, { statuses: ["open", "answered", "closed"] });
  });

describe("the issue's first report bullet, in a Slack DM", () => {
  it("offers a typo of a command back, lists my actions, and asks before a statement is sent", async () => {
    const before = await h.actionCount();
    expect(await say(USERS.sam.id, 'acton add "Map winter capacity" owner:@tom')).toContain("Did you mean");
    expect(await h.actionCount()).toBe(before);
    for (const asked of ["what are my actions?", "show my actions"]) {
      expect(await say(USERS.sam.id, asked)).toContain("Bring options for pooling prevention budgets");
    }
    const statement = await say(USERS.jo.id, "the papers for hwb will be late this time");
    expect(statement).toContain("Send this to Helen Marsh (contact for Health and wellbeing)?");
    expect(await enquiries(h)).toBe(0);
  });
});

describe("the issue's second report bullet, in a Slack DM", () => {
  it("answers the next meeting, help's own example and the assembly's date from the records", async () => {
    const board = await say(USERS.jo.id, "When is the next partners board meeting?");
    expect(board).toContain("Papers deadline");
    expect(board).toContain("meeting next group:partners");
    const contact = await say(USERS.jo.id, "who do I talk to about community budgets?");
    expect(contact).toContain("Questions about Community budgets: Sam Okafor");
    expect(contact).toContain("sam.okafor@example.gov.uk");
    // The date of the next sitting, not the FAQ paragraph about when the assembly meets.
    const assembly = await say(USERS.jo.id, "when is the next essex assembly?");
    expect(assembly).toContain("meeting next group:assembly");
    expect(assembly).not.toContain("When does the Essex Assembly meet?");
    expect(await enquiries(h)).toBe(0);
  });
});

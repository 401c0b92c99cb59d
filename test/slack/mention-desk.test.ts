// An @Quorum mention that is not a command is understood as a DM is, and answered only to its asker.
import { describe, expect, it } from "vitest";
import { BOT_USER } from "./fake-slack.ts";
import { blockText, type SlackHarness, USERS, useSlackHarness } from "./slack-harness.ts";

const h = useSlackHarness();

const mention = (user: string, text: string) => ({
  type: "app_mention",
  channel: "CHWB",
  user,
  text: `<@${BOT_USER}> ${text}`,
  ts: "1700000000.000300",
  event_ts: "1700000000.000300",
});

/** Posts the signed mention, and returns what Quorum said: ephemeral replies and channel posts apart. */
async function say(user: string, text: string) {
  h.fake.clear();
  const res = await h.event(mention(user, text));
  expect(res.status).toBe(200);
  await h.slack.settled();
  const ephemeral = h.fake.callsTo("chat.postEphemeral");
  return {
    ephemeral,
    posted: h.fake.callsTo("chat.postMessage"),
    text: blockText(ephemeral.map((c) => c.args.blocks)),
  };
}

const enquiries = (harness: SlackHarness) =>
  harness.app.store.transaction(async (r) => {
    const p = await r.partnerships.bySlug("demo");
    return r.enquiries.count(p?.id ?? 0, { statuses: ["open", "answered", "closed"] });
  });

/** The commands the message's buttons carry, in order. */
function buttonValues(blocks: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (o.type === "button" && typeof o.value === "string") out.push(o.value);
      else Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return out;
}

describe("a mention in a channel that is not a command", () => {
  it("offers a typo of a command back corrected, to the asker only, and changes nothing", async () => {
    const before = await h.actionCount();
    const reply = await say(USERS.jo.id, 'acton add "Map winter capacity" group:hwb');
    expect(reply.posted).toHaveLength(0);
    expect(reply.ephemeral[0]?.args).toMatchObject({ channel: "CHWB", user: USERS.jo.id });
    expect(reply.text).toContain("Did you mean");
    expect(reply.text).toContain("action add");
    expect(buttonValues(reply.ephemeral[0]?.args.blocks)).toContain(
      'action add "Map winter capacity" group:hwb',
    );
    expect(await h.actionCount()).toBe(before);
    expect(await enquiries(h)).toBe(0);
  });

  it("answers a records question from the records, not as an enquiry", async () => {
    const reply = await say(USERS.jo.id, "when is the next partners board meeting?");
    expect(reply.text).toContain("Essex Partners Board");
    expect(reply.text).toContain("Papers deadline");
    expect(reply.text).toContain("meeting next group:partners");
    expect(await enquiries(h)).toBe(0);
  });

  it("sends the answer to 'what are my actions' to the asker alone", async () => {
    const reply = await say(USERS.helen.id, "what are my actions?");
    expect(reply.posted).toHaveLength(0);
    expect(reply.ephemeral.map((c) => c.args.user)).toEqual([USERS.helen.id]);
    expect(reply.text).toContain("Circulate the draft health and wellbeing strategy");
    expect(await enquiries(h)).toBe(0);
  });

  it("answers an FAQ question with This answered it and Ask a person", async () => {
    const reply = await say(USERS.sam.id, "where are the other pilot areas?");
    expect(reply.text).toContain("Which other areas are piloting community budgets?");
    expect(reply.text).toContain("This answered it");
    expect(reply.text).toContain("Ask a person");
    expect(buttonValues(reply.ephemeral[0]?.args.blocks)).toContain("send for:@sam");
    expect(await enquiries(h)).toBe(0);
  });

  it("asks before a statement goes to a person, and sends it only on send", async () => {
    const reply = await say(USERS.jo.id, "the papers for hwb will be late this time");
    expect(reply.posted).toHaveLength(0);
    expect(reply.text).toContain("Send this to Helen Marsh (contact for Health and wellbeing)?");
    // In a channel the buttons name their asker, so nobody else's click can send or drop it.
    expect(buttonValues(reply.ephemeral[0]?.args.blocks)).toEqual(["send for:@jo", "cancel for:@jo"]);
    expect(await enquiries(h)).toBe(0);
    const sent = await say(USERS.jo.id, "send");
    expect(sent.text).toMatch(/Q-\d+ is with Helen Marsh/);
    expect(await enquiries(h)).toBe(1);
  });

  it("still refuses a slash command that is not a command: only what was said to Quorum is read", async () => {
    h.fake.clear();
    const res = await h.command("the papers for hwb will be late this time", { user: USERS.jo.id });
    const ack = (await res.json()) as { blocks: Array<{ text?: { text: string } }> };
    expect(ack.blocks[0]?.text?.text).toContain("I don't know the command");
    expect(await enquiries(h)).toBe(0);
  });
});

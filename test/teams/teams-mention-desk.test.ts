// A Teams channel message that mentions Quorum but is not a command is understood as a 1:1 message is.
import { beforeEach, describe, expect, it } from "vitest";
import { cardText } from "./fake-connector.ts";
import { CHANNEL, channelMention, executeInvoke, JO, SAM, useTeamsHarness } from "./teams-harness.ts";

const h = useTeamsHarness();
let url: string;
beforeEach(() => {
  url = h.connector.url;
});

/** Posts the mention through the real Teams App and returns the card Quorum answered with. */
async function say(text: string, user = SAM) {
  h.connector.reset();
  const res = await h.post(channelMention(url, text, user));
  expect(res.status).toBe(200);
  const cards = h.connector.cards();
  expect(cards).toHaveLength(1);
  const [reply] = cards;
  expect(reply?.conversationId).toBe(`${CHANNEL};messageid=1700000000001`);
  return { text: cardText(reply?.card), commands: commandsOf(reply?.card) };
}

/** The grammar lines the card's buttons run, in order, each once. */
function commandsOf(card: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      const data = o.data as { command?: unknown } | undefined;
      if (String(o.type).startsWith("Action.") && typeof data?.command === "string") out.push(data.command);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  // An Action.Execute may carry an Action.Submit fallback with the same command.
  return [...new Set(out)];
}

const enquiries = () =>
  h.app.store.transaction(async (r) => {
    const p = await r.partnerships.bySlug("demo");
    return r.enquiries.count(p?.id ?? 0, { statuses: ["open", "answered", "closed"] });
  });

describe("a Teams channel mention that is not a command", () => {
  it("offers a typo of a command back corrected, with a button that runs it", async () => {
    const reply = await say('acton add "Map winter capacity" group:hwb', JO);
    expect(reply.text).toContain("Did you mean");
    expect(reply.commands).toEqual(['action add "Map winter capacity" group:hwb']);
    expect(await enquiries()).toBe(0);
  });

  it("answers a records question from the records", async () => {
    const reply = await say("when is the next partners board meeting?");
    expect(reply.text).toContain("Essex Partners Board");
    expect(reply.text).toContain("Papers deadline");
    expect(reply.text).toContain("From Quorum's records: meeting next group:partners");
    expect(await enquiries()).toBe(0);
  });

  it("answers an FAQ question with This answered it and Ask a person", async () => {
    const reply = await say("where are the other pilot areas?");
    expect(reply.text).toContain("Which other areas are piloting community budgets?");
    expect(reply.text).toContain("[This answered it]");
    expect(reply.text).toContain("[Ask a person]");
    expect(await enquiries()).toBe(0);
  });

  it("asks before a statement goes to a person, and sends it only when the asker says send", async () => {
    const reply = await say("the papers for hwb will be late this time", JO);
    expect(reply.text).toContain("Send this to Helen Marsh (contact for Health and wellbeing)?");
    expect(reply.text).toContain("[Send]");
    expect(reply.text).toContain("[Cancel]");
    expect(await enquiries()).toBe(0);
    const [send] = reply.commands;
    expect(reply.commands).toEqual(["send for:@jo", "cancel for:@jo"]);
    // Everyone in the channel sees the card; Sam's click must not send (or drop) anything of his own.
    const other = await h.post(executeInvoke(url, { command: send }, { user: SAM, channel: true }));
    const refused = (await other.json()) as { type: string; value: unknown };
    expect(refused.type).toBe("application/vnd.microsoft.activity.message");
    expect(String(refused.value)).toContain("someone else's message");
    expect(await enquiries()).toBe(0);
    const res = await h.post(executeInvoke(url, { command: send }, { user: JO, channel: true }));
    const body = (await res.json()) as { value: unknown };
    expect(cardText(body.value)).toMatch(/Q-\d+ is with Helen Marsh/);
    expect(await enquiries()).toBe(1);
  });
});

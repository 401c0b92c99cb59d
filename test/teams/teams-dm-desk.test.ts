// Issue 11's report over Teams 1:1 chats: typos, records questions and statements never reach a person unasked.
import { beforeEach, describe, expect, it } from "vitest";
import { cardText } from "./fake-connector.ts";
import { directMessage, executeInvoke, JO, SAM, useTeamsHarness } from "./teams-harness.ts";

const h = useTeamsHarness();
let url: string;
beforeEach(() => {
  url = h.connector.url;
});

/** Posts a 1:1 message through the real Teams App; returns the card Quorum answered with. */
async function say(text: string, user = SAM) {
  h.connector.reset();
  const res = await h.post(directMessage(url, text, user));
  expect(res.status).toBe(200);
  const cards = h.connector.cards();
  expect(cards.map((c) => c.conversationId)).toEqual([`a:1on1-${user.id}`]);
  return cards[0]?.card;
}

const runs = (card: unknown): string[] => {
  const found = JSON.stringify(card).match(/"command":"((?:[^"\\]|\\.)*)"/g) ?? [];
  return [...new Set(found.map((m) => JSON.parse(`{${m}}`).command as string))];
};

const count = (what: "enquiries" | "actions") =>
  h.app.store.transaction(async (r) => {
    const p = await r.partnerships.bySlug("demo");
    const pid = p?.id ?? 0;
    return what === "enquiries"
      ? r.enquiries.count(pid, { statuses: ["open", "answered", "closed"] })
      : (await r.actions.list(pid, { statuses: ["open", "done", "dropped"] })).length;
  });

describe("the issue's first report bullet, in a Teams 1:1 chat", () => {
  it("offers a typo of a command back with a button that runs it, and opens no enquiry", async () => {
    const before = await count("actions");
    const reply = await say('acton add "Map winter capacity" owner:@tom');
    expect(cardText(reply)).toContain("Did you mean");
    expect(await count("actions")).toBe(before);
    const [run] = runs(reply);
    expect(run).toBe('action add "Map winter capacity" owner:@tom');
    const res = await h.post(executeInvoke(url, { command: run }));
    expect(cardText(((await res.json()) as { value: unknown }).value)).toContain("Map winter capacity");
    expect(await count("actions")).toBe(before + 1);
    expect(await count("enquiries")).toBe(0);
  });

  it("lists my actions and asks before a statement is sent", async () => {
    for (const asked of ["what are my actions?", "show my actions"]) {
      expect(cardText(await say(asked))).toContain("Bring options for pooling prevention budgets");
    }
    const statement = cardText(await say("the papers for hwb will be late this time", JO));
    expect(statement).toContain("Send this to Helen Marsh (contact for Health and wellbeing)?");
    expect(await count("enquiries")).toBe(0);
  });
});

describe("the issue's second report bullet, in a Teams 1:1 chat", () => {
  it("answers the next meeting, help's own example and the assembly's date from the records", async () => {
    const board = cardText(await say("When is the next partners board meeting?", JO));
    expect(board).toContain("Papers deadline");
    expect(board).toContain("From Quorum's records: meeting next group:partners");
    const contact = cardText(await say("who do I talk to about community budgets?", JO));
    expect(contact).toContain("Questions about Community budgets: Sam Okafor");
    const assembly = cardText(await say("when is the next essex assembly?", JO));
    expect(assembly).toContain("From Quorum's records: meeting next group:assembly");
    expect(assembly).not.toContain("When does the Essex Assembly meet?");
    expect(await count("enquiries")).toBe(0);
  });
});

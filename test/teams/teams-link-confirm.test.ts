// link confirm on Teams: the card shows whose account would act as whom, and only its viewer's Confirm links.
import { describe, expect, it } from "vitest";
import { cardToText } from "../../src/core/render-text.ts";
import { cardText } from "./fake-connector.ts";
import { directMessage, executeInvoke, JO, useTeamsHarness } from "./teams-harness.ts";

const h = useTeamsHarness();

interface InvokeBody {
  statusCode: number;
  type: string;
  value: unknown;
}
const invoke = async (activity: Record<string, unknown>) =>
  (await (await h.post(activity)).json()) as InvokeBody;

/** A Slack account Quorum can't match asks for a code (its workspace is taken on by the only partnership). */
async function slackCode(): Promise<string> {
  const reply = await h.app.quorum.handle({
    platform: "slack",
    tenant: "TGUESTS",
    userId: "UGUEST",
    text: "link me",
    conversation: { id: "DUGUEST", kind: "direct" },
    profile: { name: "Guest Person" },
  });
  return /([2-9A-Z]{4}-[2-9A-Z]{4})/.exec(cardToText(reply))?.[1] ?? "";
}

const whoIsGuest = () => h.app.store.transaction((r) => r.people.byIdentity("slack", "TGUESTS", "UGUEST"));

describe("link confirm on Teams", () => {
  it("shows the account with Confirm and Cancel, and links only on the viewer's own Confirm", async () => {
    const code = await slackCode();
    expect(code).not.toBe("");
    await h.post(directMessage(h.connector.url, `link confirm ${code}`));
    const cards = h.connector.cards();
    const shown = cards[cards.length - 1]?.card;
    expect(cardText(shown)).toContain(
      "This will let Slack account Guest Person (UGUEST) in TGUESTS, one of Essex Partners (demo)'s workspaces act as you, Sam Okafor.",
    );
    const key = /link yes ([2-9A-Z]{10})/.exec(JSON.stringify(shown))?.[1] ?? "";
    expect(key).not.toBe("");
    expect(JSON.stringify(shown)).toContain(`link cancel ${key}`);
    expect(await whoIsGuest()).toBeNull();

    // Jo clicking Sam's Confirm (a card seen in a shared place) links nothing.
    const other = await invoke(executeInvoke(h.connector.url, { command: `link yes ${key}` }, { user: JO }));
    expect(JSON.stringify(other.value)).toContain("shown to someone else");
    expect(await whoIsGuest()).toBeNull();

    const mine = await invoke(executeInvoke(h.connector.url, { command: `link yes ${key}` }));
    expect(JSON.stringify(mine.value)).toContain("now acts as you");
    expect((await whoIsGuest())?.handle).toBe("sam");
  });
});

// In a shell channel (as with @Quorum elsewhere) a plain message is understood as in a DM, and the desk's
// buttons there name their asker, so another member's click cannot send or teach from their own message.
import { describe, expect, it } from "vitest";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import type { Card } from "../../src/core/card.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { useHarness } from "../helpers/harness.ts";
import { count } from "./helpers.ts";

const h = useHarness();
const inChannel = (user: string, text: string) =>
  h.quorum.handle(shellEvent(user, text, "local", "hwb-board"));

const commands = (c: Card) =>
  c.blocks.flatMap((b) =>
    b.kind === "buttons" ? b.buttons : b.kind === "items" ? b.items.flatMap((i) => i.buttons ?? []) : [],
  );

describe("a plain message in a shell channel", () => {
  it("is read like a DM: a typo, a records question and the assembly's date", async () => {
    expect((await inChannel("tom", 'acton add "Map winter capacity" owner:@tom')).title).toBe(
      'Did you mean `action add "Map winter capacity" owner:@tom`?',
    );
    const board = cardToText(await inChannel("priya", "When is the next partners board meeting?"));
    expect(board).toContain("From Quorum's records: meeting next group:partners");
    const assembly = cardToText(await inChannel("priya", "when is the next essex assembly?"));
    expect(assembly).toContain("From Quorum's records: meeting next group:assembly");
    expect(assembly).not.toContain("When does the Essex Assembly meet?");
    expect(await count(h, "enquiries")).toBe(0);
  });

  it("asks before a statement is sent, and only its asker's send sends it", async () => {
    const prompt = await inChannel("tom", "the papers for hwb will be late this time");
    expect(prompt.title).toBe("Send this to Helen Marsh (contact for Health and wellbeing)?");
    expect(commands(prompt).map((b) => b.command)).toEqual(["send for:@tom", "cancel for:@tom"]);
    // Priya has a waiting message of her own; clicking Tom's Send must not send hers.
    await h.say("priya", "can my charity borrow the projector next Tuesday please?");
    const refused = await inChannel("priya", "send for:@tom");
    expect(refused).toMatchObject({ tone: "error", error: { code: "forbidden" } });
    expect(await count(h, "enquiries")).toBe(0);
    expect((await inChannel("tom", "send for:@tom")).title).toMatch(/^Q-\d+ is with Helen Marsh/);
    expect(await count(h, "enquiries")).toBe(1);
    // Typed without for:, send is always the typist's own.
    expect((await h.say("priya", "send")).title).toMatch(/^Q-\d+ is with/);
    expect(await count(h, "enquiries")).toBe(2);
  });

  it("marks This answered it with its asker, so another member's click teaches nothing", async () => {
    const answer = await inChannel("priya", "where are the other pilot areas?");
    const helped = commands(answer).find((b) => b.label === "This answered it");
    expect(helped?.command).toMatch(/^faq helped F-\d+ for:@priya$/);
    expect(await h.text("tom", helped?.command ?? "")).toContain("someone else's message");
    expect(await h.text("priya", helped?.command ?? "")).toContain("Nothing was sent to anyone.");
  });

  it("offers a known command's slipped word back corrected, here and in a DM", async () => {
    for (const reply of [await inChannel("sam", "actions mien"), await h.say("sam", "actions mien")]) {
      expect(reply.title).toBe("Did you mean `actions mine`?");
      expect(commands(reply).map((b) => b.command)).toEqual(["actions mine"]);
    }
    // A known command's own error stays when no correction is near: nothing is guessed.
    expect((await h.say("sam", "action done A-99")).error?.code).toBe("not_found");
  });

  it("still refuses an unknown command that was not said to Quorum (a slash command in a channel)", async () => {
    const event = { ...shellEvent("tom", "frobnicate the board", "local", "hwb-board"), mention: false };
    expect((await h.quorum.handle(event)).error?.code).toBe("unknown_command");
  });
});

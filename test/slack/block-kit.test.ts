// cardToBlockKit: explicit Block Kit for each kind of card block, escaping, and Slack's limits.
import { describe, expect, it } from "vitest";
import { cardToBlockKit, LIMITS } from "../../src/adapters/slack/block-kit.ts";
import { chunk, clip, escapeMrkdwn, unescapeMrkdwn } from "../../src/adapters/slack/escape.ts";
import { replaceItem } from "../../src/adapters/slack/interactivity.ts";
import { type Card, card, type Item } from "../../src/core/card.ts";

const item = (n: number, extra: Partial<Item> = {}): Item => ({
  title: `A-${n} Action number ${n}`,
  detail: "Helen Marsh (ECC) · due 4 Dec",
  buttons: [
    { label: "Done", command: `action done A-${n}`, style: "primary" },
    { label: "Snooze a week", command: `action snooze A-${n}` },
  ],
  ...extra,
});

describe("cardToBlockKit", () => {
  it("renders each kind of block as explicit Block Kit", () => {
    const c = card(
      "A-12 done by Jo",
      [
        { kind: "text", text: "Nice work." },
        { kind: "fields", fields: [{ label: "Owner", value: "Helen" }] },
        { kind: "items", heading: "Open", items: [item(12, { flag: "overdue" })] },
        { kind: "divider" },
        { kind: "buttons", buttons: [{ label: "Help", command: "help" }] },
        { kind: "usage", usage: "action done A-<n>", examples: ["action done A-12"] },
      ],
      { tone: "success" },
    );
    const { blocks, text, pages } = cardToBlockKit(c);
    expect(pages).toHaveLength(1);
    expect(text).toBe(
      "✓ A-12 done by Jo\nNice work.\n  Owner: Helen\nOpen\n  • A-12 Action number 12  [overdue]\n    Helen Marsh (ECC) · due 4 Dec\n    [Done: action done A-12] [Snooze a week: action snooze A-12]\n\n[Help: help]\nUsage: action done A-&lt;n&gt;\n  e.g. action done A-12",
    );
    const md = (t: string) => ({ type: "mrkdwn", text: t, verbatim: true });
    expect(blocks).toEqual([
      { type: "section", text: md(":white_check_mark: *A-12 done by Jo*") },
      { type: "section", text: md("Nice work.") },
      { type: "section", fields: [md("*Owner*\nHelen")] },
      { type: "section", text: md("*Open*") },
      {
        type: "section",
        block_id: "item:0",
        text: md("*A-12 Action number 12*  `overdue`\nHelen Marsh (ECC) · due 4 Dec"),
      },
      {
        type: "actions",
        block_id: "item:0:actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Done", emoji: true },
            value: "action done A-12",
            action_id: "quorum:cmd:0",
            style: "primary",
          },
          {
            type: "button",
            text: { type: "plain_text", text: "Snooze a week", emoji: true },
            value: "action snooze A-12",
            action_id: "quorum:cmd:1",
          },
          {
            type: "users_select",
            action_id: "quorum:reassign:A-12",
            placeholder: { type: "plain_text", text: "Reassign…" },
          },
        ],
      },
      { type: "divider" },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Help", emoji: true },
            value: "help",
            action_id: "quorum:cmd:0",
          },
        ],
      },
      { type: "section", text: md("*Usage:* `action done A-&lt;n&gt;`\n*Examples:*\n`action done A-12`") },
    ]);
  });

  it("escapes & < > in every piece of user text, so <!channel> pings nobody", () => {
    const evil = "<!channel> R&D <@U123> <https://x.example|click>";
    const c = card(evil, [
      { kind: "text", text: evil },
      { kind: "fields", fields: [{ label: evil, value: evil }] },
      {
        kind: "items",
        heading: evil,
        empty: evil,
        items: [{ title: evil, detail: evil, flag: evil, note: evil }],
      },
      { kind: "usage", usage: evil, examples: [evil] },
    ]);
    const { blocks, text } = cardToBlockKit(c);
    const json = JSON.stringify({ blocks, text });
    expect(json).not.toMatch(/<[!@#h]/);
    expect(json).toContain("&lt;!channel&gt; R&amp;D &lt;@U123&gt;");
    expect(text.startsWith("&lt;!channel&gt; R&amp;D")).toBe(true);
  });

  it("puts an item's note on its own line under the detail", () => {
    const item: Item = { title: "A-9 Agree terms", detail: "Sam Okafor (ECC)", note: "Note: Agreed <today>" };
    const { blocks } = cardToBlockKit(card("Done actions: 1", [{ kind: "items", items: [item] }]));
    expect(blocks[1]).toMatchObject({
      block_id: "item:0",
      text: { text: "*A-9 Agree terms*\nSam Okafor (ECC)\nNote: Agreed &lt;today&gt;" },
    });
  });

  it("shows an empty list's message", () => {
    const { blocks } = cardToBlockKit(
      card("Your open actions: 0", [{ kind: "items", items: [], empty: "Nothing here." }]),
    );
    expect(blocks[1]).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "_Nothing here._" }] });
  });

  it("pages a long list within 50 blocks a message, keeping each item with its buttons", () => {
    const c: Card = card("Open actions: 100", [
      { kind: "items", items: Array.from({ length: 100 }, (_, i) => item(i + 1)) },
    ]);
    const { pages, blocks } = cardToBlockKit(c);
    expect(pages.length).toBe(5);
    expect(blocks).toBe(pages[0]?.blocks);
    for (const page of pages) {
      expect(page.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
      // Never an item on one page and its buttons on the next.
      expect(page.blocks.at(-1)?.type).toBe("actions");
    }
    expect(pages[1]?.blocks[0]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "Open actions: 100 (continued, 2 of 5)" }],
    });
    const items = pages.flatMap((p) => p.blocks).filter((b) => b.block_id?.match(/^item:\d+$/));
    expect(items).toHaveLength(100);
    expect(cardToBlockKit(c, { maxBlocks: LIMITS.viewBlocks }).pages.length).toBe(3);
  });

  it("keeps every text within 3,000 characters, splitting long text into sections", () => {
    const long = `${"word ".repeat(1300)}\n${"&".repeat(1000)}`;
    const { blocks, text } = cardToBlockKit(card("T".repeat(4000), [{ kind: "text", text: long }]));
    const texts = blocks.map((b) => (b.type === "section" ? (b.text?.text ?? "") : ""));
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(texts.slice(1).join("").replace(/…/g, "")).toContain("&amp;".repeat(10));
    expect(blocks.length).toBeGreaterThan(3);
    expect(text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    expect(text.endsWith("…")).toBe(true);
  });

  it("cuts button labels to 75 characters and leaves out a button whose command cannot fit", () => {
    const { blocks } = cardToBlockKit(
      card("x", [
        {
          kind: "buttons",
          buttons: [
            { label: "L".repeat(100), command: "help" },
            { label: "Too long", command: `action update A-1 ${"n".repeat(2100)}` },
          ],
        },
      ]),
    );
    const actions = blocks[1] as { elements: { text: { text: string } }[] };
    expect(actions.elements).toHaveLength(1);
    expect(actions.elements[0]?.text.text).toHaveLength(75);
  });
});

describe("escape helpers", () => {
  it("escapes and unescapes round trip, ampersand first", () => {
    expect(escapeMrkdwn("a & <b> &lt;")).toBe("a &amp; &lt;b&gt; &amp;lt;");
    expect(unescapeMrkdwn(escapeMrkdwn("a & <b> &lt;"))).toBe("a & <b> &lt;");
  });

  it("never cuts inside an entity", () => {
    expect(clip("abc&amp;def", 6)).toBe("abc…");
    expect(clip("abcdef", 6)).toBe("abcdef");
    for (const piece of chunk("x&amp;".repeat(20), 7)) expect(piece).not.toMatch(/&[a-z]*$/);
  });
});

describe("replaceItem", () => {
  it("swaps the clicked item for its new state and says what happened, leaving the rest of the list", () => {
    const list = cardToBlockKit(card("Open: 2", [{ kind: "items", items: [item(1), item(2)] }])).blocks;
    const result = card("A-2 done by Jo <3", [
      { kind: "items", items: [{ title: "A-2 Action number 2", flag: "done" }] },
    ]);
    const updated = replaceItem(list, "item:1:actions", result);
    expect(updated?.map((b) => b.block_id ?? b.type)).toEqual([
      "section",
      "item:0",
      "item:0:actions",
      "item:1",
      "item:1:note",
    ]);
    expect(JSON.stringify(updated?.[3])).toContain("`done`");
    expect(JSON.stringify(updated?.[4])).toContain("A-2 done by Jo &lt;3");
    expect(replaceItem(list, "somewhere-else", result)).toBeNull();
  });
});

// cardToAdaptiveCard: the exact schema 1.5 shape, Action.Execute buttons, plain text that cannot become markup.
import { describe, expect, it } from "vitest";
import { FORM_VERB, formCard } from "../../src/adapters/teams/action-form.ts";
import { commandText, decodeEntities } from "../../src/adapters/teams/activity.ts";
import {
  cardToAdaptiveCard,
  escapeMarkdown,
  MAX_CARD_BYTES,
  QUORUM_VERB,
} from "../../src/adapters/teams/adaptive-card.ts";
import { readSubmission } from "../../src/adapters/teams/invoke.ts";
import { MAX_TITLE } from "../../src/core/actions/rules.ts";
import { card, fields, items, text } from "../../src/core/card.ts";
import { commandAt } from "../../src/core/commands/forms.ts";
import { buildRegistry } from "../../src/core/commands/registry.ts";
import type { OpenedForm } from "../../src/core/commands/spec.ts";

describe("cardToAdaptiveCard", () => {
  it("renders a card as schema 1.5 with a coloured title and plain-text runs", () => {
    const out = cardToAdaptiveCard(
      card("A-12 done", [text("Paper circulated"), { kind: "divider" }], { tone: "success" }),
    );
    expect(out).toEqual({
      type: "AdaptiveCard",
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      version: "1.5",
      msteams: { width: "Full" },
      body: [
        {
          type: "RichTextBlock",
          inlines: [{ type: "TextRun", text: "A-12 done", weight: "Bolder", size: "Medium", color: "Good" }],
        },
        { type: "RichTextBlock", inlines: [{ type: "TextRun", text: "Paper circulated" }] },
        { type: "Container", separator: true, items: [] },
      ],
    });
  });

  it("turns every button into Action.Execute carrying its command, with an Action.Submit fallback", () => {
    const out = cardToAdaptiveCard(
      card("Overdue", [
        items([
          {
            title: "A-3 Share data",
            detail: "Amira Hassan (POLICE) · was due 21 Nov",
            flag: "overdue",
            buttons: [
              { label: "Done", command: "action done A-3", style: "primary" },
              { label: "Snooze a week", command: "action snooze A-3" },
            ],
          },
        ]),
        {
          kind: "buttons",
          buttons: [{ label: "Drop", command: "action drop A-3 no longer needed", style: "danger" }],
        },
      ]),
    );
    const item = out.body[1] as { type: string; items: Array<Record<string, unknown>> };
    expect(item.type).toBe("Container");
    expect(item.items[0]).toEqual({
      type: "RichTextBlock",
      inlines: [
        { type: "TextRun", text: "A-3 Share data", weight: "Bolder" },
        { type: "TextRun", text: "  OVERDUE", color: "Attention", weight: "Bolder" },
      ],
    });
    expect(item.items[2]).toEqual({
      type: "ActionSet",
      actions: [
        {
          type: "Action.Execute",
          title: "Done",
          verb: QUORUM_VERB,
          data: { command: "action done A-3" },
          fallback: { type: "Action.Submit", title: "Done", data: { command: "action done A-3" } },
          style: "positive",
        },
        {
          type: "Action.Execute",
          title: "Snooze a week",
          verb: QUORUM_VERB,
          data: { command: "action snooze A-3" },
          fallback: { type: "Action.Submit", title: "Snooze a week", data: { command: "action snooze A-3" } },
        },
      ],
    });
    expect(out.body[2]).toMatchObject({ type: "ActionSet", actions: [{ style: "destructive" }] });
  });

  it("keeps user text out of markdown: runs stay verbatim, facts are escaped", () => {
    const hostile = "**urgent** [click](http://evil.example) _x_ <at>Boss</at>\n- item";
    const out = cardToAdaptiveCard(card(hostile, [text(hostile), fields({ label: "Note", value: hostile })]));
    const json = JSON.stringify(out);
    // No TextBlock anywhere: TextBlock is the element that parses markdown.
    expect(json).not.toContain('"TextBlock"');
    expect(out.body[0]).toMatchObject({ inlines: [{ type: "TextRun", text: hostile }] });
    const facts = (out.body[2] as unknown as { facts: Array<{ value: string }> }).facts;
    expect(facts[0]?.value).toBe(
      "\\*\\*urgent\\*\\* \\[click\\]\\(http://evil.example\\) \\_x\\_ \\<at\\>Boss\\</at\\>\n\\- item",
    );
  });

  it("shows an item's note as a verbatim run under its detail", () => {
    const note = "Reason: **superseded** by A-15";
    const out = cardToAdaptiveCard(
      card("Dropped actions: 1", [items([{ title: "A-11 Survey", detail: "Dave Kirby", note }])]),
    );
    const container = out.body.find((e) => e.type === "Container") as unknown as { items: unknown[] };
    expect(container.items.slice(1)).toMatchObject([
      { type: "RichTextBlock", inlines: [{ text: "Dave Kirby" }] },
      { type: "RichTextBlock", inlines: [{ type: "TextRun", text: note, italic: true }] },
    ]);
  });

  it("escapes markdown list markers and emphasis", () => {
    expect(escapeMarkdown("1. first")).toBe("1\\. first");
    expect(escapeMarkdown("a_b*c")).toBe("a\\_b\\*c");
    expect(escapeMarkdown("plain words")).toBe("plain words");
  });

  it("shows usage and examples in monospace", () => {
    const out = cardToAdaptiveCard(
      card(
        "Say which action",
        [{ kind: "usage", usage: "action done A-<n>", examples: ["action done A-12"] }],
        {
          tone: "error",
        },
      ),
    );
    expect(out.body[0]).toMatchObject({ inlines: [{ color: "Attention" }] });
    expect(out.body[1]).toEqual({
      type: "RichTextBlock",
      inlines: [
        { type: "TextRun", text: "Usage: " },
        { type: "TextRun", text: "action done A-<n>", fontType: "Monospace" },
      ],
    });
  });

  it("shortens a card too big for Teams instead of letting the post be rejected", () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      title: `A-${i} ${"a long action title ".repeat(3)}`,
      detail: "Someone (ORG) · due 1 Dec",
      buttons: [{ label: "Done", command: `action done A-${i}` }],
    }));
    const out = cardToAdaptiveCard(card("All actions: 400", [items(many)]));
    expect(Buffer.byteLength(JSON.stringify(out))).toBeLessThanOrEqual(MAX_CARD_BYTES + 500);
    expect(JSON.stringify(out)).toContain("too long for one Teams card");
    expect(out.body.length).toBeGreaterThan(10);
  });
});

/** action add's form from the core, opened with one group to choose, as the core would for a partnership. */
function addForm(): OpenedForm {
  const spec = commandAt(buildRegistry(), ["action", "add"]);
  if (!spec?.form) throw new Error("action add has no form");
  const fields = spec.form.fields.map(({ choicesFrom, ...f }) =>
    choicesFrom ? { ...f, choices: [{ value: "hwb", label: "Health and Wellbeing (hwb)" }] } : f,
  );
  return { ...spec.form, command: spec.path, fields };
}

describe("the New action form", () => {
  it("renders the core's form: labelled inputs, the core's title limit, an Action.Execute submit", () => {
    const form = formCard(addForm(), { title: "Draft" });
    expect(form.version).toBe("1.5");
    const inputs = form.body.filter((e) => e.type.startsWith("Input."));
    expect(inputs.map((i) => [i.id, i.type])).toEqual([
      ["title", "Input.Text"],
      ["owner", "Input.Text"],
      ["group", "Input.ChoiceSet"],
      ["due", "Input.Date"],
    ]);
    expect(inputs[0]).toMatchObject({
      isRequired: true,
      errorMessage: "Give the action a title.",
      maxLength: MAX_TITLE,
      value: "Draft",
    });
    expect(inputs[2]).toMatchObject({ choices: [{ value: "hwb" }] });
    expect(JSON.stringify(form)).toContain('"associatedInputs":"auto"');
    expect(JSON.stringify(form)).toContain('"form":"action.add"');
  });

  it("shows an error beside the field it belongs to, or above the inputs when it belongs to none", () => {
    const beside = formCard(
      addForm(),
      { title: "Draft", due: "31/02" },
      { message: "Not a date", field: "due" },
    );
    const at = beside.body.findIndex((e) => e.id === "due");
    expect(beside.body[at + 1]).toMatchObject({
      id: "dueError",
      inlines: [{ color: "Attention", text: "Not a date" }],
    });
    expect(beside.body[at]).not.toHaveProperty("value"); // Input.Date holds only a real day
    const general = formCard(addForm(), {}, { message: "Observers can't", field: undefined });
    expect(general.body[1]).toMatchObject({ id: "formError", inlines: [{ color: "Attention" }] });
  });

  it("reads a submit as named values, quotes and all, with no grammar line in between", () => {
    const data = { form: "action.add", title: ' Say "hi" ', owner: "Sam Okafor", due: "", n: 3 };
    expect(readSubmission(FORM_VERB, data)).toEqual({
      kind: "form",
      command: ["action", "add"],
      values: { title: 'Say "hi"', owner: "Sam Okafor" },
    });
  });
});

describe("command text from an activity", () => {
  const bot = { id: "28:bot" };
  const mention = (text: string, extra: object = {}) => ({
    text,
    recipient: bot,
    conversation: { id: "19:c@thread.tacv2", conversationType: "channel" },
    entities: [{ type: "mention", text: "<at>Quorum</at>", mentioned: { id: "28:bot", name: "Quorum" } }],
    ...extra,
  });

  it("strips the bot mention and turns other mentions into quoted names", () => {
    const a = mention("<at>Quorum</at> actions list owner:<at>Sam Okafor</at>", {
      entities: [
        { type: "mention", text: "<at>Quorum</at>", mentioned: { id: "28:bot", name: "Quorum" } },
        { type: "mention", text: "<at>Sam Okafor</at>", mentioned: { id: "29:sam", name: "Sam Okafor" } },
      ],
    });
    expect(commandText(a)).toBe('actions list owner:"Sam Okafor"');
  });

  it("ignores a channel message that does not mention the bot, and decodes entities", () => {
    expect(commandText({ ...mention("hello all"), entities: [] })).toBeNull();
    expect(
      commandText(mention("<at>Quorum</at> action add &quot;Fish &amp; chips&quot;&nbsp;due:friday")),
    ).toBe('action add "Fish & chips" due:friday');
    expect(decodeEntities("&#39;&#x41;&bogus;")).toBe("'A&bogus;");
  });

  it("keeps the line breaks of a multi-line message", () => {
    const a = {
      text: "<p>answer Q-3 Email the secretary.</p><p>Include:</p><p>- a name<br/>- a deputy</p>",
      conversation: { id: "a:1", conversationType: "personal" },
    };
    expect(commandText(a)).toBe("answer Q-3 Email the secretary.\nInclude:\n- a name\n- a deputy");
  });

  it("takes any text in a 1:1 chat", () => {
    expect(commandText({ text: " help ", conversation: { id: "a:1", conversationType: "personal" } })).toBe(
      "help",
    );
  });
});

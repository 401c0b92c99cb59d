// Pure rendering of a platform-neutral Card as an Adaptive Card (schema 1.5) with Action.Execute buttons.
import type { Block, Button, Card, Field, Item, LinkButton } from "../../core/card.ts";

/** Adaptive Card JSON as we emit it: plain objects, so tests can assert on the exact shape. */
export type AcElement = Record<string, unknown> & { type: string };
export interface AdaptiveCardJson {
  type: "AdaptiveCard";
  $schema: string;
  version: "1.5";
  body: AcElement[];
  msteams?: { width: "Full" };
  fallbackText?: string;
}

export const CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
/** Every button posts this verb; the command line travels in data, so the handler needs no routing table. */
export const QUORUM_VERB = "quorum";
/** Teams rejects cards over about 28 KB; stay under it with room for the activity envelope. */
export const MAX_CARD_BYTES = 24_000;

const TONE_COLOR: Record<Card["tone"], string> = {
  info: "Default",
  success: "Good",
  warning: "Warning",
  error: "Attention",
};

/**
 * TextBlock and Fact values interpret a markdown subset, so user text such as "**urgent**" or
 * "[click](http://x)" would render as markup or a link. Plain text goes in TextRuns (never markdown);
 * the few places that only take markdown strings get their markdown characters backslash-escaped.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+!~|<>]/g, (c) => `\\${c}`)
    .replace(/^(\s*)-(\s)/gm, "$1\\-$2")
    .replace(/^(\s*)(\d+)\.(\s)/gm, "$1$2\\.$3");
}

const run = (text: string, extra: Record<string, unknown> = {}): AcElement => ({
  type: "TextRun",
  text,
  ...extra,
});

/** A paragraph of plain text: RichTextBlock's TextRuns are not parsed as markdown. */
export const plain = (
  text: string,
  extra: Record<string, unknown> = {},
  block: Record<string, unknown> = {},
) => ({
  type: "RichTextBlock",
  inlines: [run(text, extra)],
  ...block,
});

/** Action.Execute, with an Action.Submit fallback for older Teams clients that predate Universal Actions. */
export function buttonAction(button: Button): AcElement {
  return {
    type: "Action.Execute",
    title: button.label,
    verb: QUORUM_VERB,
    data: { command: button.command },
    fallback: { type: "Action.Submit", title: button.label, data: { command: button.command } },
    ...(button.style === "primary" ? { style: "positive" } : {}),
    ...(button.style === "danger" ? { style: "destructive" } : {}),
  };
}

/** Teams opens only absolute http(s) addresses; any other link is shown as text to copy. */
const opensInTeams = (url: string) => /^https?:\/\//i.test(url);

/** A link button: Action.OpenUrl opens the address in the browser, with nothing sent back to Quorum. */
export const linkAction = (link: LinkButton): AcElement => ({
  type: "Action.OpenUrl",
  title: link.label,
  url: link.url,
});

function linkElements(list: LinkButton[]): AcElement[] {
  const opens = list.filter((l) => opensInTeams(l.url));
  const rest = list.filter((l) => !opensInTeams(l.url));
  return [
    ...(opens.length ? [{ type: "ActionSet", actions: opens.map(linkAction) }] : []),
    ...rest.map((l) => plain(`${l.label}: ${l.url}`)),
  ];
}

const actionSet = (buttons: Button[]): AcElement => ({
  type: "ActionSet",
  actions: buttons.map(buttonAction),
});

function fieldsElement(fields: Field[]): AcElement {
  return {
    type: "FactSet",
    facts: fields.map((f) => ({ title: escapeMarkdown(f.label), value: escapeMarkdown(f.value) })),
  };
}

function itemElement(item: Item, withButtons: boolean): AcElement {
  const title = [run(item.title, { weight: "Bolder" })];
  if (item.flag) title.push(run(`  ${item.flag.toUpperCase()}`, { color: "Attention", weight: "Bolder" }));
  const items: AcElement[] = [{ type: "RichTextBlock", inlines: title }];
  if (item.detail) items.push(plain(item.detail, { isSubtle: true }, { spacing: "None" }));
  if (item.note) items.push(plain(item.note, { italic: true }, { spacing: "None" }));
  if (withButtons && item.buttons?.length) items.push(actionSet(item.buttons));
  return { type: "Container", separator: true, items };
}

function blockElements(block: Block, withButtons: boolean): AcElement[] {
  switch (block.kind) {
    case "text":
      return block.text ? [plain(block.text)] : [];
    case "fields":
      return block.fields.length ? [fieldsElement(block.fields)] : [];
    case "items": {
      const out: AcElement[] = [];
      if (block.heading) out.push(plain(block.heading, { weight: "Bolder" }, { spacing: "Medium" }));
      if (block.items.length === 0 && block.empty) out.push(plain(block.empty, { isSubtle: true }));
      for (const item of block.items) out.push(itemElement(item, withButtons));
      return out;
    }
    case "buttons":
      return withButtons && block.buttons.length ? [actionSet(block.buttons)] : [];
    case "links":
      // Links stay even on a shortened card: a download is the point of the reply that carries one.
      return linkElements(block.links);
    case "usage":
      return [
        {
          type: "RichTextBlock",
          inlines: [run("Usage: "), run(block.usage, { fontType: "Monospace" })],
        },
        ...(block.examples ?? []).map((e) => plain(`e.g. ${e}`, { fontType: "Monospace", isSubtle: true })),
      ];
    case "divider":
      return [{ type: "Container", separator: true, items: [] }];
  }
}

function render(card: Card, withButtons: boolean): AdaptiveCardJson {
  const body: AcElement[] = [
    plain(card.title, { weight: "Bolder", size: "Medium", color: TONE_COLOR[card.tone] }),
    ...card.blocks.flatMap((b) => blockElements(b, withButtons)),
  ];
  return { type: "AdaptiveCard", $schema: CARD_SCHEMA, version: "1.5", body, msteams: { width: "Full" } };
}

/**
 * Renders a Card for Teams. A very long list (every open action, say) would exceed Teams' card size
 * limit and be rejected outright, so such a card drops its per-item buttons, then trailing items.
 */
export function cardToAdaptiveCard(card: Card): AdaptiveCardJson {
  const full = render(card, true);
  if (byteSize(full) <= MAX_CARD_BYTES) return full;
  const lean = render(card, false);
  // Keep the longest prefix of the body that fits, measuring each element once.
  let budget = MAX_CARD_BYTES - byteSize({ ...lean, body: [] }) - 400;
  let keep = 0;
  for (const element of lean.body) {
    budget -= byteSize(element) + 1;
    if (budget < 0 && keep > 0) break;
    keep++;
  }
  lean.body.length = keep;
  const shown = keep;
  lean.body.push(
    plain("This list is too long for one Teams card: narrow it with a filter, e.g. group:hwb.", {
      isSubtle: true,
      italic: true,
    }),
  );
  lean.fallbackText = `${card.title} (shortened: ${shown} parts shown)`;
  return lean;
}

const byteSize = (value: unknown) => Buffer.byteLength(JSON.stringify(value), "utf8");

/** The attachment an activity carries to show a card. */
export const cardAttachment = (content: AdaptiveCardJson) => ({
  contentType: "application/vnd.microsoft.card.adaptive" as const,
  content,
});

// Pure rendering of a core Card as Block Kit: escaped user text, Slack's size limits, pages for long lists.
import type { types } from "@slack/bolt";
import type { Block, Button, Card, Field, Item, LinkButton } from "../../core/card.ts";
import { cardToText } from "../../core/render-text.ts";
import { chunk, clip, escapeMrkdwn } from "./escape.ts";

export type SlackBlock = types.KnownBlock;

export interface BlockKitMessage {
  /** Notification and screen-reader fallback, escaped like the blocks. */
  text: string;
  blocks: SlackBlock[];
}

/** The first page as `text` and `blocks`; `pages` holds every page (most cards fit one). */
export interface RenderedCard extends BlockKitMessage {
  pages: BlockKitMessage[];
}

/** Slack's documented Block Kit limits that a card can reach. */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  buttonLabel: 75,
  buttonValue: 2000,
  actionsElements: 25,
  buttonUrl: 3000,
  fallbackText: 3000,
} as const;

/** Every button carries a grammar command in its value; the action id only has to be unique. */
export const COMMAND_ACTION = "quorum:cmd";
/** The people picker beside an open action's buttons: its action id ends with the action reference. */
export const REASSIGN_ACTION = "quorum:reassign";
/** A link button opens its url in the browser; Slack still reports the click, which is only acknowledged. */
export const LINK_ACTION = "quorum:link";

const TONE_EMOJI: Record<Card["tone"], string> = {
  info: "",
  success: ":white_check_mark: ",
  warning: ":warning: ",
  error: ":x: ",
};

export interface RenderOptions {
  /** 50 for messages, 100 for modals and App Home. */
  maxBlocks?: number;
}

export function cardToBlockKit(card: Card, opts: RenderOptions = {}): RenderedCard {
  const max = opts.maxBlocks ?? LIMITS.messageBlocks;
  const ids = { item: 0 };
  // Units are blocks that must stay on one page together, e.g. an item and its buttons.
  const units: SlackBlock[][] = [[section(`${TONE_EMOJI[card.tone]}*${clip(esc(card.title), 2900)}*`)]];
  for (const block of card.blocks) units.push(...blockUnits(block, ids));
  const pages = paginate(units, max);
  const fallback = clip(esc(cardToText(card)), LIMITS.fallbackText);
  const messages = pages.map((blocks, i) => ({
    text: i === 0 ? fallback : clip(`${esc(card.title)} (continued, ${i + 1} of ${pages.length})`, 3000),
    blocks:
      i === 0
        ? blocks
        : [context(`${clip(esc(card.title), 2900)} (continued, ${i + 1} of ${pages.length})`), ...blocks],
  }));
  const first = messages[0] as BlockKitMessage;
  return { ...first, pages: messages };
}

/** The blocks for one item, with the same block ids as in a full card, for in-place updates. */
export function itemBlocks(item: Item, index: number): SlackBlock[] {
  return itemUnit(item, index);
}

const esc = escapeMrkdwn;

function section(text: string, blockId?: string): SlackBlock {
  return {
    type: "section",
    text: { type: "mrkdwn", text: clip(text, LIMITS.sectionText), verbatim: true },
    ...(blockId ? { block_id: blockId } : {}),
  };
}

function context(text: string): SlackBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: clip(text, LIMITS.sectionText) }] };
}

function blockUnits(block: Block, ids: { item: number }): SlackBlock[][] {
  switch (block.kind) {
    case "text":
      return chunk(esc(block.text), LIMITS.sectionText).map((t) => [section(t)]);
    case "fields":
      return fieldSections(block.fields).map((b) => [b]);
    case "items": {
      const units: SlackBlock[][] = block.heading ? [[section(`*${esc(block.heading)}*`)]] : [];
      if (!block.items.length && block.empty) units.push([context(`_${esc(block.empty)}_`)]);
      for (const item of block.items) units.push(itemUnit(item, ids.item++));
      return units;
    }
    case "buttons": {
      const actions = actionsBlock(block.buttons);
      return actions ? [[actions]] : [];
    }
    case "links":
      return linkUnits(block.links);
    case "usage": {
      const examples = (block.examples ?? []).map((e) => `\`${esc(e)}\``).join("\n");
      const text = `*Usage:* \`${esc(block.usage)}\`${examples ? `\n*Examples:*\n${examples}` : ""}`;
      return chunk(text, LIMITS.sectionText).map((t) => [section(t)]);
    }
    case "divider":
      return [[{ type: "divider" }]];
  }
}

function fieldSections(list: Field[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  for (let i = 0; i < list.length; i += LIMITS.fieldsPerSection) {
    out.push({
      type: "section",
      fields: list.slice(i, i + LIMITS.fieldsPerSection).map((f) => ({
        type: "mrkdwn" as const,
        text: clip(`*${esc(f.label)}*\n${esc(f.value)}`, LIMITS.fieldText),
        verbatim: true,
      })),
    });
  }
  return out;
}

function itemUnit(item: Item, index: number): SlackBlock[] {
  const flag = item.flag ? `  \`${esc(item.flag)}\`` : "";
  const detail = item.detail ? `\n${esc(item.detail)}` : "";
  const note = item.note ? `\n${esc(item.note)}` : "";
  const blocks = [section(`*${esc(item.title)}*${flag}${detail}${note}`, `item:${index}`)];
  const actions = actionsBlock(item.buttons ?? [], `item:${index}:actions`);
  if (actions) blocks.push(actions);
  return blocks;
}

/** Action ids only need to be unique within their block (Slack's rule), so the index is enough. */
function actionsBlock(buttons: Button[], blockId?: string): SlackBlock | null {
  const elements: types.ActionsBlockElement[] = buttons
    .filter((b) => b.command.length <= LIMITS.buttonValue)
    .slice(0, LIMITS.actionsElements - 1)
    .map((b, i) => ({
      type: "button" as const,
      // plain_text is never parsed for mentions, so labels are shown exactly as written.
      text: { type: "plain_text" as const, text: clip(b.label, LIMITS.buttonLabel), emoji: true },
      value: b.command,
      action_id: `${COMMAND_ACTION}:${i}`,
      ...(b.style ? { style: b.style } : {}),
    }));
  // Slack can offer a people picker where the neutral card only has Done and Snooze: picking someone runs
  // the same `action assign` command a person would type.
  const done = buttons.map((b) => /^action done (A-\d+)$/i.exec(b.command)?.[1]).find(Boolean);
  if (done) {
    elements.push({
      type: "users_select",
      action_id: `${REASSIGN_ACTION}:${done.toUpperCase()}`,
      placeholder: { type: "plain_text", text: "Reassign…" },
    });
  }
  if (!elements.length) return null;
  return { type: "actions", elements, ...(blockId ? { block_id: blockId } : {}) };
}

/** Slack only opens absolute http(s) addresses that fit its limit; any other link is shown as text to copy. */
const opensInSlack = (url: string) => /^https?:\/\//i.test(url) && url.length <= LIMITS.buttonUrl;

function linkUnits(list: LinkButton[]): SlackBlock[][] {
  const buttons = list.filter((l) => opensInSlack(l.url)).slice(0, LIMITS.actionsElements);
  const rest = list.filter((l) => !buttons.includes(l));
  const units: SlackBlock[][] = [];
  if (buttons.length) {
    const elements: types.ActionsBlockElement[] = buttons.map((l, i) => ({
      type: "button" as const,
      text: { type: "plain_text" as const, text: clip(l.label, LIMITS.buttonLabel), emoji: true },
      url: l.url,
      action_id: `${LINK_ACTION}:${i}`,
    }));
    units.push([{ type: "actions", elements }]);
  }
  for (const l of rest)
    units.push(...chunk(esc(`${l.label}: ${l.url}`), LIMITS.sectionText).map((t) => [section(t)]));
  return units;
}

function paginate(units: SlackBlock[][], max: number): SlackBlock[][] {
  const pages: SlackBlock[][] = [[]];
  for (const unit of units) {
    let page = pages[pages.length - 1] as SlackBlock[];
    // Continuation pages start with a one-block "continued" line, so they hold one block fewer.
    const room = pages.length === 1 ? max : max - 1;
    if (page.length && page.length + unit.length > room) {
      page = [];
      pages.push(page);
    }
    page.push(...unit.slice(0, room));
  }
  return pages;
}

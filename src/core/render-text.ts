// Plain-text rendering of a Card: the shell prints it, and chat adapters use it as notification fallback text.
import type { Block, Button, Card, Item, LinkButton } from "./card.ts";
import { neutraliseControls } from "./clean-input.ts";

const TONE_MARK: Record<Card["tone"], string> = { info: "", success: "✓ ", warning: "! ", error: "✗ " };

/** Control characters in stored data (written before input was cleaned) are shown, never sent to a terminal. */
export function cardToText(c: Card): string {
  const lines = [`${TONE_MARK[c.tone]}${c.title}`];
  for (const block of c.blocks) lines.push(...blockLines(block));
  return neutraliseControls(lines.join("\n"));
}

function blockLines(block: Block): string[] {
  switch (block.kind) {
    case "text":
      return [block.text];
    case "fields":
      return block.fields.map((f) => `  ${f.label}: ${f.value}`);
    case "items":
      return itemsLines(block.items, block.heading, block.empty);
    case "buttons":
      return [buttonsLine(block.buttons)];
    case "links":
      return block.links.map(linkLine);
    case "usage":
      return [`Usage: ${block.usage}`, ...(block.examples ?? []).map((e) => `  e.g. ${e}`)];
    case "divider":
      return [""];
  }
}

function itemsLines(list: Item[], heading?: string, empty?: string): string[] {
  const out = heading ? [heading] : [];
  if (list.length === 0 && empty) out.push(`  ${empty}`);
  for (const item of list) {
    out.push(`  • ${item.title}${item.flag ? `  [${item.flag}]` : ""}`);
    if (item.detail) out.push(`    ${item.detail}`);
    if (item.note) out.push(`    ${item.note}`);
    if (item.buttons?.length) out.push(`    ${buttonsLine(item.buttons)}`);
  }
  return out;
}

/** The shell cannot click: it prints the address itself, to copy or open. */
const linkLine = (l: LinkButton) => `${l.label}: ${l.url}`;

const buttonsLine = (buttons: Button[]) => buttons.map((b) => `[${b.label}: ${b.command}]`).join(" ");

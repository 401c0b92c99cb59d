// Pure renderers of a neutral Card as an email: a subject, plain text and HTML from the same card. Every
// string is escaped for HTML; the HTML has no remote content (no images, fonts, scripts or styles sheets).
import type { Block, Button, Card, Item, LinkButton } from "../../core/card.ts";
import { neutraliseControls } from "../../core/clean-input.ts";
import { cardToText } from "../../core/render-text.ts";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** A button's one-click link, or undefined when it has none (no key configured, or not a linkable command). */
export type ButtonUrl = (b: Button) => string | undefined;

/** Said at the end of a mail whose buttons cannot be links. */
export const NO_LINKS_NOTE =
  "To act on this (mark an action done, snooze it), reply to Quorum in Slack or Teams, or ask your partnership's secretariat.";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export const escapeHtml = (s: string): string =>
  neutraliseControls(s).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** One line, no line breaks (a header), at most 200 characters. */
export function subjectOf(c: Card): string {
  const line = neutraliseControls(c.title).replace(/\s+/g, " ").trim();
  return `Quorum: ${line.length > 190 ? `${line.slice(0, 189)}…` : line}`;
}

export function renderEmail(c: Card, url: ButtonUrl, footer: string): RenderedEmail {
  const buttons = allButtons(c);
  const linked = buttons.some((b) => url(b) !== undefined);
  const note = buttons.length > 0 && !linked ? `\n\n${NO_LINKS_NOTE}` : "";
  return {
    subject: subjectOf(c),
    text: `${textBody(c, url)}${note}\n\n-- \n${footer}\n`,
    html: htmlBody(c, url, buttons.length > 0 && !linked, footer),
  };
}

function allButtons(c: Card): Button[] {
  return c.blocks.flatMap((b) =>
    b.kind === "buttons" ? b.buttons : b.kind === "items" ? b.items.flatMap((i) => i.buttons ?? []) : [],
  );
}

/** The chat's plain text, with each linkable button's address in place of its typed command. */
function textBody(c: Card, url: ButtonUrl): string {
  const withLinks: Card = {
    ...c,
    blocks: c.blocks.map((b) => {
      const swap = (list: Button[]) =>
        list.flatMap((btn) => {
          const u = url(btn);
          return u ? [{ ...btn, command: u }] : [];
        });
      if (b.kind === "buttons") return { ...b, buttons: swap(b.buttons) };
      if (b.kind === "items")
        return { ...b, items: b.items.map((i) => ({ ...i, buttons: swap(i.buttons ?? []) })) };
      return b;
    }),
  };
  return cardToText(withLinks);
}

const TONE_COLOUR: Record<Card["tone"], string> = {
  info: "#1d4f91",
  success: "#1e7b34",
  warning: "#8a5a00",
  error: "#a4262c",
};

function htmlBody(c: Card, url: ButtonUrl, noLinks: boolean, footer: string): string {
  const parts = c.blocks.map((b) => htmlBlock(b, url));
  if (noLinks) parts.push(`<p style="color:#555">${escapeHtml(NO_LINKS_NOTE)}</p>`);
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subjectOf(c))}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#222;max-width:640px">',
    `<h1 style="font-size:20px;color:${TONE_COLOUR[c.tone]}">${escapeHtml(c.title)}</h1>`,
    ...parts,
    `<hr><p style="color:#777;font-size:12px">${escapeHtml(footer)}</p>`,
    "</body></html>",
  ].join("\n");
}

/** Text keeps its line breaks. */
const para = (s: string) => `<p>${escapeHtml(s).replace(/\n/g, "<br>")}</p>`;

function htmlBlock(b: Block, url: ButtonUrl): string {
  switch (b.kind) {
    case "text":
      return para(b.text);
    case "fields":
      return `<table role="presentation">${b.fields
        .map(
          (f) =>
            `<tr><th align="left" style="padding-right:12px">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`,
        )
        .join("")}</table>`;
    case "items":
      return htmlItems(b.items, url, b.heading, b.empty);
    case "buttons":
      return htmlButtons(b.buttons, url);
    case "usage":
      return para(`Usage: ${b.usage}`);
    case "links":
      return htmlLinks(b.links);
    case "divider":
      return "<hr>";
  }
}

/** Only absolute http(s) addresses become links; anything else (a bare path) is shown as text. */
function htmlLinks(list: LinkButton[]): string {
  const li = list.map((l) =>
    /^https?:\/\//i.test(l.url)
      ? `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a></li>`
      : `<li>${escapeHtml(`${l.label}: ${l.url}`)}</li>`,
  );
  return `<ul>${li.join("")}</ul>`;
}

function htmlItems(list: Item[], url: ButtonUrl, heading?: string, empty?: string): string {
  const head = heading ? `<h2 style="font-size:16px">${escapeHtml(heading)}</h2>` : "";
  if (list.length === 0) return `${head}${empty ? para(empty) : ""}`;
  const li = list.map((i) => {
    const flag = i.flag ? ` <strong style="color:#a4262c">[${escapeHtml(i.flag)}]</strong>` : "";
    const detail = i.detail ? `<br><span style="color:#555">${escapeHtml(i.detail)}</span>` : "";
    const note = i.note ? `<br><em>${escapeHtml(i.note)}</em>` : "";
    return `<li style="margin-bottom:10px"><strong>${escapeHtml(i.title)}</strong>${flag}${detail}${note}${htmlButtons(i.buttons ?? [], url)}</li>`;
  });
  return `${head}<ul>${li.join("")}</ul>`;
}

/** Only buttons with a link are drawn: a button that cannot work is not offered. */
function htmlButtons(list: Button[], url: ButtonUrl): string {
  const links = list.flatMap((b) => {
    const u = url(b);
    if (!u) return [];
    const colour = b.style === "danger" ? "#a4262c" : b.style === "primary" ? "#1d4f91" : "#555";
    return [
      `<a href="${escapeHtml(u)}" style="display:inline-block;padding:6px 12px;margin:4px 6px 0 0;border-radius:4px;background:${colour};color:#fff;text-decoration:none">${escapeHtml(b.label)}</a>`,
    ];
  });
  return links.length ? `<div>${links.join("")}</div>` : "";
}

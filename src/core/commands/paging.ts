// Lists that are cut say so: how many more there are, and the command that shows the next page.
import { QuorumError } from "../errors.ts";
import type { Args, CommandSpec, OptionSpec } from "./spec.ts";

export const PAGE_OPTION: Record<string, OptionSpec> = { page: { value: "n" } };

export interface Page {
  /** 1-based page number. */
  number: number;
  size: number;
  offset: number;
}

export function readPage(args: Args, size: number): Page {
  const raw = args.options.page;
  const number = raw === undefined ? 1 : Number(raw);
  if (!Number.isInteger(number) || number < 1 || number > 10_000) {
    throw new QuorumError("bad_argument", `page: takes a page number from 1, like page:2, not "${raw}".`);
  }
  return { number, size, offset: (number - 1) * size };
}

/** "1–50 of 134" when the list is cut or paged, else just the count shown. */
export function pageCount(page: Page, shown: number, total: number): string {
  if (total <= shown && page.number === 1) return String(total);
  if (shown === 0) return `none on page ${page.number} of ${total}`;
  return `${page.offset + 1}–${page.offset + shown} of ${total}`;
}

/**
 * The line under a cut list: "84 more: action list open page:3, or narrow it with group: or owner:".
 * Null when nothing is left out after this page.
 */
export function moreLine(
  spec: CommandSpec,
  args: Args,
  page: Page,
  total: number,
  narrower: string,
): string | null {
  const more = total - page.offset - page.size;
  if (more <= 0) return null;
  const typed = args.text.replace(/(^|\s)page:\S+/gi, "").trim();
  const next = [spec.path.join(" "), typed, `page:${page.number + 1}`].filter(Boolean).join(" ");
  return `${more} more: ${next}${narrower ? `, or narrow it with ${narrower}` : ""}.`;
}

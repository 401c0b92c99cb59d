// The partnership's synonym list: a second reading of a question, trusted a little less than its own words.
import { QuorumError } from "../errors.ts";
import type { Synonym } from "./ports.ts";
import { searchWords } from "./search-text.ts";

/**
 * An answer found only through a synonym must clear the confidence threshold by this factor: the
 * asker's own words are the stronger evidence, so a substituted reading is weighted below them.
 */
export const SYNONYM_WEIGHT = 0.9;
const MAX_TERM_WORDS = 4;

/** "Civil  Servant" → "civil servant": the words search would see, so matching is on the same terms. */
export function checkTerm(raw: string): string {
  const words = searchWords(raw);
  if (words.length === 0 || words.length > MAX_TERM_WORDS) {
    throw new QuorumError(
      "bad_argument",
      `"${raw}" is not a usable term: give one to ${MAX_TERM_WORDS} words, quoting several, e.g. faq synonym add "civil servant" official.`,
    );
  }
  return words.join(" ");
}

/**
 * The question with every listed term swapped for its partner (both ways), or null when no term
 * occurs. Whole words only, so "official" never rewrites "officially".
 */
export function expandWithSynonyms(text: string, list: Synonym[]): string | null {
  const base = ` ${searchWords(text).join(" ")} `;
  let out = base;
  for (const { term, alternative } of list) {
    for (const [from, to] of [
      [term, alternative],
      [alternative, term],
    ] as const) {
      // The plural too: "civil servants" is the term "civil servant".
      for (const form of [from, `${from}s`]) {
        if (base.includes(` ${form} `)) out = `${out} ${to} `.replace(` ${form} `, " ");
      }
    }
  }
  return out === base ? null : out.replace(/\s+/g, " ").trim();
}

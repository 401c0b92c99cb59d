// Turns whatever someone typed into safe search words: no tsquery operators, quotes or markup survive.
import { QuorumError } from "../errors.ts";

/** Long enough for a real question with context; anything longer is a pasted document, not a question. */
export const MAX_QUESTION = 1000;
const MAX_WORDS = 32;
// websearch_to_tsquery reads these as operators between words, so they are never passed as words.
const OPERATOR_WORDS = new Set(["or", "and", "not"]);

/**
 * Letters and digits of any script, lower case. Apostrophes inside words are dropped ("what's" →
 * "whats", which the English stemmer still reduces to "what"), as is the "&" of "A&E" ("ae");
 * everything else separates words.
 */
export function searchWords(text: string): string[] {
  const words = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/(\p{L})['’‘](\p{L})/gu, "$1$2")
    // "A&E", "Q&A": one short form, not two single letters that would both be dropped.
    .replace(/(?<!\p{L})(\p{L})&(\p{L})(?!\p{L})/gu, "$1$2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 || /\d/.test(w))
    .filter((w) => !OPERATOR_WORDS.has(w));
  return [...new Set(words)].slice(0, MAX_WORDS);
}

/** Checks a question before anything is stored: clear replies for empty and oversized text. */
export function checkQuestion(raw: string): string {
  const text = raw.replace(/\s+/g, " ").trim();
  if (!text) {
    throw new QuorumError(
      "missing_argument",
      "What would you like to ask? For example: ask who runs the pilot?",
    );
  }
  if (text.length > MAX_QUESTION) {
    throw new QuorumError(
      "too_long",
      `That question is ${text.length} characters; please keep it under ${MAX_QUESTION} and ask the heart of it.`,
    );
  }
  return text;
}

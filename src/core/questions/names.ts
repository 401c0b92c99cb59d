// Recognises the partnership's groups, organisations, topics and people in free text, by name or short form.

/** Something a message can name: `key` is what a command takes (slug, CODE or handle). */
export interface Named {
  key: string;
  name: string;
  /** Whole-word forms that name it outright: slug, code, handle, initials. */
  exact: string[];
}

/** Words that never identify anything on their own, however rare they are among the names. */
const FILLER = new Set([
  "the",
  "of",
  "and",
  "for",
  "a",
  "an",
  "to",
  "on",
  "in",
  "at",
  "&",
  "dr",
  "cllr",
  "prof",
]);
const EXACT = 10;
/** A name is recognised when its distinctive words add up to one unique word's worth. */
const ENOUGH = 0.9;

/** Lower-case words; possessives and punctuation dropped, so "Essex Police's" reads as "essex police". */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’]s\b/g, "")
    .split(/[^a-z0-9@-]+/)
    .map((w) => w.replace(/^[-@]+|-+$/g, ""))
    .filter(Boolean);
}

/** "Health and Wellbeing Board" → "hwb": how people shorten a body's name. */
export function initials(name: string): string {
  return wordsOf(name)
    .filter((w) => !FILLER.has(w))
    .map((w) => w[0])
    .join("");
}

function nameWords(n: Named): string[] {
  return [...new Set(wordsOf(n.name).filter((w) => !FILLER.has(w)))];
}

/**
 * The one entry the text names, or null when none or several fit equally. A slug, code or initials
 * as a whole word wins; otherwise each name word present counts by how few names share it, so
 * "the partners board" finds Essex Partners Board while "board" alone is too common to decide.
 */
export function recognise<T extends Named>(text: string, list: T[]): T | null {
  const words = new Set(wordsOf(text));
  const shared = new Map<string, number>();
  for (const n of list) for (const w of nameWords(n)) shared.set(w, (shared.get(w) ?? 0) + 1);
  let best: T | null = null;
  let bestScore = 0;
  let tie = false;
  for (const n of list) {
    const exact = n.exact.some((e) => e.length >= 2 && words.has(e.toLowerCase()));
    const score = exact
      ? EXACT
      : nameWords(n).reduce(
          (sum, w) => sum + (words.has(w) || words.has(`${w}s`) ? 1 / (shared.get(w) ?? 1) : 0),
          0,
        );
    if (score > bestScore + 1e-9) {
      best = n;
      bestScore = score;
      tie = false;
    } else if (score > 0 && Math.abs(score - bestScore) < 1e-9) tie = true;
  }
  return best && bestScore >= ENOUGH && !tie ? best : null;
}

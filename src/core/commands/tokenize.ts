// Splits a command line into words, keeping "quoted text" (straight or curly quotes) as one word.

export interface Token {
  text: string;
  /** The word began with a quote: it is text, never a command word or an option. */
  quoted: boolean;
  /** Some part was quoted, e.g. due:"next tue 10:00": the value is complete as written. */
  hasQuote: boolean;
  /** Offset just past the token in the line, so free text after a command keeps its line breaks. */
  end: number;
  /** Set when a quote in this word is never closed: the offset where it opened (the word runs to the end). */
  unclosedAt?: number;
}

/**
 * Each opening quote and the marks that close it. Phones type curly quotes; a straight quote closes only
 * at a straight one, so “curly quotes” inside "straight ones" (and the reverse) are kept as text. Some
 * keyboards open with the closing mark (”like this”), so that mark opens too and closes at itself.
 */
const CLOSERS: Record<string, string> = { '"': '"', "“": "”", "”": "”" };
/** ‘single curly’ quotes open a word only at its start: mid-word, ’ is an apostrophe (don’t). */
const SINGLE_OPEN = "‘";
const SINGLE_CLOSE = "’";
const ESCAPABLE = new Set(['"', "“", "”", "‘", "’", "\\"]);
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/**
 * Never throws. A backslash before a quote mark (\") keeps the mark as text. An unclosed quote takes the
 * rest of the line as before, and marks the token with where it opened, for the parser to refuse.
 */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    if (isSpace(line[i])) {
      i++;
      continue;
    }
    const token = readWord(line, i);
    tokens.push(token);
    i = token.end;
  }
  return tokens;
}

function readWord(line: string, start: number): Token {
  let i = start;
  let word = "";
  let hasQuote = false;
  let unclosedAt: number | undefined;
  const first = line[start] as string;
  while (i < line.length && !isSpace(line[i])) {
    const c = line[i] as string;
    const closer = CLOSERS[c] ?? (c === SINGLE_OPEN && i === start ? SINGLE_CLOSE : undefined);
    if (c === "\\" && ESCAPABLE.has(line[i + 1] ?? "")) {
      word += line[i + 1];
      i += 2;
    } else if (closer) {
      // A quote may open mid-word (key:"some value"): read to the matching close.
      const part = readQuoted(line, i + 1, closer);
      word += part.text;
      hasQuote = true;
      if (part.closedAt < 0) unclosedAt = i;
      i = part.closedAt < 0 ? line.length : part.closedAt + 1;
    } else {
      word += c;
      i++;
    }
  }
  const quoted = first in CLOSERS || (first === SINGLE_OPEN && hasQuote);
  return { text: word, quoted, hasQuote, end: i, ...(unclosedAt === undefined ? {} : { unclosedAt }) };
}

/** Text up to the closing mark, with \" escapes undone; closedAt is -1 when the line ends first. */
function readQuoted(line: string, from: number, closer: string): { text: string; closedAt: number } {
  let text = "";
  for (let j = from; j < line.length; j++) {
    const c = line[j] as string;
    if (c === "\\" && ESCAPABLE.has(line[j + 1] ?? "")) {
      text += line[j + 1];
      j++;
    } else if (c === closer && (closer !== SINGLE_CLOSE || !/[\p{L}\p{N}]/u.test(line[j + 1] ?? ""))) {
      // A single curly quote closes only where no letter follows: inside a word, ’ is an apostrophe.
      return { text, closedAt: j };
    } else {
      text += c;
    }
  }
  return { text, closedAt: -1 };
}

/** The 1-based column of an offset, counting characters as people see them (an emoji is one). */
export const columnOf = (line: string, offset: number) => [...line.slice(0, offset)].length + 1;

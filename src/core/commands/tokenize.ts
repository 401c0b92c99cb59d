// Splits a command line into words, keeping "quoted text" (straight or curly quotes) as one word.

export interface Token {
  text: string;
  /** The word began with a quote: it is text, never a command word or an option. */
  quoted: boolean;
  /** Some part was quoted, e.g. due:"next tue 10:00": the value is complete as written. */
  hasQuote: boolean;
  /** Offset just past the token in the line, so free text after a command keeps its line breaks. */
  end: number;
}

const OPEN_QUOTES = new Set(['"', "“", "”"]);

/** Never throws: an unclosed quote takes the rest of the line, so nothing the user typed is lost. */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    let word = "";
    let hasQuote = false;
    while (i < line.length && !/\s/.test(line[i] as string)) {
      const c = line[i] as string;
      if (OPEN_QUOTES.has(c)) {
        // A quote may open mid-word (key:"some value"): read to the matching close.
        const end = findClose(line, i + 1);
        word += line.slice(i + 1, end);
        hasQuote = true;
        i = end + 1;
      } else {
        word += c;
        i++;
      }
    }
    if (i > start)
      tokens.push({ text: word, quoted: OPEN_QUOTES.has(line[start] as string), hasQuote, end: i });
  }
  return tokens;
}

function findClose(line: string, from: number): number {
  for (let j = from; j < line.length; j++) if (OPEN_QUOTES.has(line[j] as string)) return j;
  return line.length;
}

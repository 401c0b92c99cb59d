// Reads an FAQ document as councils publish them (plain text or Markdown) into question/answer pairs.
import { stripControls } from "../clean-input.ts";

export interface FaqDocumentEntry {
  question: string;
  answer: string;
  /** Stable across re-imports and cosmetic edits: the normalised question (see questionKey). */
  sourceKey: string;
}

export interface FaqDocument {
  entries: FaqDocumentEntry[];
  /** Questions that had no answer before the next question or the end; reported, not imported. */
  unanswered: string[];
}

const MAX_QUESTION_LINE = 300;
const BULLET = /^(?:[-*+•●▪◦·]|\d{1,3}[.)])\s+/;

/**
 * The identity of a question: lower case, accents and punctuation dropped, spaces collapsed. Two
 * documents that differ only in typography ("What's" vs "What’s", a trailing space) map to one entry.
 */
export function questionKey(question: string): string {
  return question
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .slice(0, 200);
}

/** Markdown and HTML that councils' web exports carry, reduced to the words a reader sees. */
export function plainLine(line: string): string {
  return line
    .replace(/<[^>]{1,40}>/g, "") // <sup>st</sup>, <br>
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1") // images
    .replace(/\[([^\]]+)\]\((?:#|\s*)\)/g, "$1") // links to nowhere
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, "$1 ($2)") // links keep their address
    .replace(/^\s{0,3}#{1,6}\s*/, "") // headings
    .replace(/^\s{0,3}>\s?/, "") // block quotes
    .replace(/(\*\*|__)(.+?)\1/g, "$2") // bold
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=$|[\s).,;:!?])/g, "$1$2") // italics
    .replace(/\s+/g, " ")
    .trim();
}

function isQuestionLine(raw: string, plain: string): boolean {
  return (
    plain.endsWith("?") &&
    plain.length >= 4 &&
    plain.length <= MAX_QUESTION_LINE &&
    // A bullet ending in "?" is part of an answer's list, not a new question.
    !BULLET.test(raw.trim())
  );
}

/** Parses a whole document. Text before the first question (titles, introductions) is skipped. */
export function parseFaqDocument(text: string): FaqDocument {
  // A document is data from elsewhere: escape sequences and NULs are dropped, never stored or printed.
  const lines = stripControls(text.replace(/^\uFEFF/, "")).split("\n");
  const byKey = new Map<string, FaqDocumentEntry>();
  const unanswered: string[] = [];
  let question: string | null = null;
  let blocks: string[] = [];
  let paragraph: string[] = [];

  const endParagraph = () => {
    if (paragraph.length) blocks.push(paragraph.join(" "));
    paragraph = [];
  };
  const endEntry = () => {
    endParagraph();
    if (question !== null) {
      const answer = joinBlocks(blocks);
      const key = questionKey(question);
      if (!answer) unanswered.push(question);
      else if (key) {
        // The same question twice in one document: the later answer wins, as it would on re-import.
        byKey.delete(key);
        byKey.set(key, { question, answer, sourceKey: key });
      }
    }
    question = null;
    blocks = [];
  };

  for (const raw of lines) {
    const plain = plainLine(raw);
    if (!plain || /^(-{3,}|\*{3,}|_{3,})$/.test(plain)) {
      endParagraph();
    } else if (isQuestionLine(raw, plain)) {
      endEntry();
      question = plain;
    } else if (question !== null) {
      const bullet = BULLET.exec(raw.trim());
      if (bullet) {
        endParagraph();
        blocks.push(`• ${plainLine(raw.trim().slice(bullet[0].length))}`);
      } else paragraph.push(plain);
    }
  }
  endEntry();
  return { entries: [...byKey.values()], unanswered };
}

/** Paragraphs are separated by a blank line; consecutive bullets stay together as one list. */
function joinBlocks(blocks: string[]): string {
  let out = "";
  blocks.forEach((b, i) => {
    if (i > 0) out += b.startsWith("• ") && blocks[i - 1]?.startsWith("• ") ? "\n" : "\n\n";
    out += b;
  });
  return out.trim();
}

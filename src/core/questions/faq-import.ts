// Plans an FAQ import before anything is stored: what would be added, updated, merged or skipped, and why.
import { audit, type Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { isStrongMatch } from "./confidence.ts";
import { parseFaqDocument, questionKey } from "./faq-document.ts";
import { startReview } from "./faq-review.ts";
import { faqRef, searchFaq } from "./faq-service.ts";
import type { FaqEntry, Topic } from "./ports.ts";
import { searchWords } from "./search-text.ts";

export type ImportAction = "add" | "update" | "unchanged" | "merge" | "skip";

export interface ImportItem {
  question: string;
  answer: string;
  action: ImportAction;
  /** Why an item is skipped (or merged): shown beside it in the preview and the report. */
  reason?: string;
  /** The existing entry it updates, leaves unchanged, or duplicates. */
  entry?: FaqEntry;
}

/**
 * Words that make a slide heading, not a question: "What does this mean?", "Any questions?", "What
 * next?". A question made only of these asks about nothing a reader could find again.
 */
const HEADING_WORDS = new Set(
  "what does do did this that these those it mean means so next now then why how any questions question we you they is are was the a an our your about here there all else more".split(
    " ",
  ),
);
/** Fewer words than this is a fragment (a slide's bold quote), not an answer. */
const MIN_ANSWER_WORDS = 3;

/** Leftovers of slides and Markdown the line reader keeps: bold or italic marks split across lines. */
export function stripArtefacts(text: string): string {
  return text
    .split("\n")
    .map((line) =>
      line
        .replace(/(\*\*|__)/g, "")
        .replace(/(^|\s)[*_](?=\S)|(?<=\S)[*_](?=\s|$)/g, "$1")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter((line) => line !== "" && line !== "•")
    .join("\n")
    .trim();
}

function skipReason(question: string, answer: string): string | null {
  const words = searchWords(question);
  if (words.length === 0 || words.every((w) => HEADING_WORDS.has(w))) {
    return "not a real question (a heading with no subject)";
  }
  if (!answer) return "no answer";
  if (searchWords(answer).length < MIN_ANSWER_WORDS) return "the answer is too short to be one";
  return null;
}

/**
 * Every question of the document with what importing it would do. Nothing is written: the preview
 * (`--dry-run`) and the import itself come from the same plan. A new question that the search answers
 * confidently with an existing entry is a likely duplicate: skipped, or with merge folded into that
 * entry as an alternative phrasing.
 */
export async function planFaqImport(
  ctx: Context,
  text: string,
  opts: { merge?: boolean; topic?: Topic | null } = {},
): Promise<ImportItem[]> {
  const doc = parseFaqDocument(text);
  if (doc.entries.length === 0 && doc.unanswered.length === 0) {
    throw new QuorumError(
      "bad_argument",
      `No questions found: each question must be a line ending in "?" followed by its answer.`,
    );
  }
  const items: ImportItem[] = [];
  for (const q of doc.unanswered) {
    const question = stripArtefacts(q);
    items.push({ question, answer: "", action: "skip", reason: skipReason(question, "") ?? "no answer" });
  }
  const existing = new Map(
    (await ctx.repos.faq.list(ctx.partnership.id)).map((e) => [e.sourceKey, e] as const),
  );
  for (const e of doc.entries) {
    const question = stripArtefacts(e.question);
    const answer = stripArtefacts(e.answer);
    const reason = skipReason(question, answer);
    if (reason) {
      items.push({ question, answer, action: "skip", reason });
      continue;
    }
    const same = existing.get(questionKey(question));
    if (same) {
      // A named topic moves the entry there; no topic keeps each entry's own, so a plain re-import changes nothing.
      const moved = opts.topic != null && opts.topic.id !== same.topicId;
      items.push({
        question,
        answer,
        entry: same,
        action: same.answer === answer && !moved ? "unchanged" : "update",
      });
      continue;
    }
    const [top] = await searchFaq(ctx.repos, ctx.partnership.id, question, 3);
    // Stricter than answering a paraphrase: an answer to the same need is not the same question.
    if (top?.confident && isStrongMatch(top)) {
      items.push({
        question,
        answer,
        entry: top.entry,
        action: opts.merge ? "merge" : "skip",
        reason: `likely duplicate of ${faqRef(top.entry.id)} "${top.entry.question}"`,
      });
      continue;
    }
    items.push({ question, answer, action: "add" });
  }
  return items;
}

export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
  merged: number;
  skipped: number;
  items: ImportItem[];
}

export function countItems(items: ImportItem[]): Omit<ImportReport, "items"> {
  const n = (a: ImportAction) => items.filter((i) => i.action === a).length;
  return {
    added: n("add"),
    updated: n("update"),
    unchanged: n("unchanged"),
    merged: n("merge"),
    skipped: n("skip"),
  };
}

/** Carries out a plan: adds and updates entries, folds merged questions in as phrasings, audits once. */
export async function applyFaqImport(
  ctx: Context,
  items: ImportItem[],
  source: string,
  topic: Topic | null,
): Promise<ImportReport> {
  const changed: number[] = [];
  for (const item of items) {
    if (item.action === "add" || item.action === "update") {
      const { entry, outcome } = await ctx.repos.faq.upsert({
        partnershipId: ctx.partnership.id,
        topicId: topic?.id ?? item.entry?.topicId ?? null,
        question: item.question,
        answer: item.answer,
        source,
        sourceKey: questionKey(item.question),
      });
      if (outcome !== "unchanged") {
        changed.push(entry.id);
        await startReview(ctx, entry.id);
      }
    }
    if (item.action === "merge" && item.entry) {
      if (await ctx.repos.faq.addPhrasing(item.entry, item.question, questionKey(item.question))) {
        changed.push(item.entry.id);
      }
    }
  }
  const report = { ...countItems(items), items };
  if (changed.length) {
    // A template literal: the architecture test reads the word import before a quote as an import.
    await audit(ctx, `faq.import`, source, {
      added: report.added,
      updated: report.updated,
      merged: report.merged,
      entries: changed,
      topic: topic?.slug ?? null,
    });
  }
  return report;
}

/** Plans and applies in one go: the chat's and the tests' import, the CLI's without --dry-run. */
export async function importFaq(
  ctx: Context,
  text: string,
  source: string,
  topic: Topic | null,
  opts: { merge?: boolean } = {},
): Promise<ImportReport> {
  return applyFaqImport(ctx, await planFaqImport(ctx, text, { ...opts, topic }), source, topic);
}

/** One line per item for a preview or a report: what happens to it and why. */
export function importLines(items: ImportItem[], dryRun: boolean): string[] {
  const verb: Record<ImportAction, string> = dryRun
    ? {
        add: "Would add",
        update: "Would update",
        unchanged: "Unchanged",
        merge: "Would merge",
        skip: "Would skip",
      }
    : { add: "Added", update: "Updated", unchanged: "Unchanged", merge: "Merged", skip: "Skipped" };
  return items.map((i) => {
    const ref = i.entry && i.action !== "skip" && i.action !== "merge" ? ` ${faqRef(i.entry.id)}` : "";
    const into = i.action === "merge" && i.entry ? ` into ${faqRef(i.entry.id)} as a phrasing` : "";
    const why = i.reason
      ? ` (${i.reason}${i.action === "skip" && i.entry ? "; --merge folds it in" : ""})`
      : "";
    return `${verb[i.action]}${ref}${into}: ${i.question}${why}`;
  });
}

// Reads a plain message for a question Quorum's own records answer, as the command line that answers it.
import { type Named, recognise, wordsOf } from "./names.ts";

export interface Directory {
  groups: Named[];
  orgs: Named[];
  people: Named[];
  /** Handle of the person asking: "my actions" are theirs. */
  me: string;
}

const ASKING = new Set([
  "what",
  "whats",
  "when",
  "whens",
  "who",
  "whos",
  "which",
  "where",
  "how",
  "is",
  "are",
  "do",
  "does",
  "can",
  "could",
  "any",
  "show",
  "list",
  "tell",
  "give",
  "find",
  "see",
  "check",
  "remind",
]);

/** A question or a request, as opposed to a statement ("the papers will be late"). */
export function isQuestion(text: string): boolean {
  const t = text.trim();
  if (t.endsWith("?")) return true;
  const [first = "", second = ""] = wordsOf(t.replace(/['’]/g, ""));
  if (ASKING.has(first)) return true;
  // "please show ...", "can you tell me ..."
  return (first === "please" || first === "pls") && ASKING.has(second);
}

const TELLING = new Set([
  "will",
  "is",
  "was",
  "are",
  "were",
  "be",
  "been",
  "has",
  "have",
  "had",
  "am",
  "wont",
  "cant",
  "im",
  "ive",
  "ll",
  "not",
  "thanks",
  "thank",
]);

/** A short phrase with no verb of its own, typed as a query: "my overdue actions", "next hwb meeting". */
export function isShortRequest(text: string): boolean {
  const words = wordsOf(text.replace(/['’]/g, ""));
  return words.length > 0 && words.length <= 6 && !words.some((w) => TELLING.has(w));
}

const has = (words: Set<string>, ...list: string[]) => list.some((w) => words.has(w));

const MEETING = ["meeting", "meetings", "meet", "meets", "meeting", "papers", "agenda", "session", "sitting"];
const ACTIONS = ["action", "actions", "task", "tasks", "todo", "todos", "to-do", "to-dos"];
const CHAIR = ["chair", "chairs", "chaired", "chairing", "chairperson", "chairman", "chairwoman"];
const LATE = ["overdue", "late", "behind", "outstanding", "missed", "lapsed"];
const CONTACT = [
  /\bwho (do|should|can|could|would) (i|we) (talk|speak|ask|contact|go|write|email|ring|call|turn)\b/,
  /\bwho(['’]s| is) (the )?(contact|lead|person|right person|best person)\b/,
  /\b(contact|lead|person) (for|on|about)\b/,
  /\bwho (deals|handles|looks after|knows|covers|answers|can help)\b/,
  /\bwho to (ask|talk|speak|contact)\b/,
];

/** "actions overdue owner:@sam org:POLICE": the list a question about actions asks for. */
function actionsLine(text: string, words: Set<string>, dir: Directory): string {
  const mine = has(words, "my", "mine", "i", "me");
  const person = mine ? null : recognise(text, dir.people);
  const org = recognise(text, dir.orgs);
  const group = recognise(text, dir.groups);
  const filter = has(words, ...LATE)
    ? "overdue"
    : has(words, "week")
      ? "week"
      : mine && !person
        ? "mine"
        : "open";
  const parts = ["actions", filter];
  if (mine && filter !== "mine") parts.push(`owner:@${dir.me}`);
  if (person) parts.push(`owner:@${person.key}`);
  if (org && !person) parts.push(`org:${org.key}`);
  if (group) parts.push(`group:${group.key}`);
  return parts.join(" ");
}

/**
 * The command whose answer this question asks for, or null when it is not about Quorum's records.
 * Only questions and requests qualify: a statement naming a board is news for a person, not a query.
 */
export function recordsLine(text: string, dir: Directory): string | null {
  if (!isQuestion(text) && !isShortRequest(text)) return null;
  const lower = text.toLowerCase();
  const words = new Set(wordsOf(lower));
  if (CONTACT.some((re) => re.test(lower))) return `contact ${text.replace(/[\r\n]+/g, " ").trim()}`;
  const group = recognise(text, dir.groups);
  if (has(words, ...CHAIR)) return group ? `group show ${group.key}` : null;
  const aboutActions = has(words, ...ACTIONS) || (words.has("due") && recognise(text, dir.people) !== null);
  if (aboutActions) return actionsLine(text, words, dir);
  const aboutMeeting = has(words, ...MEETING) || (group !== null && has(words, "when", "next", "whens"));
  if (aboutMeeting)
    return group ? `meeting next group:${group.key}` : has(words, "next") ? "meeting next" : null;
  return null;
}

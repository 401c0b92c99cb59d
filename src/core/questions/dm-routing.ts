// Decides whether a direct message that is not a command is a question for `ask` or a mistyped command.

import type { CommandSpec } from "../commands/spec.ts";
import { QuorumError } from "../errors.ts";

export type DmReading = { kind: "question" } | { kind: "typo"; error: QuorumError };

/** Edit distance, capped: only "is it within 2?" matters here. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return Math.min(cap, prev[b.length] ?? cap);
}

/**
 * A DM is a question unless it looks like a command attempt: a command family's first word with a wrong
 * second word ("action foo"), or one to three words starting with a near spelling of a command
 * ("acton list"). A question mark always means a question.
 */
export function readDirectMessage(line: string, specs: CommandSpec[], parseError: QuorumError): DmReading {
  const text = line.trim();
  if (!text) return { kind: "typo", error: parseError };
  if (text.endsWith("?")) return { kind: "question" };
  const words = text.split(/\s+/);
  const first = (words[0] ?? "").toLowerCase();
  const roots = [...new Set(specs.flatMap((s) => [s.path, ...(s.aliases ?? [])].map((p) => p[0] ?? "")))];
  if (roots.includes(first)) return { kind: "typo", error: parseError };
  const near = roots.filter((r) => r.length >= 4 && editDistance(first, r) <= (r.length >= 6 ? 2 : 1));
  if (near.length && words.length <= 3) {
    const options = near.map((r) => `"${r}"`).join(" or ");
    return {
      kind: "typo",
      error: new QuorumError(
        "unknown_command",
        `I don't know the command "${words[0]}". Did you mean ${options}? Type help to see them all, or end a question with "?".`,
      ),
    };
  }
  return { kind: "question" };
}

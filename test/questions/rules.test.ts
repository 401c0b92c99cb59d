// Pure rules: working days with bank holidays, overdue enquiries, confidence, search words, DM routing.
import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/core/commands/registry.ts";
import { QuorumError } from "../../src/core/errors.ts";
import { rankCandidates, scoreCandidate, WEIGHTS } from "../../src/core/questions/confidence.ts";
import { editDistance, nearMissOf, readDirectMessage } from "../../src/core/questions/dm-routing.ts";
import { isEnquiryOverdue, replyDueOn } from "../../src/core/questions/overdue.ts";
import type { FaqCandidate } from "../../src/core/questions/ports.ts";
import { checkQuestion, searchWords } from "../../src/core/questions/search-text.ts";
import { addWorkingDays, isWorkingDay, workingDaysBetween } from "../../src/core/time/working-days.ts";

describe("working days", () => {
  it("skips weekends and England and Wales bank holidays", () => {
    expect(isWorkingDay("2026-11-23")).toBe(true); // Monday
    expect(isWorkingDay("2026-11-28")).toBe(false); // Saturday
    expect(isWorkingDay("2026-12-28")).toBe(false); // Boxing Day substitute
    expect(addWorkingDays("2026-11-23", 3)).toBe("2026-11-26");
    expect(addWorkingDays("2026-11-27", 1)).toBe("2026-11-30"); // Friday → Monday
    expect(addWorkingDays("2026-12-23", 3)).toBe("2026-12-30"); // over Christmas and the substitute day
    expect(addWorkingDays("2027-03-25", 1)).toBe("2027-03-30"); // Easter 2027
    expect(addWorkingDays("2026-11-30", -1)).toBe("2026-11-27");
    expect(addWorkingDays("2026-11-28", 0)).toBe("2026-11-28");
  });

  it("takes its own holiday list, and counts the days between two dates", () => {
    expect(addWorkingDays("2026-12-24", 1, [])).toBe("2026-12-25");
    expect(workingDaysBetween("2026-11-20", "2026-11-27")).toBe(5);
    expect(workingDaysBetween("2026-11-27", "2026-11-20")).toBe(0);
    expect(() => addWorkingDays("2026-11-23", 1.5)).toThrow(RangeError);
  });
});

describe("overdue enquiries", () => {
  const zone = "Europe/London";
  const asked = { createdAt: new Date("2026-11-20T16:00:00Z"), status: "open" as const }; // a Friday

  it("is overdue only after the reply target in working days, in the partnership's zone", () => {
    expect(replyDueOn(asked, zone, 3)).toBe("2026-11-25");
    expect(isEnquiryOverdue(asked, new Date("2026-11-25T22:00:00Z"), zone, 3)).toBe(false);
    expect(isEnquiryOverdue(asked, new Date("2026-11-26T08:00:00Z"), zone, 3)).toBe(true);
    expect(
      isEnquiryOverdue({ ...asked, status: "answered" }, new Date("2027-01-01T08:00:00Z"), zone, 3),
    ).toBe(false);
  });

  it("counts a question asked late on a summer evening on the local date", () => {
    const late = { createdAt: new Date("2026-07-03T23:30:00Z"), status: "open" as const }; // Sat 00:30 BST
    expect(replyDueOn(late, zone, 1)).toBe("2026-07-06");
  });
});

const base = (id: number) => ({
  id,
  partnershipId: 1,
  topicId: null,
  question: `Q${id}?`,
  answer: "A",
  source: null,
  sourceKey: `q${id}`,
  phrasingOf: null,
  updatedAt: new Date(0),
});

type Features = Partial<Omit<FaqCandidate, "entry">> & { question?: string; answer?: string };

const candidate = (id: number, f: Features): FaqCandidate => ({
  rank: 0,
  questionCoverage: 0,
  coverage: 0,
  wordSimilarity: 0,
  similarity: 0,
  questionWeighted: 0,
  entryWeighted: 0,
  entryEvidence: 0,
  ...f,
  entry: { ...base(id), question: f.question ?? `Q${id}?`, answer: f.answer ?? "A" },
});

describe("confidence", () => {
  it("scores within 0..1 and ignores impossible feature values", () => {
    expect(
      scoreCandidate(
        candidate(1, { questionWeighted: 1, entryWeighted: 1, wordSimilarity: 1, similarity: 1 }),
      ),
    ).toBe(1);
    expect(scoreCandidate(candidate(1, { wordSimilarity: Number.NaN, entryWeighted: 7 }))).toBe(
      WEIGHTS.entryWeighted,
    );
  });

  it("answers only when the best is above the threshold and clearly ahead of the next group", () => {
    const strong = candidate(1, { questionWeighted: 1, entryWeighted: 0.9, entryEvidence: 2 });
    const weak = candidate(2, { questionWeighted: 0.5, entryWeighted: 0.3 });
    const ranked = rankCandidates([weak, strong]);
    expect(ranked.map((r) => [r.entry.id, r.confident])).toEqual([
      [1, true],
      [2, false],
    ]);
    const close = candidate(3, { questionWeighted: 1, entryWeighted: 0.88, answer: "another answer" });
    expect(rankCandidates([strong, close])[0]?.confident).toBe(false);
    expect(rankCandidates([weak])[0]?.confident).toBe(false);
    expect(rankCandidates([])).toEqual([]);
  });

  it("wants more than one shared word of evidence, however clear the lead", () => {
    // "where do I vote": one content word, found in one answer, is a full match of a tiny question.
    const thin = candidate(1, { entryWeighted: 0.5, entryEvidence: 1 });
    const other = candidate(2, { entryWeighted: 0.1, answer: "B" });
    expect(rankCandidates([thin, other])[0]?.confident).toBe(false);
    const thick = candidate(1, { entryWeighted: 0.5, entryEvidence: 2 });
    expect(rankCandidates([thick, other])[0]?.confident).toBe(true);
    // A substituted reading (bar above 1) needs more of it.
    expect(rankCandidates([{ ...thick, entryEvidence: 1.6 }, other], 1 / 0.9)[0]?.confident).toBe(false);
  });

  it("answers a low-scoring paraphrase that clearly leads: a relative lead, not an absolute score", () => {
    // Paraphrases share few words with the entry: 0.35 is a typical right answer's score.
    const right = candidate(1, { entryWeighted: 0.5, entryEvidence: 2 });
    const next = candidate(2, { entryWeighted: 0.25, answer: "B" });
    expect(rankCandidates([right, next])[0]?.confident).toBe(true);
    const close = candidate(2, { entryWeighted: 0.46, answer: "B" });
    expect(rankCandidates([right, close])[0]?.confident).toBe(false);
  });

  it("scores near-duplicate entries as one candidate so they do not cancel each other's lead", () => {
    const strong = candidate(1, {
      questionWeighted: 1,
      entryWeighted: 0.9,
      entryEvidence: 2,
      question: "Who chairs Essex Partners?",
    });
    const twin = candidate(2, {
      questionWeighted: 1,
      entryWeighted: 0.88,
      question: "Who chairs the Essex Partners?",
      answer: "A different wording of the answer.",
    });
    const sameAnswer = candidate(3, {
      questionWeighted: 1,
      entryWeighted: 0.89,
      question: "Chair of the board?",
    });
    expect(rankCandidates([strong, twin])[0]?.confident).toBe(true);
    expect(rankCandidates([strong, sameAnswer])[0]?.confident).toBe(true);
    const other = candidate(4, {
      questionWeighted: 1,
      entryWeighted: 0.88,
      question: "Where is the office?",
      answer: "B",
    });
    expect(rankCandidates([strong, other])[0]?.confident).toBe(false);
  });
});

describe("search words", () => {
  it("keeps letters and digits of any script and drops every tsquery operator", () => {
    expect(searchWords(`' & | ! :* <-> "quoted" (x) or not AND`)).toEqual(["quoted"]);
    expect(searchWords("What's the 2012 plan? 🙂")).toEqual(["whats", "the", "2012", "plan"]);
    expect(searchWords("Привет, как дела")).toEqual(["привет", "как", "дела"]);
    expect(searchWords("🙂🙂🙂")).toEqual([]);
  });

  it("rejects empty and oversized questions with clear errors", () => {
    expect(() => checkQuestion("   ")).toThrow(/What would you like to ask/);
    expect(() => checkQuestion("x".repeat(1001))).toThrow(/1001 characters/);
    expect(checkQuestion("  who \n pays? ")).toBe("who pays?");
  });
});

describe("direct messages that are not commands", () => {
  const specs = buildRegistry();
  const err = new QuorumError("unknown_command", "unknown");

  it("offer a near miss of a command back corrected, and leave questions and sentences alone", () => {
    expect(nearMissOf("where are the other pilot areas", specs)).toBeNull();
    expect(nearMissOf("budgets", specs)).toBeNull();
    expect(nearMissOf("acton list", specs)).toBe("action list");
    expect(nearMissOf("acton list?", specs)).toBeNull();
    expect(nearMissOf("meetng next", specs)).toBe("meeting next");
    expect(nearMissOf("action lsit overdue", specs)).toBe("action list overdue");
    expect(nearMissOf('acton add "Map winter capacity" owner:@tom', specs)).toBe(
      'action add "Map winter capacity" owner:@tom',
    );
    // A long sentence that starts like a command word is still a sentence.
    expect(nearMissOf("actions from the winter review are with the board now", specs)).toBeNull();
    expect(() => readDirectMessage("action frobnicate", specs, err)).toThrow(err);
    expect(readDirectMessage("the papers will be late", specs, err)).toMatchObject({
      spec: { path: ["ask"] },
    });
    expect(readDirectMessage("acton list", specs, err)).toMatchObject({
      title: "Did you mean `action list`?",
    });
    expect(editDistance("acton", "action")).toBe(1);
    expect(editDistance("a", "abcdef")).toBe(3);
  });
});

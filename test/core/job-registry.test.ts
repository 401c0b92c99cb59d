// The scheduled-job registry checks kinds once, at start-up, rather than at the first 09:00 tick.
import { describe, expect, it } from "vitest";
import { STANDARD_JOBS } from "../../src/core/schedule/jobs/standard-jobs.ts";
import { jobRegistry, type ScheduledJob } from "../../src/core/schedule/jobs.ts";

const job = (kind: string): ScheduledJob => ({ kind, messages: async () => [], expiresAt: () => null });

describe("jobRegistry", () => {
  it("holds digests, reminders, emailed digests and the FAQ upkeep by default, and finds a job by its kind", () => {
    expect(STANDARD_JOBS.kinds()).toEqual([
      "digest",
      "reminders",
      "email-digest",
      "faq-review",
      "faq-weekly",
    ]);
    const registry = jobRegistry([...STANDARD_JOBS.jobs, job("papers-chase")]);
    expect(registry.get("papers-chase")?.kind).toBe("papers-chase");
    expect(registry.get("nothing")).toBeUndefined();
  });

  it("refuses a kind claimed twice", () => {
    expect(() => jobRegistry([...STANDARD_JOBS.jobs, job("digest")])).toThrow(
      'two scheduled jobs claim the kind "digest"',
    );
  });

  it.each(["Test Ping", "", "faq_review", "-x", "x-"])(
    "refuses the kind %j: it names audit verbs",
    (kind) => {
      expect(() => jobRegistry([job(kind)])).toThrow(/lower-case words joined by hyphens/);
    },
  );
});

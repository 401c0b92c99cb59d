// The scheduled jobs Quorum runs: a new kind of recurring post is one file beside these and one entry here.
import { jobRegistry } from "../jobs.ts";
import { digestJob } from "./digest-job.ts";
import { emailDigestJob } from "./email-digest-job.ts";
import { faqReviewJob, faqWeeklyJob } from "./faq-stewardship-jobs.ts";
import { remindersJob } from "./reminders-job.ts";

export const STANDARD_JOBS = jobRegistry([
  digestJob,
  remindersJob,
  emailDigestJob,
  faqReviewJob,
  faqWeeklyJob,
]);

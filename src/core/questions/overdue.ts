// When an open enquiry has waited longer than the partnership's reply target, counted in working days.

import type { Repos } from "../ports.ts";
import { addWorkingDays, ENGLAND_AND_WALES_BANK_HOLIDAYS, type Holidays } from "../time/working-days.ts";
import { addDays, localDate } from "../time/zone.ts";
import type { Partnership } from "../types.ts";
import type { Enquiry } from "./ports.ts";

/** The last local date on which a reply is still on time. */
export function replyDueOn(
  enquiry: Pick<Enquiry, "createdAt">,
  zone: string,
  targetDays: number,
  holidays: Holidays = ENGLAND_AND_WALES_BANK_HOLIDAYS,
): string {
  return addWorkingDays(localDate(enquiry.createdAt, zone), targetDays, holidays);
}

/** Pure, for the digests: open and past its reply-by date in the partnership's zone. */
export function isEnquiryOverdue(
  enquiry: Pick<Enquiry, "createdAt" | "status">,
  now: Date,
  zone: string,
  targetDays: number,
  holidays: Holidays = ENGLAND_AND_WALES_BANK_HOLIDAYS,
): boolean {
  return enquiry.status === "open" && localDate(now, zone) > replyDueOn(enquiry, zone, targetDays, holidays);
}

/**
 * Overdue enquiries of a partnership. The database narrows to those asked at least targetDays calendar
 * days ago (working days are never fewer), then the exact working-day rule decides.
 */
export async function overdueEnquiries(
  repos: Pick<Repos, "enquiries">,
  partnership: Partnership,
  now: Date,
  filter: { assigneeId?: number } = {},
): Promise<Enquiry[]> {
  const zone = partnership.timeZone;
  const cutoff = new Date(`${addDays(localDate(now, zone), -partnership.replyTargetDays)}T23:59:59Z`);
  const open = await repos.enquiries.list(partnership.id, {
    statuses: ["open"],
    createdBefore: new Date(cutoff.getTime() + 36 * 3600_000), // a zone offset either way never hides one
    ...filter,
  });
  return open.filter((e) => isEnquiryOverdue(e, now, zone, partnership.replyTargetDays));
}

// Each partnership's daily reminder run: papers deadlines and the day before a meeting in the group's
// channels, due and overdue actions to their owners (the rules are in ../reminders.ts).
import { linkTarget } from "../../outbound.ts";
import { reachTarget } from "../../reach/targets.ts";
import { nextFire, parseFireSpec } from "../fire-spec.ts";
import { expiresAfterTtl, type ScheduledJob, scheduledPost } from "../jobs.ts";
import { planReminders } from "../reminders.ts";

export const REMINDERS_KIND = "reminders";

/** The daily reminder run of each partnership fires at this local time. */
export const REMINDER_SPEC = "daily 09:00";

export const remindersJob: ScheduledJob = {
  kind: REMINDERS_KIND,
  /** One run per partnership; a partnership created since the last tick gets its run here. */
  async ensure(repos, now) {
    for (const p of await repos.partnerships.list()) {
      await repos.schedules.ensure({
        partnershipId: p.id,
        kind: REMINDERS_KIND,
        subject: `partnership:${p.id}`,
        spec: REMINDER_SPEC,
        nextFireAt: nextFire(parseFireSpec(REMINDER_SPEC), p.timeZone, now),
        enabled: true,
      });
    }
  },
  async messages(repos, _schedule, s, send) {
    const out = [];
    for (const r of planReminders(s)) {
      const person = "personId" in r.to ? s.people.get(r.to.personId) : undefined;
      // Removed people keep their open actions until reassigned, but hear nothing more from Quorum.
      if (person && person.status !== "active") continue;
      // A person's reminder goes where they chose, else where they were last, else by email.
      const target =
        "link" in r.to
          ? linkTarget(r.to.link)
          : person
            ? await reachTarget(repos, s.partnership, person, send.reach ?? { email: false })
            : null;
      if (!target) continue; // no chat and no email: nowhere to send it
      const c = send.delayed ? { ...r.card, title: `${r.card.title} (delayed)` } : r.card;
      out.push(scheduledPost(s, r.key, r.kind, target, c));
    }
    return out;
  },
  expiresAt: expiresAfterTtl,
};

// Each partnership's daily reminder run: papers deadlines and the day before a meeting in the group's
// channels, due and overdue actions to their owners (the rules are in ../reminders.ts).
import { linkTarget } from "../../outbound.ts";
import { reachTargetOfEach } from "../../reach/targets.ts";
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
    const plan = planReminders(s);
    // Removed people keep their open actions until reassigned, but hear nothing more from Quorum (no
    // target). A person's reminder goes where they chose, else where they were last, else by email.
    const owners = plan.flatMap((r) => {
      const person = "personId" in r.to ? s.people.get(r.to.personId) : undefined;
      return person?.status === "active" ? [person] : [];
    });
    const reached = await reachTargetOfEach(repos, s.partnership, owners, send.reach ?? { email: false });
    const out = [];
    for (const r of plan) {
      const target = "link" in r.to ? linkTarget(r.to.link) : reached.get(r.to.personId);
      if (!target) continue; // removed, or no chat and no email: nowhere to send it
      const c = send.delayed ? { ...r.card, title: `${r.card.title} (delayed)` } : r.card;
      out.push(scheduledPost(s, r.key, r.kind, target, c));
    }
    return out;
  },
  expiresAt: expiresAfterTtl,
};

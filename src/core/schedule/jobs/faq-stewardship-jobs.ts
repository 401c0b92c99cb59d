// The FAQ's scheduled upkeep: a daily reminder to owners whose entries fell due for review, and a
// Monday note to each topic's contact listing its unanswered questions and answers marked unhelpful.
import type { Card } from "../../card.ts";
import type { NewOutboxMessage, Repos } from "../../ports.ts";
import { ownerIdOf, ownerRule } from "../../questions/faq-review.ts";
import { ownerReminderCard, type TopicNote, weeklyNoteCard } from "../../questions/review-cards.ts";
import type { DueEntry } from "../../questions/review-ports.ts";
import { personViewer, splitVisible } from "../../questions/visibility.ts";
import { reachTarget } from "../../reach/targets.ts";
import { localDate } from "../../time/zone.ts";
import { nextFire, parseFireSpec } from "../fire-spec.ts";
import { expiresAfterTtl, type FireOccurrence, type ScheduledJob, scheduledPost } from "../jobs.ts";
import type { Snapshot } from "../snapshot.ts";

export const FAQ_REVIEW_KIND = "faq-review";
export const FAQ_REVIEW_SPEC = "daily 09:00";
export const FAQ_WEEKLY_KIND = "faq-weekly";
export const FAQ_WEEKLY_SPEC = "mon 09:00";

const WEEK_MS = 7 * 24 * 3600_000;
/** How far back the last weekly note is looked for; past this, the note covers the last week. */
const LAST_NOTE_LOOKBACK_MS = 5 * WEEK_MS;

/** One schedule per partnership; a partnership created since the last tick gets its schedule here. */
function ensureEach(kind: string, spec: string) {
  return async (repos: Repos, now: Date) => {
    for (const p of await repos.partnerships.list()) {
      await repos.schedules.ensure({
        partnershipId: p.id,
        kind,
        subject: `partnership:${p.id}`,
        spec,
        nextFireAt: nextFire(parseFireSpec(spec), p.timeZone, now),
        enabled: true,
      });
    }
  };
}

/** A person's post, where they chose to be reached; null for removed people or people nowhere to reach. */
async function postTo(
  repos: Repos,
  s: Snapshot,
  send: FireOccurrence,
  personId: number,
  key: string,
  kind: string,
  c: Card,
): Promise<NewOutboxMessage | null> {
  const person = s.people.get(personId);
  if (person?.status !== "active") return null;
  const target = await reachTarget(repos, s.partnership, person, send.reach ?? { email: false });
  if (!target) return null;
  return scheduledPost(s, key, kind, target, send.delayed ? { ...c, title: `${c.title} (delayed)` } : c);
}

export const faqReviewJob: ScheduledJob = {
  kind: FAQ_REVIEW_KIND,
  ensure: ensureEach(FAQ_REVIEW_KIND, FAQ_REVIEW_SPEC),
  async messages(repos, _schedule, s, send) {
    const due = await repos.faqReview.due(s.partnership.id, s.today);
    if (!due.length) return [];
    const rule = await ownerRule(repos, s.partnership.id);
    const byOwner = new Map<number, DueEntry[]>();
    for (const e of due) {
      const named = ownerIdOf(rule, e);
      // A removed owner hears nothing more: their entries fall back to the topic's contact.
      const owner =
        named !== null && e.ownerId === named && s.people.get(named)?.status !== "active"
          ? ownerIdOf(rule, { ...e, ownerId: null })
          : named;
      if (owner !== null) byOwner.set(owner, [...(byOwner.get(owner) ?? []), e]);
    }
    const out: NewOutboxMessage[] = [];
    for (const [owner, list] of byOwner) {
      // Keyed by the latest due date in the list: the reminder goes once, and again only when another
      // entry falls due (reviewing one of them shortens the list but sends nothing new).
      const latest = list.reduce((d, e) => (e.reviewDueOn > d ? e.reviewDueOn : d), "");
      const key = `${FAQ_REVIEW_KIND}:person:${owner}:${latest}`;
      const post = await postTo(
        repos,
        s,
        send,
        owner,
        key,
        FAQ_REVIEW_KIND,
        ownerReminderCard(list, s.today),
      );
      if (post) out.push(post);
    }
    return out;
  },
  expiresAt: expiresAfterTtl,
};

export const faqWeeklyJob: ScheduledJob = {
  kind: FAQ_WEEKLY_KIND,
  ensure: ensureEach(FAQ_WEEKLY_KIND, FAQ_WEEKLY_SPEC),
  async messages(repos, _schedule, s, send) {
    const pid = s.partnership.id;
    const rule = await ownerRule(repos, pid);
    const open = await repos.enquiries.list(pid, { statuses: ["open"] });
    const contacts = new Set<number>();
    for (const t of rule.topics.values()) if (t.contactId !== null) contacts.add(t.contactId);
    if (rule.defaultContactId !== null) contacts.add(rule.defaultContactId);
    const out: NewOutboxMessage[] = [];
    for (const contact of contacts) {
      const prefix = `${FAQ_WEEKLY_KIND}:person:${contact}:`;
      const lookback = new Date(s.now.getTime() - LAST_NOTE_LOOKBACK_MS);
      const since =
        (await repos.outbox.lastQueuedAt(pid, prefix, lookback)) ?? new Date(s.now.getTime() - WEEK_MS);
      const marks = await repos.faqReview.unhelpfulSince(pid, since);
      const person = s.people.get(contact);
      if (!person) continue;
      // A question's text goes only to its asker, its contact and admins: one passed on is counted.
      const note = (name: string, topicId: number | null): TopicNote => {
        const mine = splitVisible(
          personViewer(person),
          open.filter((e) => e.topicId === topicId),
        );
        const unhelpful = marks.filter((m) => m.topicId === topicId);
        return { name, open: mine.shown, hidden: mine.hidden, unhelpful };
      };
      const notes = [...rule.topics.values()]
        .filter((t) => t.contactId === contact)
        .map((t) => note(t.name, t.id));
      if (rule.defaultContactId === contact) notes.push(note("Questions no topic claims", null));
      const said = notes.filter((n) => n.open.length || n.hidden || n.unhelpful.length);
      if (!said.length) continue; // nothing waiting and nothing unhelpful: no note at all
      const c = weeklyNoteCard(said, localDate(since, s.partnership.timeZone), s.today);
      const post = await postTo(repos, s, send, contact, `${prefix}${s.today}`, FAQ_WEEKLY_KIND, c);
      if (post) out.push(post);
    }
    return out;
  },
  expiresAt: expiresAfterTtl,
};

// Loads the demo partnership (db/demo-partnership.json) in one transaction; due dates are relative to today.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Clock, Repos, Store } from "../core/ports.ts";
import { questionKey } from "../core/questions/faq-document.ts";
import { nextReviewOn } from "../core/questions/faq-review.ts";
import { parseRepeat } from "../core/time/recurrence.ts";
import { addDays, localDate, wallToInstant } from "../core/time/zone.ts";
import type { Person } from "../core/types.ts";

export const DEMO_FILE = fileURLToPath(new URL("../../db/demo-partnership.json", import.meta.url));

const demoSchema = z.object({
  partnership: z.object({ slug: z.string(), name: z.string(), timeZone: z.string() }),
  organisations: z.array(
    z.object({ code: z.string(), name: z.string(), domains: z.array(z.string()).default([]) }),
  ),
  people: z.array(
    z.object({
      handle: z.string(),
      name: z.string(),
      title: z.string().optional(),
      org: z.string(),
      email: z.string().optional(),
      phone: z.string().optional(),
      role: z.enum(["member", "admin"]).optional(),
    }),
  ),
  groups: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      theme: z.string(),
      chair: z.string(),
      members: z.array(z.string()),
    }),
  ),
  meetings: z.array(
    z.object({
      group: z.string(),
      title: z.string(),
      start: z.string().optional(),
      startInDays: z.number().optional(),
      time: z.string().optional(),
      minutes: z.number(),
      place: z.string(),
      repeat: z.string().optional(),
      papersDaysBefore: z.number().optional(),
      adjust: z.enum(["next", "previous"]).optional(),
    }),
  ),
  actions: z.array(
    z.object({
      title: z.string(),
      owner: z.string(),
      group: z.string(),
      dueInDays: z.number().optional(),
      status: z.enum(["open", "done", "dropped"]).optional(),
      note: z.string().optional(),
    }),
  ),
  defaultContact: z.string().optional(),
  topics: z
    .array(
      z.object({
        slug: z.string(),
        name: z.string(),
        contact: z.string(),
        about: z.string().optional(),
        keywords: z.array(z.string()),
      }),
    )
    .default([]),
  faq: z.array(z.object({ topic: z.string(), question: z.string(), answer: z.string() })).default([]),
});
export type DemoData = z.infer<typeof demoSchema>;

export function readDemo(file = DEMO_FILE): DemoData {
  return demoSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

/** Returns false when the demo partnership is already there (loading twice changes nothing). */
export async function loadDemo(store: Store, clock: Clock, data: DemoData = readDemo()): Promise<boolean> {
  return store.transaction(async (repos) => {
    if (await repos.partnerships.bySlug(data.partnership.slug)) return false;
    const p = await repos.partnerships.create(data.partnership);
    const orgs = new Map<string, number>();
    for (const o of data.organisations)
      orgs.set(o.code, (await repos.organisations.create({ partnershipId: p.id, ...o })).id);
    const people = new Map<string, Person>();
    for (const { org, ...person } of data.people) {
      const created = await repos.people.create({
        partnershipId: p.id,
        organisationId: orgs.get(org) ?? null,
        ...person,
      });
      people.set(person.handle, created);
      await repos.people.addIdentity(created.id, "shell", p.slug, person.handle);
    }
    const must = (handle: string) => {
      const found = people.get(handle);
      if (!found) throw new Error(`demo data names an unknown person "${handle}"`);
      return found;
    };
    const groupIds = await loadGroups(repos, p.id, data, must);
    // The shell names a partnership by its slug, so the demo can sit beside real partnerships.
    await repos.partnerships.linkInstallation(p.id, "shell", p.slug);
    const today = localDate(clock.now(), p.timeZone);
    const admin = must(data.people.find((x) => x.role === "admin")?.handle ?? data.people[0]?.handle ?? "");
    for (const m of data.meetings) {
      const [date, time] = m.start
        ? m.start.split("T")
        : [addDays(today, m.startInDays ?? 7), m.time ?? "10:00"];
      const [y, mo, d] = (date ?? today).split("-").map(Number);
      const [h, mi] = (time ?? "10:00").split(":").map(Number);
      await repos.meetings.insert({
        partnershipId: p.id,
        groupId: groupIds.get(m.group) ?? 0,
        title: m.title,
        startsAt: wallToInstant(
          { year: y ?? 0, month: mo ?? 1, day: d ?? 1, hour: h ?? 0, minute: mi ?? 0 },
          p.timeZone,
        ),
        durationMinutes: m.minutes,
        place: m.place,
        rrule: m.repeat ? parseRepeat(m.repeat) : null,
        papersDaysBefore: m.papersDaysBefore ?? 5,
        adjust: m.adjust ?? null,
        createdBy: admin.id,
      });
    }
    for (const a of data.actions) {
      const owner = must(a.owner);
      const number = await repos.partnerships.nextActionNumber(p.id);
      const action = await repos.actions.insert({
        partnershipId: p.id,
        number,
        title: a.title,
        ownerId: owner.id,
        organisationId: owner.organisationId,
        groupId: groupIds.get(a.group) ?? null,
        meetingId: null,
        dueOn: a.dueInDays === undefined ? null : addDays(today, a.dueInDays),
        createdBy: admin.id,
      });
      await repos.actions.addUpdate(action.id, admin.id, "created", a.title);
      if (a.status && a.status !== "open") {
        await repos.actions.update(action.id, { status: a.status, closedAt: clock.now() });
        await repos.actions.addUpdate(action.id, owner.id, a.status, a.note ?? null);
      } else if (a.note) await repos.actions.addUpdate(action.id, owner.id, "note", a.note);
    }
    await loadQuestions(repos, p.id, data, must, nextReviewOn(clock.now(), p.timeZone));
    await repos.audit.record({
      partnershipId: p.id,
      actorId: null,
      platform: "system",
      verb: "demo.load",
      subject: p.slug,
    });
    return true;
  });
}

async function loadGroups(repos: Repos, pid: number, data: DemoData, must: (h: string) => Person) {
  const ids = new Map<string, number>();
  for (const g of data.groups) {
    const group = await repos.groups.create({
      partnershipId: pid,
      slug: g.slug,
      name: g.name,
      theme: g.theme,
      chairId: must(g.chair).id,
    });
    for (const m of g.members) await repos.groups.addMember(group.id, must(m).id);
    ids.set(g.slug, group.id);
  }
  return ids;
}

/** Topics with their contacts and a few FAQ entries, so `ask` has something to answer in the demo. */
async function loadQuestions(
  repos: Repos,
  pid: number,
  data: DemoData,
  must: (h: string) => Person,
  reviewOn: string,
) {
  const topicIds = new Map<string, number>();
  for (const t of data.topics) {
    const { topic } = await repos.topics.upsert({
      partnershipId: pid,
      slug: t.slug,
      name: t.name,
      description: t.about ?? null,
      contactId: must(t.contact).id,
      keywords: t.keywords,
    });
    topicIds.set(t.slug, topic.id);
  }
  if (data.defaultContact) await repos.topics.setDefaultContact(pid, must(data.defaultContact).id);
  for (const f of data.faq) {
    // Reviewed as at the demo's today, so its review dates move with the demo's due dates.
    const { entry } = await repos.faq.upsert({
      partnershipId: pid,
      topicId: topicIds.get(f.topic) ?? null,
      question: f.question,
      answer: f.answer,
      source: "Demo FAQ",
      sourceKey: questionKey(f.question),
    });
    await repos.faqReview.setReviewDue(entry.id, reviewOn);
  }
}

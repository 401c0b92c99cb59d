// Firing many channels' digests at once shares work: one snapshot per partnership per tick, one card per
// group, meetings read only around the horizon. Each post must still be exactly what composing that
// channel alone gives, with nothing of another partnership, group or audience in it.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setUpPartnership } from "../../src/core/directory/setup.ts";
import { upcoming } from "../../src/core/meetings/service.ts";
import type { Repos } from "../../src/core/ports.ts";
import { CHANNEL_AUDIENCE, personViewer } from "../../src/core/questions/visibility.ts";
import { channelDigest, composeDigest, payloadOf } from "../../src/core/schedule/digest.ts";
import { DEFAULT_FIRE_OPTIONS, fireDueSchedules } from "../../src/core/schedule/fire.ts";
import { digestSubject } from "../../src/core/schedule/jobs/digest-job.ts";
import { loadSnapshot } from "../../src/core/schedule/snapshot.ts";
import { localDate } from "../../src/core/time/zone.ts";
import type { ChannelLink, Partnership } from "../../src/core/types.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { outbox } from "../../src/store/schema.ts";
import { NOW, useHarness } from "../helpers/harness.ts";

const h = useHarness();
const store = () => createStore(h.database.db);
const DAY = 86_400_000;
const SECRET = "SECRET-Q may the Okafor twins move schools before the spring term";
const NORTH_ONLY = "NORTH-ONLY gritting rota for the fells";

/** An overdue action in the group: every digest of the group lists it. */
async function overdueAction(repos: Repos, p: Partnership, groupId: number, ownerId: number, title: string) {
  await repos.actions.insert({
    partnershipId: p.id,
    number: await repos.partnerships.nextActionNumber(p.id),
    title,
    ownerId,
    organisationId: null,
    groupId,
    meetingId: null,
    dueOn: localDate(new Date(NOW.getTime() - 3 * DAY), p.timeZone),
    createdBy: ownerId,
  });
}

/** A linked channel whose digest fell due a minute ago. */
async function dueChannel(repos: Repos, p: Partnership, channelId: string, groupId: number | null) {
  const link = await repos.channels.upsert({
    partnershipId: p.id,
    platform: "slack",
    tenant: `T-${p.slug}`,
    channelId,
    groupId,
    digestEnabled: true,
  });
  await repos.schedules.put({
    partnershipId: p.id,
    kind: "digest",
    subject: digestSubject(link.id),
    spec: "mon 09:00",
    nextFireAt: new Date(NOW.getTime() - 60_000),
    enabled: true,
  });
  return link;
}

/** The demo partnership with two groups' channels (two each) and one whole-partnership channel, plus a
 * second partnership with its own group and channels; an enquiry only its asker, contact and admins read. */
async function twoPartnerships(repos: Repos) {
  const demo = await repos.partnerships.bySlug("demo");
  const jo = demo && (await repos.people.byHandle(demo.id, "jo"));
  const priya = demo && (await repos.people.byHandle(demo.id, "priya"));
  const [a, b] = demo ? await repos.groups.list(demo.id) : [];
  if (!demo || !jo || !priya || !a || !b) throw new Error("the demo partnership is missing");
  await overdueAction(repos, demo, a.id, jo.id, `Only for ${a.name}`);
  await overdueAction(repos, demo, b.id, jo.id, `Only for ${b.name}`);
  await repos.enquiries.insert({
    partnershipId: demo.id,
    number: await repos.partnerships.nextEnquiryNumber(demo.id),
    askerId: priya.id,
    askedOn: "slack",
    text: SECRET,
    topicId: null,
    assigneeId: jo.id,
    createdAt: new Date(NOW.getTime() - 21 * DAY),
  });
  const north = await setUpPartnership(repos, {
    name: "North Fells Partnership",
    slug: "north",
    timeZone: "Europe/London",
    adminName: "Nia North",
    adminEmail: "nia.north@example.gov.uk",
    adminHandle: "nia",
  });
  const fells = await repos.groups.create({
    partnershipId: north.partnership.id,
    slug: "fells",
    name: "Fells",
  });
  await overdueAction(repos, north.partnership, fells.id, north.admin.id, NORTH_ONLY);
  const links = [
    await dueChannel(repos, demo, "CA1", a.id),
    await dueChannel(repos, north.partnership, "CN1", fells.id),
    await dueChannel(repos, demo, "CB1", b.id),
    await dueChannel(repos, demo, "CA2", a.id),
    await dueChannel(repos, demo, "CALL", null),
    await dueChannel(repos, north.partnership, "CN2", fells.id),
    await dueChannel(repos, demo, "CB2", b.id),
  ];
  return { demo, north: north.partnership, admin: jo, groups: [a, b], links };
}

const asStored = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

describe("digests fired together", () => {
  it("post in each channel exactly what composing that channel alone gives, and nothing of another's", async () => {
    const world = await store().transaction(twoPartnerships);
    // Batches of two: partnerships interleave, and the tick's snapshots serve several transactions.
    const report = await fireDueSchedules(store(), h.clock, { ...DEFAULT_FIRE_OPTIONS, batch: 2 });
    expect(report.enqueued).toBeGreaterThanOrEqual(world.links.length);
    const rows = await h.database.db.select().from(outbox).where(eq(outbox.kind, "digest"));
    const byChannel = new Map(rows.map((r) => [String(r.target.id), r]));

    await store().transaction(async (repos) => {
      for (const link of world.links) {
        const p = link.partnershipId === world.demo.id ? world.demo : world.north;
        const alone = composeDigest(await loadSnapshot(repos, p, NOW), link, CHANNEL_AUDIENCE);
        if (!alone) throw new Error(`every channel here has an overdue action (${link.channelId})`);
        expect(byChannel.get(link.channelId)?.payload, link.channelId).toEqual(asStored(payloadOf(alone)));
      }
    });

    const posted = (id: string) => JSON.stringify(byChannel.get(id)?.payload);
    const [a, b] = world.groups;
    for (const id of ["CA1", "CA2", "CB1", "CB2", "CALL"]) expect(posted(id)).not.toContain("NORTH-ONLY");
    for (const id of ["CN1", "CN2"]) expect(posted(id)).not.toContain("Only for");
    for (const id of ["CA1", "CA2"]) expect(posted(id)).not.toContain(`Only for ${b?.name}`);
    for (const id of ["CB1", "CB2"]) expect(posted(id)).not.toContain(`Only for ${a?.name}`);
    for (const r of rows) expect(JSON.stringify(r.payload)).not.toContain("SECRET-Q");
    expect(posted("CALL")).toMatch(/questions? past the reply target that only/);
  });

  it("never gives a channel the card composed for a person who may read more", async () => {
    const world = await store().transaction(twoPartnerships);
    await store().transaction(async (repos) => {
      const s = await loadSnapshot(repos, world.demo, NOW);
      const whole = world.links.find((l) => l.channelId === "CALL") as ChannelLink;
      const forAdmin = composeDigest(s, whole, personViewer(world.admin));
      expect(JSON.stringify(forAdmin)).toContain("SECRET-Q");
      const forChannel = channelDigest(s, whole);
      expect(JSON.stringify(forChannel)).not.toContain("SECRET-Q");
      expect(forChannel).toEqual(composeDigest(s, whole, CHANNEL_AUDIENCE));
      // The same group's other channel shares the card; another group's does not.
      const link = (id: string) => world.links.find((l) => l.channelId === id) as ChannelLink;
      const [a1, a2, b1] = [link("CA1"), link("CA2"), link("CB1")];
      expect(channelDigest(s, a2)).toBe(channelDigest(s, a1));
      expect(channelDigest(s, b1)).not.toEqual(channelDigest(s, a1));
      expect(channelDigest(s, a1, { delayed: true })?.title).toMatch(/\(delayed\)$/);
      expect(channelDigest(s, a1)?.title).not.toMatch(/\(delayed\)/);
    });
  });
});

describe("the snapshot's meetings", () => {
  it("are those of every meeting, though only those that may meet around the horizon are read", async () => {
    await store().transaction(async (repos) => {
      const p = await repos.partnerships.bySlug("demo");
      const [g] = p ? await repos.groups.list(p.id) : [];
      if (!p || !g) throw new Error("the demo partnership is missing");
      const at = (days: number, hhmm: string) =>
        new Date(`${localDate(new Date(NOW.getTime() + days * DAY), "UTC")}T${hhmm}:00Z`);
      const meeting = (title: string, startsAt: Date, more: Record<string, unknown> = {}) =>
        repos.meetings.insert({
          partnershipId: p.id,
          groupId: g.id,
          title,
          startsAt,
          durationMinutes: 120,
          place: null,
          rrule: null,
          papersDaysBefore: 5,
          createdBy: null,
          ...more,
        });
      const long = await meeting("Long past", at(-400, "10:00"));
      await meeting("Far ahead", at(200, "10:00"));
      const later = at(300, "10:00");
      await meeting("Moved from far ahead", later, {
        moves: { [localDate(later, p.timeZone)]: at(3, "14:00").toISOString() },
      });
      await meeting("Weekly for years", at(-3 * 365, "11:00"), { rrule: "FREQ=WEEKLY" });
      await meeting("Weekly from spring", at(100, "11:00"), { rrule: "FREQ=WEEKLY" });
      // Saturday two days ago, held on the next working day: today (NOW is Monday 09:30) at 15:00.
      await meeting("Saturday, held Monday", at(-2, "15:00"), { adjust: "next" });
      // Saturday just past the horizon, held the Friday before, inside it.
      await meeting("Saturday, held Friday", at(61, "08:00"), { adjust: "previous" });

      const s = await loadSnapshot(repos, p, NOW);
      const closures = p.closureDays ?? [];
      const everyMeeting = upcoming(await repos.meetings.list(p.id), p.timeZone, NOW, 60, 10_000, closures);
      const seen = (list: typeof s.occurrences) =>
        list.map((o) => `${o.meeting.title} ${o.startsAt.toISOString()} ${o.ruleDate}`);
      expect(seen(s.occurrences)).toEqual(seen(everyMeeting));
      const titles = new Set(s.occurrences.map((o) => o.meeting.title));
      for (const t of [
        "Moved from far ahead",
        "Weekly for years",
        "Saturday, held Monday",
        "Saturday, held Friday",
      ])
        expect(titles, t).toContain(t);
      const read = await repos.meetings.mayMeetBetween(
        p.id,
        new Date(NOW.getTime() - DAY),
        new Date(NOW.getTime() + 60 * DAY),
      );
      expect(read.map((m) => m.id)).not.toContain(long.id);
    });
  });
});

// A group's .ics read back by ical.js (not the generator, not luxon) must list what meeting list lists:
// the same meetings at the same local times across both clock changes, a cancelled one gone (EXDATE), a
// moved one at its new time (RECURRENCE-ID), series kept off holidays, and each papers deadline's day.
import { describe, expect, it } from "vitest";
import { calendarFeed } from "../../src/core/meetings/calendar.ts";
import { feedForGroup } from "../../src/core/meetings/calendar-links.ts";
import { upcomingAll } from "../../src/core/meetings/occurrences.ts";
import { feedToIcs } from "../../src/documents/calendar-ics.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import type { Harness } from "../helpers/harness.ts";
import { useHarness } from "../helpers/harness.ts";
import { londonText, readCalendar } from "../helpers/ical-read.ts";

const h = useHarness();
const DAY = 86_400_000;

async function sourceOf(harness: Harness, slug: string) {
  return createStore(harness.database.db).transaction(async (repos) => {
    const p = await repos.partnerships.bySlug("demo");
    const g = p && (await repos.groups.bySlug(p.id, slug));
    const s = p && g && (await feedForGroup(repos, p.id, g.id));
    if (!s) throw new Error(`no group ${slug}`);
    return s;
  });
}

async function icsOf(harness: Harness, slug: string): Promise<string> {
  const s = await sourceOf(harness, slug);
  const now = harness.clock.now();
  return feedToIcs(calendarFeed(s.partnership, s.group, s.meetings, now), now);
}

/** Every "<time> · … · M-<n>" meeting list shows for the group over `months`, all pages. */
async function listed(harness: Harness, user: string, slug: string, months: number): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; page < 10; page++) {
    const card = await harness.say(user, `meeting list group:${slug} months:${months} page:${page}`);
    const items = card.blocks.flatMap((b) => (b.kind === "items" ? b.items : []));
    for (const i of items) {
      const bits = (i.detail ?? "").split(" · ");
      out.push(`${bits.at(-1)} ${bits[0]}`);
    }
    if (!JSON.stringify(card.blocks).includes(`page:${page + 1}`)) break;
  }
  return out;
}

/** The feed's occurrences over the same range as `meeting list months:N` (upcoming, within months × 31 days). */
function fromFeed(ics: string, now: Date, months: number): string[] {
  const read = readCalendar(ics, new Date(now.getTime() - DAY), new Date(now.getTime() + months * 31 * DAY));
  return read.occurrences
    .filter((o) => o.end > now)
    .map((o) => `M-${/^meeting-(\d+)\./.exec(o.uid)?.[1]} ${londonText(o.start)}`);
}

describe("a group's calendar feed", () => {
  it("lists what meeting list lists, across both clock changes, without the cancelled one and with the moved one", async () => {
    const added = await h.say(
      "dave",
      'meeting add group:safer at:"1/3/2027 09:30" "Safer Essex weekly" for:1h repeat:"every Monday" place:"Police HQ, Chelmsford"',
    );
    const ref = /M-\d+/.exec(added.title)?.[0];
    expect(added.tone, JSON.stringify(added)).not.toBe("error");
    expect((await h.say("dave", `meeting cancel ${ref} 5/4/2027`)).tone).toBe("warning");
    const moved = await h.say("dave", `meeting move ${ref} 12/4/2027 to:"13/4/2027 14:00"`);
    expect(moved.tone, JSON.stringify(moved)).not.toBe("error");

    const ics = await icsOf(h, "safer");
    const months = 14;
    const list = await listed(h, "dave", "safer", months);
    const feed = fromFeed(ics, h.clock.now(), months);
    expect(list.length).toBeGreaterThan(50);
    expect(feed).toEqual(list);

    // ical.js's instants, from the feed's own VTIMEZONE: 09:30 GMT before the last Sunday of March and
    // after the last Sunday of October, 09:30 BST (08:30 UTC) between.
    const read = readCalendar(ics, new Date("2027-03-01T00:00:00Z"), new Date("2027-12-31T00:00:00Z"));
    const mine = read.occurrences.filter((o) => o.uid.startsWith(`meeting-${ref?.slice(2)}.`));
    const starts = mine.map((o) => o.start.toISOString());
    expect(starts).toContain("2027-03-22T09:30:00.000Z");
    expect(starts).toContain("2027-03-29T08:30:00.000Z");
    expect(starts).toContain("2027-10-25T08:30:00.000Z");
    expect(starts).toContain("2027-11-01T09:30:00.000Z");
    // Cancelled: gone, by an EXDATE in the series' zone. Moved: one override at its new time.
    expect(starts.some((s) => s.startsWith("2027-04-05"))).toBe(false);
    expect(ics).toMatch(/EXDATE;TZID=Europe\/London:20270405T093000/);
    expect(ics).toMatch(/RECURRENCE-ID;TZID=Europe\/London:20270412T093000/);
    expect(starts).toContain("2027-04-13T13:00:00.000Z");
    expect(starts.some((s) => s.startsWith("2027-04-12"))).toBe(false);
    // One series (one UID), with its location on every occurrence.
    // 44 Mondays from 1 March to 27 December 2027, less the cancelled one (the moved one is still in).
    expect(mine.length).toBe(43);
    expect(mine.every((o) => o.location === "Police HQ, Chelmsford")).toBe(true);
  });

  it("gives the same UID to the series on every fetch, and a papers-due day for every listed meeting", async () => {
    const first = await icsOf(h, "partners");
    h.clock.set(new Date(h.clock.now().getTime() + 40 * DAY));
    const later = await icsOf(h, "partners");
    const uids = (ics: string) => [...ics.matchAll(/^UID:(meeting-.*)$/gm)].map((m) => m[1]);
    expect(new Set(uids(later))).toEqual(new Set(uids(first)));

    const s = await sourceOf(h, "partners");
    const now = h.clock.now();
    const zone = s.partnership.timeZone;
    const due = upcomingAll(s.meetings, zone, now, 24 * 31, s.partnership.closureDays ?? []);
    expect(due.length).toBeGreaterThan(3);
    const papers = readCalendar(later, now, now).allDay;
    for (const o of due) expect(papers.map((p) => p.date)).toContain(o.papersDue);
    expect(papers.every((p) => p.summary.startsWith("Papers due: "))).toBe(true);
  });

  it("keeps a series that moves off bank holidays in step: the partners' board equals meeting list", async () => {
    const months = 36;
    const list = await listed(h, "jo", "partners", months);
    const feed = fromFeed(await icsOf(h, "partners"), h.clock.now(), months);
    expect(list.length).toBeGreaterThan(8);
    expect(feed).toEqual(list);
  });

  it("writes a VTIMEZONE with both of London's clock changes, and DTSTAMP in UTC", async () => {
    const ics = await icsOf(h, "hwb");
    expect(ics).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/London");
    expect(ics).toMatch(/BEGIN:DAYLIGHT\r\nDTSTART:\d{8}T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU/);
    expect(ics).toMatch(/BEGIN:STANDARD\r\nDTSTART:\d{8}T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU/);
    expect(ics).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r$/m);
  });
});

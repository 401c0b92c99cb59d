// Importing an .ics: an Outlook export (Windows zone name, EXDATE, a moved occurrence) becomes a series;
// bad files (unknown TZID, no DTSTART, not a calendar) get a clear refusal and write nothing; and Quorum's
// own feed, imported into another group, gives back the same meetings.
import { describe, expect, it } from "vitest";
import { type Context, contextFor } from "../../src/core/context.ts";
import { QuorumError } from "../../src/core/errors.ts";
import { calendarFeed } from "../../src/core/meetings/calendar.ts";
import { feedForGroup } from "../../src/core/meetings/calendar-links.ts";
import { type ImportedSeries, importSeries } from "../../src/core/meetings/import.ts";
import { upcomingAll } from "../../src/core/meetings/occurrences.ts";
import type { Group } from "../../src/core/types.ts";
import { feedToIcs } from "../../src/documents/calendar-ics.ts";
import { parseIcs } from "../../src/documents/ics-import.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { meetings } from "../../src/store/schema.ts";
import { countRows, type Harness, useHarness } from "../helpers/harness.ts";

const h = useHarness();
const ZONE = "Europe/London";

const OUTLOOK = (start: string) =>
  [
    "BEGIN:VCALENDAR",
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    "VERSION:2.0",
    "METHOD:PUBLISH",
    "BEGIN:VTIMEZONE",
    "TZID:GMT Standard Time",
    "BEGIN:STANDARD",
    "DTSTART:16011028T020000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:-0000",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010325T010000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    "TZOFFSETFROM:-0000",
    "TZOFFSETTO:+0100",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
    "BEGIN:VEVENT",
    "UID:040000008200E00074C5B7101A82E00800000000",
    "SUMMARY:Integrated Care Board",
    `DTSTART;TZID=GMT Standard Time:${start}`,
    "DTEND;TZID=GMT Standard Time:20270112T113000",
    "RRULE:FREQ=MONTHLY;BYDAY=2TU",
    "EXDATE;TZID=GMT Standard Time:20270413T100000",
    "LOCATION:Room 3\\, Seax House",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:040000008200E00074C5B7101A82E00800000000",
    "RECURRENCE-ID;TZID=GMT Standard Time:20270511T100000",
    "SUMMARY:Integrated Care Board",
    "DTSTART;TZID=GMT Standard Time:20270512T140000",
    "DTEND;TZID=GMT Standard Time:20270512T153000",
    "END:VEVENT",
    "END:VCALENDAR",
  ].join("\r\n");

/** Runs fn in one transaction as `who`, with the demo group `slug`, as the CLI's import does. */
async function inGroup<T>(
  harness: Harness,
  who: string,
  slug: string,
  fn: (ctx: Context, group: Group) => Promise<T>,
): Promise<T> {
  return createStore(harness.database.db).transaction(async (repos) => {
    const p = await repos.partnerships.bySlug("demo");
    const actor = p && (await repos.people.byHandle(p.id, who));
    const group = p && (await repos.groups.bySlug(p.id, slug));
    if (!p || !actor || !group) throw new Error("demo data missing");
    const ctx = contextFor(repos, p, actor, harness.clock.now(), {
      platform: "shell",
      tenant: "demo",
      conversation: { id: "cli", kind: "direct" },
    });
    return fn(ctx, group);
  });
}

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(QuorumError);
    return (err as Error).message;
  }
  throw new Error("not refused");
};

describe("reading an .ics", () => {
  it("reads an Outlook export: Windows zone, monthly rule, a cancelled and a moved occurrence", () => {
    const { series } = parseIcs(OUTLOOK("20270112T100000"), ZONE);
    expect(series).toHaveLength(1);
    const [s] = series as [ImportedSeries];
    expect(s.title).toBe("Integrated Care Board");
    expect(s.place).toBe("Room 3, Seax House");
    expect(s.rrule).toBe("FREQ=MONTHLY;BYDAY=2TU");
    expect(s.startsAt.toISOString()).toBe("2027-01-12T10:00:00.000Z");
    // 13 April is in BST: 10:00 local is 09:00 UTC.
    expect(s.cancelled.map((d) => d.toISOString())).toEqual(["2027-04-13T09:00:00.000Z"]);
    expect(s.moves.map((m) => [m.was.toISOString(), m.to.toISOString()])).toEqual([
      ["2027-05-11T09:00:00.000Z", "2027-05-12T13:00:00.000Z"],
    ]);
  });

  it.each([
    [
      "an unknown TZID",
      OUTLOOK("20270112T100000").replace(/GMT Standard Time:2027011/, "Narnia Time:2027011"),
      /time zone "Narnia Time", which Quorum does not know/,
    ],
    [
      "no DTSTART",
      OUTLOOK("20270112T100000").replace(/DTSTART;TZID=GMT Standard Time:20270112T100000\r\n/, ""),
      /has no start \(DTSTART\)/,
    ],
    ["a file that is not a calendar", "PK\u0003\u0004 this is a zip", /not an iCalendar \(\.ics\) file/],
    ["a calendar with no events", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR", /no events \(VEVENT\)/],
  ])("refuses %s with a clear message", (_what, text, message) => {
    expect(refusal(() => parseIcs(text, ZONE))).toMatch(message);
  });
});

describe("importing series", () => {
  it("creates the Outlook series in a group for its chair, with the cancelled and moved dates", async () => {
    const { series } = parseIcs(OUTLOOK("20270112T100000"), ZONE);
    const [made] = await inGroup(h, "dave", "safer", (ctx, group) => importSeries(ctx, group, series));
    expect(made?.cancelledDates).toEqual(["2027-04-13"]);
    expect(made?.moves).toEqual({ "2027-05-11": "2027-05-12T13:00:00.000Z" });
    const list = await h.text("dave", "meeting list group:safer months:8");
    expect(list).toContain("Tue 9 Mar 2027, 10:00");
    expect(list).not.toContain("Tue 13 Apr 2027");
    expect(list).toContain("Wed 12 May 2027, 14:00");
  });

  it("refuses someone who is not the group's chair or an admin, and writes nothing", async () => {
    const before = await countRows(h, meetings);
    const { series } = parseIcs(OUTLOOK("20270112T100000"), ZONE);
    await expect(
      inGroup(h, "tom", "safer", (ctx, group) => importSeries(ctx, group, series)),
    ).rejects.toThrow(/chair or an admin/);
    expect(await countRows(h, meetings)).toBe(before);
  });

  it("writes nothing when one of several series is bad", async () => {
    const before = await countRows(h, meetings);
    const { series } = parseIcs(OUTLOOK("20270112T100000"), ZONE);
    const bad = { ...(series[0] as ImportedSeries), title: "x".repeat(300) };
    await expect(
      inGroup(h, "dave", "safer", (ctx, group) => importSeries(ctx, group, [...series, bad])),
    ).rejects.toThrow(/limit is 200/);
    expect(await countRows(h, meetings)).toBe(before);
  });

  it("round-trips: the partners' feed imported into another group lists the same meetings", async () => {
    const moved = await h.say("jo", 'meeting move M-1 22/4/2027 to:"23/4/2027 14:00"');
    expect(moved.tone, JSON.stringify(moved)).not.toBe("error");
    const source = await inGroup(h, "jo", "partners", (ctx, g) =>
      feedForGroup(ctx.repos, ctx.partnership.id, g.id),
    );
    if (!source) throw new Error("no feed");
    const now = h.clock.now();
    const ics = feedToIcs(calendarFeed(source.partnership, source.group, source.meetings, now), now);
    const parsed = parseIcs(ics, ZONE);
    expect(parsed.skippedAllDay).toBeGreaterThan(0);
    const made = await inGroup(h, "jo", "escg", (ctx, group) => importSeries(ctx, group, parsed.series));
    const when = (ms: typeof made) =>
      upcomingAll(ms, ZONE, now, 2 * 366, []).map(
        (o) =>
          `${o.meeting.title} ${o.startsAt.toISOString()} ${o.endsAt.toISOString()} ${o.meeting.place} papers ${o.papersDue}`,
      );
    const original = when(source.meetings);
    expect(original.length).toBeGreaterThan(6);
    expect(when(made)).toEqual(original);
    expect(made.map((m) => m.papersDaysBefore)).toEqual(source.meetings.map((m) => m.papersDaysBefore));
  });
});

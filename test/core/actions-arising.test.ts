// Actions arising from a meeting: meeting:M-<n>[@date] records the occurrence, show and lists name it, and
// occurrenceActions gives an occurrence's actions arising and the open ones carried from earlier meetings.
import { describe, expect, it } from "vitest";
import { contextFor } from "../../src/core/context.ts";
import { chooseOccurrence, occurrenceActions } from "../../src/core/meetings/arising.ts";
import { localDate } from "../../src/core/time/zone.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { actions } from "../../src/store/schema.ts";
import { countRows, type Harness, NOW, useHarness } from "../helpers/harness.ts";

const h = useHarness();

/** Adds an action as jo and returns its number, read from the reply's title. */
async function add(line: string): Promise<number> {
  const reply = await h.say("jo", `action add ${line}`);
  const n = /^A-(\d+) added/.exec(reply.title)?.[1];
  if (!n) throw new Error(`not added: ${reply.title}`);
  return Number(n);
}

/** Runs fn with a Context as jo at the harness clock, inside one transaction. */
async function asJo<T>(harness: Harness, fn: (ctx: ReturnType<typeof contextFor>) => Promise<T>): Promise<T> {
  return createStore(harness.database.db).transaction(async (repos) => {
    const p = await repos.partnerships.bySlug("demo");
    const jo = p && (await repos.people.byHandle(p.id, "jo"));
    if (!p || !jo) throw new Error("demo data missing");
    return fn(
      contextFor(repos, p, jo, harness.clock.now(), {
        platform: "shell",
        tenant: "local",
        conversation: { id: "shell:jo", kind: "direct" },
      }),
    );
  });
}

describe("action add meeting:M-<n>[@date]", () => {
  it("records the latest meeting held when no date is given, and show and lists name it", async () => {
    // M-1, the Essex Partners Board, meets quarterly on the 22nd: last on Thu 22 Oct 2026 (NOW is 23 Nov).
    const added = await h.text("jo", 'action add "Map winter capacity" owner:@sam meeting:M-1');
    expect(added).toContain("from M-1, Thu 22 Oct 2026");
    const n = /A-(\d+) added/.exec(added)?.[1];
    const shown = await h.text("jo", `action show A-${n}`);
    expect(shown).toMatch(/Arose at: M-1, Thu 22 Oct 2026/);
    expect(shown).toContain("Group: partners");
    expect(await h.text("jo", "actions group:partners")).toContain("from M-1, Thu 22 Oct 2026");
  });

  it("records the occurrence on the date given, in any date format", async () => {
    const n = await add('"Draft the strategy" owner:@sam meeting:M-1@22/1/2027');
    expect(await h.text("jo", `action show A-${n}`)).toContain("Arose at: M-1, Fri 22 Jan 2027");
  });

  it.each([
    ["meeting:M-1@23/1/2027", /M-1 does not meet on Sat 23 Jan.*Fri 22 Jan 2027/],
    ["meeting:M-99", /There is no meeting M-99/],
    ["meeting:M-1@whenever", /couldn't read "whenever"/],
    ["meeting:M-1 group:hwb", /M-1 is not a meeting of Health and Wellbeing Board/],
  ])("refuses %s and writes nothing", async (option, message) => {
    const before = await countRows(h, actions);
    const reply = await h.say("jo", `action add "Something" owner:@sam ${option}`);
    expect(reply.tone).toBe("error");
    expect(reply.title).toMatch(message);
    expect(await countRows(h, actions)).toBe(before);
  });
});

describe("occurrenceActions (for meeting show)", () => {
  it("lists an occurrence's actions arising and the open ones carried from earlier occurrences", async () => {
    const july = await add('"From July" owner:@sam meeting:M-1@22/7/2026');
    const julyDone = await add('"Also from July, done" owner:@sam meeting:M-1@22/7/2026');
    expect(await h.text("jo", `action done A-${julyDone}`)).toMatch(/done by/);
    const october = await add('"From October" owner:@priya meeting:M-1@22/10/2026');
    const dropped = await add('"October, dropped" owner:@priya meeting:M-1@22/10/2026');
    expect(await h.text("jo", `action drop A-${dropped} Overtaken by events`)).toMatch(/dropped/);
    const got = await asJo(h, async (ctx) => {
      const occurrence = chooseOccurrence(ctx, await meetingOne(ctx), "22/10/2026", "next");
      return occurrenceActions(ctx, occurrence);
    });
    expect(localDate(got.occurrence.startsAt, "Europe/London")).toBe("2026-10-22");
    expect(got.occurrence.papersDue).toBe("2026-10-15");
    expect(got.previous && localDate(got.previous.startsAt, "Europe/London")).toBe("2026-07-22");
    expect(got.arising.map((a) => [a.number, a.status])).toEqual([
      [october, "open"],
      [dropped, "dropped"],
    ]);
    expect(got.carried.map((a) => a.number)).toEqual([july]);
  });

  it("picks the next occurrence for papers and the latest held for actions when no date is given", async () => {
    const [next, held] = await asJo(h, async (ctx) => {
      const m = await meetingOne(ctx);
      return [chooseOccurrence(ctx, m, null, "next"), chooseOccurrence(ctx, m, null, "held")];
    });
    expect(localDate(next.startsAt, "Europe/London")).toBe("2027-01-22");
    expect(localDate(held.startsAt, "Europe/London")).toBe("2026-10-22");
    expect(NOW < next.startsAt && held.startsAt < NOW).toBe(true);
  });
});

async function meetingOne(ctx: ReturnType<typeof contextFor>) {
  const m = await ctx.repos.meetings.byId(ctx.partnership.id, 1);
  if (!m) throw new Error("M-1 missing from the demo");
  return m;
}

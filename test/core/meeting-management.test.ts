// Issue 12's report, bullet by bullet: board cycles in plain English, meetings and papers kept off weekends
// and holidays, meetings that can be shown, moved and updated with clash warnings and notices, and lists
// that say how many more there are.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Block, Card } from "../../src/core/card.ts";
import { meetings, outbox, partnerships } from "../../src/store/schema.ts";
import { countRows, useHarness } from "../helpers/harness.ts";

const h = useHarness();
const buttons = (c: Card) =>
  c.blocks.flatMap((b: Block) =>
    b.kind === "buttons" ? b.buttons : b.kind === "items" ? b.items.flatMap((i) => i.buttons ?? []) : [],
  );
const add = (line: string, who = "jo") => h.say(who, `meeting add group:assembly ${line}`);
const newRef = (c: Card) => /M-\d+/.exec(c.title)?.[0] ?? "";

describe("board cycles in plain English", () => {
  it.each([
    ["second Thursday of every month", "14/1/2027 10:00", "Thu 14 Jan 2027, 10:00"],
    ["first Tuesday of March and September", "1/3/2027 10:00", "Tue 2 Mar 2027, 10:00"],
    ["last Wednesday of every quarter", "1/1/2027 10:00", "Wed 27 Jan 2027, 10:00"],
    ["every other Tuesday", "1/12/2026 10:00", "Tue 1 Dec 2026, 10:00"],
    ["every 6 weeks on Monday", "1/12/2026 10:00", "Mon 7 Dec 2026, 10:00"],
    ["annually on 1 April", "1/1/2027 10:00", "Thu 1 Apr 2027, 10:00"],
  ])("schedules %j and reads it back in the same words", async (phrase, at, first) => {
    const reply = await add(`at:"${at}" repeat:"${phrase}"`);
    expect(reply.tone).not.toBe("error");
    const body = JSON.stringify(reply.blocks);
    expect(body).toContain(first);
    expect(body).toContain(`repeating ${phrase}`);
    expect(await h.text("jo", `meeting show ${newRef(reply)}`)).toContain(`Repeats: ${phrase}`);
  });

  it("answers a phrase it cannot read with examples, and schedules nothing", async () => {
    const before = await countRows(h, meetings);
    const reply = await add('at:"1/12/2026 10:00" repeat:"whenever the chair fancies"');
    expect(reply.tone).toBe("error");
    expect(reply.title).toContain('I couldn\'t read "whenever the chair fancies" as a repeat');
    expect(reply.title).toContain('"second Thursday of every month"');
    expect(reply.title).toContain('"every 6 weeks on Monday"');
    expect(await countRows(h, meetings)).toBe(before);
  });

  it("asks which is meant by 'every second Thursday' rather than guessing", async () => {
    const reply = await add('at:"1/12/2026 10:00" repeat:"every second Thursday"');
    expect(reply.tone).toBe("error");
    expect(reply.title).toContain('could mean "every other Thursday" or "second Thursday of every month"');
  });
});

describe("meetings and papers on working days", () => {
  it("flags 'every March and September' from Thu 18 Mar 2027 landing on Sat 18 Sep, and moves it in one word", async () => {
    const reply = await add('at:"18/3/2027 13:30" "Assembly" repeat:"every March and September"');
    expect(reply.tone).toBe("warning");
    const body = JSON.stringify(reply.blocks);
    expect(body).toContain("Sat 18 Sep 2027 (a Saturday)");
    const ref = newRef(reply);
    expect(buttons(reply).map((b) => b.command)).toEqual([
      `meeting move ${ref} all to:next`,
      `meeting move ${ref} all to:previous`,
    ]);
    const listed = await h.say("jo", "meetings group:assembly months:12");
    const flagged = listed.blocks.flatMap((b) => (b.kind === "items" ? b.items : [])).find((i) => i.flag);
    expect(flagged?.flag).toBe("on a Saturday");
    expect(flagged?.buttons?.[0]?.command).toBe(`meeting move ${ref} 2027-09-18 to:next`);
    const moved = await h.text("martin", `meeting move ${ref} all to:next`);
    expect(moved).toContain("now move to the next working day");
    expect(moved).toContain("Sat 18 Sep → Mon 20 Sep 2027, 13:30");
  });

  it("moves one occurrence to the previous working day, for that date only", async () => {
    const reply = await add('at:"18/3/2027 13:30" "Assembly" repeat:"every March and September"');
    const ref = newRef(reply);
    const moved = await h.text("martin", `meeting move ${ref} 18/9/2027 to:previous`);
    expect(moved).toContain("moved from Sat 18 Sep 2027, 13:30 to Fri 17 Sep 2027, 13:30");
    const show = await h.text("jo", `meeting show ${ref} 17/9/2027`);
    expect(show).toContain("Moved, was: Sat 18 Sep");
    expect(await h.text("jo", `meeting show ${ref}`)).toContain("Sat 18 Mar 2028"); // the next one is untouched
  });

  it("never puts the demo boards or their papers deadlines on a weekend", async () => {
    const all = [
      await h.text("jo", "meeting list months:30"),
      await h.text("jo", "meeting list months:30 page:2"),
    ].join("\n");
    expect(all).not.toMatch(/(Sat|Sun) \d+ \w+ \d{4}, \d\d:\d\d/);
    expect(all).not.toMatch(/papers by (Sat|Sun)/);
    expect(all).toContain("Wed 8 Dec 2027, 14:00"); // HWB: second Wednesday, not Sat 11 Dec
  });

  it("counts papers deadlines in working days over Christmas and a partnership closure", async () => {
    // Safer Essex meets Thu 7 Jan 2027; 4 working days back skips 1 Jan and the 28 Dec substitute day.
    expect(await h.text("jo", "meeting show M-4 7/1/2027")).toContain("Papers deadline: Thu 31 Dec");
    const closed = await h.text("jo", "partnership closure add 24/12/2026..1/1/2027");
    expect(closed).toContain("Closed Thu 24 Dec to Fri 1 Jan");
    expect(await h.text("jo", "meeting show M-4 7/1/2027")).toContain("Papers deadline: Wed 23 Dec");
    expect(await h.text("jo", "partnership closure list")).toContain("Thu 24 Dec");
  });

  it("lets only an admin set closure days", async () => {
    const reply = await h.say("dave", "partnership closure add 24/12/2026");
    expect(reply.tone).toBe("error");
    const [p] = await h.database.db.select().from(partnerships);
    expect(p?.closureDays).toEqual([]);
  });
});

describe("meetings that can be managed", () => {
  it("shows a series with its rule in words and its next dates", async () => {
    const show = await h.text("amira", "meeting show M-2");
    expect(show).toContain("Repeats: third Thursday of March and September");
    expect(show).toContain("Papers: 10 working days before");
    expect(show).toContain("Thu 18 Mar 2027, 13:30");
  });

  it("moves one occurrence to a date, keeping its time, and tells the group's members", async () => {
    const moved = await h.text("dave", 'meeting move M-4 7/1/2027 to:"8/1/2027"');
    expect(moved).toContain("Safer Essex moved from Thu 7 Jan 2027, 09:30 to Fri 8 Jan 2027, 09:30");
    expect(moved).toContain("Told 4 members directly.");
    const notices = await h.database.db.select().from(outbox).where(eq(outbox.kind, "meeting-moved"));
    expect(notices).toHaveLength(4);
    const list = await h.text("dave", "meetings group:safer months:2");
    expect(list).toContain("Fri 8 Jan 2027, 09:30");
    expect(list).not.toContain("Thu 7 Jan 2027");
  });

  it("refuses a member who does not chair the group, changing nothing", async () => {
    const reply = await h.say("amira", 'meeting move M-4 7/1/2027 to:"8/1/2027"');
    expect(reply.title).toBe("Only Safer Essex's chair or an admin can add, cancel or change its meetings.");
    const update = await h.say("amira", "meeting update M-4 place:Basildon");
    expect(update.tone).toBe("error");
    const [m] = await h.database.db.select().from(meetings).where(eq(meetings.id, 4));
    expect(m?.moves).toEqual({});
    expect(m?.place).toBe("Online (Teams)");
  });

  it("updates a series from a date onwards, keeping the earlier meetings as they were", async () => {
    const reply = await h.text("dave", 'meeting update M-4 from:1/2/2027 at:14:00 place:"Chelmsford"');
    expect(reply).toMatch(/M-6 updated: Safer Essex/);
    expect(reply).toContain("Meetings before Mon 1 Feb stay as M-4; from then on it is M-6.");
    const list = await h.text("dave", "meetings group:safer months:4");
    expect(list).toContain("Thu 7 Jan 2027, 09:30 · Online (Teams)");
    expect(list).toContain("Mon 8 Feb 2027, 14:00 · Chelmsford");
    expect(list).not.toContain("Mon 8 Feb 2027, 09:30");
  });

  it("warns of a clash with the same group's meeting within two hours", async () => {
    const reply = await h.text("dave", 'meeting add group:safer at:"7/1/2027 10:30" "Safer Essex briefing"');
    expect(reply).toContain("Clash: the same group meets within two hours on Thu 7 Jan: Safer Essex (M-4)");
    const apart = await h.text("dave", 'meeting add group:safer at:"7/1/2027 15:00" "Afternoon session"');
    expect(apart).not.toContain("Clash");
  });

  it("restores a cancelled occurrence", async () => {
    await h.text("dave", "meeting cancel M-4 7/1/2027");
    expect(await h.text("dave", "meetings group:safer months:2")).not.toContain("Thu 7 Jan 2027");
    expect(await h.text("dave", "meeting restore M-4 2027-01-07")).toContain("is back on");
    expect(await h.text("dave", "meetings group:safer months:2")).toContain("Thu 7 Jan 2027");
  });
});

describe("lists that are cut say so", () => {
  it("says how many more meetings there are and how to see them", async () => {
    const first = await h.text("jo", "meeting list months:30");
    const total = Number(/Meetings in the next 30 months: 1–50 of (\d+)/.exec(first)?.[1]);
    expect(total).toBeGreaterThan(50);
    expect(first).toContain(
      `${total - 50} more: meeting list months:30 page:2, or narrow it with group: or fewer months:.`,
    );
    const second = await h.text("jo", "meeting list months:30 page:2");
    expect(second).toContain(`51–${total} of ${total}`);
    expect(second).not.toContain("more: meeting list");
  });
});

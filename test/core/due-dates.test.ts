// Due dates on actions as people write them, end to end: phrases, the next board's papers deadline, a
// date in the past asked about (button or --past), and weekends and bank holidays pointed out.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Block, Card } from "../../src/core/card.ts";
import { actions } from "../../src/store/schema.ts";
import { countRows, useHarness } from "../helpers/harness.ts";

const h = useHarness();

const dueOf = async (n: number) => {
  const [row] = await h.database.db.select().from(actions).where(eq(actions.number, n));
  return row?.dueOn;
};
const buttonsOf = (c: Card) => c.blocks.flatMap((b: Block) => (b.kind === "buttons" ? b.buttons : []));

describe("due dates in words (today is Mon 23 Nov 2026)", () => {
  it.each([
    ["end of Feb", "2027-02-26", "Due Fri 26 Feb 2027: the last working day of February 2027."],
    ["in a fortnight", "2026-12-07", "Due Mon 7 Dec: 2 weeks from today."],
    ["mid-January", "2027-01-15", "Due Fri 15 Jan 2027: the middle of January 2027."],
    ["before Christmas", "2026-12-24", "Due Thu 24 Dec: the last working day before Christmas 2026."],
    ["end of next week", "2026-12-04", "Due Fri 4 Dec: the last working day of next week."],
  ])("action add due:%s is due %s and the reply says how it was read", async (phrase, date, line) => {
    const reply = await h.text("jo", `action add "Phrase test" due:${phrase}`);
    expect(reply).toMatch(/^✓ A-13 added/);
    expect(reply).toContain(line);
    expect(await dueOf(13)).toBe(date);
  });

  it("refuses an impossible date, quoting it, and adds nothing", async () => {
    for (const line of ["action add Thing due:2026-13-01", "action add Thing due:2027-02-30"]) {
      const before = await countRows(h, actions);
      const reply = await h.say("jo", line);
      expect(reply.tone).toBe("error");
      expect(reply.title).toMatch(
        /"2026-13-01" is not a real date: there is no month 13|February 2027 has 28/,
      );
      expect(await countRows(h, actions)).toBe(before);
    }
  });
});

describe("before the next board", () => {
  it("uses the action's group's next meeting's papers deadline, and says so", async () => {
    // HWB next meets Wed 9 Dec (second Wednesday of every other month); papers are due 5 working days before.
    const reply = await h.text(
      "jo",
      'action add "Draft the prevention paper" group:hwb due:"before the next board"',
    );
    expect(reply).toContain(
      "Due Wed 2 Dec: the papers deadline for Health and Wellbeing Board on Wed 9 Dec 2026, 14:00.",
    );
    expect(await dueOf(13)).toBe("2026-12-02");
  });

  it("names the group by slug, name or initials", async () => {
    await h.say("jo", "action add First due:by the next HWB");
    await h.say("jo", "action add Second due:before the next Essex Partners Board");
    expect(await dueOf(13)).toBe("2026-12-02");
    expect(await dueOf(14)).toBe("2027-01-15");
  });

  it("re-dates an action by its own group's next meeting", async () => {
    // A-2 belongs to the partners board, which next meets on Fri 22 Jan 2027.
    const reply = await h.text("jo", "action due A-2 before the next board");
    expect(reply).toContain("the papers deadline for Essex Partners Board on Fri 22 Jan 2027, 10:00");
    expect(await dueOf(2)).toBe("2027-01-15");
  });

  it("asks which board when the action has no group, quoting the phrase", async () => {
    const reply = await h.say("jo", "action add Thing due:before the next board");
    expect(reply.tone).toBe("error");
    expect(reply.title).toMatch(/^Which board\? Add group:slug .* Groups: .*hwb/);
    const unknown = await h.say("jo", "action add Thing due:before the next choir");
    expect(unknown.title).toMatch(/no single group called "choir"/);
  });
});

describe("a due date in the past", () => {
  it.each([
    ["yesterday", "2026-11-22", "Sun 22 Nov"],
    ["1/1/2020", "2020-01-01", "Wed 1 Jan 2020"],
  ])("due:%s saves nothing and offers a Yes button that confirms it", async (phrase, date, shown) => {
    const before = await countRows(h, actions);
    const reply = await h.say("sam", `action add "Send the \\"late\\" minutes" owner:@priya due:${phrase}`);
    expect(reply.tone).toBe("warning");
    expect(reply.title).toBe(`${shown} is in the past: nothing saved yet`);
    expect(await countRows(h, actions)).toBe(before);
    const [yes] = buttonsOf(reply);
    expect(yes?.label).toBe(`Yes, due ${shown}`);
    expect(yes?.command).toBe(`action add "Send the \\"late\\" minutes" owner:@priya due:${date} --past`);
    // Pressing it runs that command as the presser: now it is saved, as typed.
    const added = await h.text("sam", yes?.command ?? "");
    expect(added).toMatch(/^✓ A-13 added for Dr Priya Nair/);
    const [row] = await h.database.db.select().from(actions).where(eq(actions.number, 13));
    expect(row).toMatchObject({ title: 'Send the "late" minutes', dueOn: date });
  });

  it("in the shell the reply shows the command with --past", async () => {
    const reply = await h.text("jo", "action due A-4 yesterday");
    expect(reply).toContain("In the shell, add --past");
    expect(reply).toContain("[Yes, due Sun 22 Nov: action due A-4 2026-11-22 --past]");
    expect(await dueOf(4)).not.toBe("2026-11-22");
    expect(await h.text("jo", "action due A-4 yesterday --past")).toMatch(/A-4 re-dated/);
    expect(await dueOf(4)).toBe("2026-11-22");
  });

  it("today is not the past, and clearing a date needs no confirmation", async () => {
    expect(await h.text("jo", "action due A-4 today")).toMatch(/A-4 re-dated/);
    expect(await h.text("jo", "action due A-4 none")).toMatch(/A-4 re-dated/);
    expect(await dueOf(4)).toBeNull();
  });
});

describe("a due date on a weekend or bank holiday", () => {
  it.each([
    ["5/12", "Sat 5 Dec is a Saturday."],
    ["2026-12-06", "Sun 6 Dec is a Sunday."],
    ["28/12", "Mon 28 Dec is a bank holiday: Boxing Day (substitute day)."],
    ["2027-03-26", "Fri 26 Mar 2027 is a bank holiday: Good Friday."],
  ])("due:%s is accepted and the reply says %j", async (phrase, line) => {
    const reply = await h.text("jo", `action add "Weekend test" due:${phrase}`);
    expect(reply).toMatch(/^✓ A-13 added/);
    expect(reply).toContain(line);
  });

  it("says nothing about an ordinary working day", async () => {
    const reply = await h.text("jo", "action add Weekday due:friday");
    expect(reply).not.toMatch(/Saturday|Sunday|bank holiday/);
  });
});

// Meetings end to end: scheduling with recurrence, next and list in London time, papers deadlines, and
// cancelling one occurrence of a series.
import { describe, expect, it } from "vitest";
import { meetings } from "../../src/store/schema.ts";
import { countRows, useHarness } from "../helpers/harness.ts";

const h = useHarness();

describe("meeting next and list", () => {
  it("shows the next meeting of a group with its papers deadline", async () => {
    const reply = await h.text("jo", "meeting next group:partners");
    expect(reply).toContain("Essex Partners Board");
    expect(reply).toContain("Fri 22 Jan 2027, 10:00");
    expect(reply).toContain("Fri 15 Jan"); // papers a week before
  });

  it("answers next on its own with the soonest meeting of any group", async () => {
    expect(await h.text("jo", "next")).toContain("Strategy workshop");
  });

  it("lists the assembly on the third Thursday of March and September, papers 10 working days before", async () => {
    const reply = await h.text("jo", "meetings group:assembly months:12");
    expect(reply).toContain("Thu 18 Mar 2027, 13:30");
    expect(reply).toContain("Thu 16 Sep 2027, 13:30");
    expect(reply).toContain("papers by Thu 4 Mar");
  });
});

describe("meeting add", () => {
  it("schedules a quarterly meeting in London time across DST", async () => {
    const added = await h.text(
      "helen",
      'meeting add group:hwb at:"14/1/2027 14:00" "HWB development session" repeat:"every quarter" place:"Zoom"',
    );
    expect(added).toMatch(/^! .*HWB development session/);
    // The board itself meets on the second Wednesday of every other month: 14 Apr 2027 at 14:00 too.
    expect(added).toContain(
      "Clash: the same group meets within two hours on Wed 14 Apr: Health and Wellbeing Board (M-3) at Wed 14 Apr 2027, 14:00",
    );
    const list = await h.text("helen", "meetings group:hwb months:7");
    expect(list).toContain("Wed 14 Apr 2027, 14:00"); // BST, still 14:00 local
    expect(list).toContain("Thu 14 Jan 2027, 14:00");
  });

  it.each([
    ['meeting add at:"friday 10:00"', /Which group is meeting\? Add group:slug/],
    ["meeting add group:hwb", /at:/],
    ['meeting add group:hwb at:"whenever"', /couldn't read "whenever" as a date/],
    ['meeting add group:hwb at:"friday 10:00" repeat:"every blue moon"', /as a repeat/],
    ['meeting add group:nope at:"friday 10:00"', /no group "nope"/],
  ])("refuses %j and schedules nothing", async (line, message) => {
    const before = await countRows(h, meetings);
    const reply = await h.say("helen", line);
    expect(reply.tone).toBe("error");
    expect(reply.title).toMatch(message);
    expect(await countRows(h, meetings)).toBe(before);
  });

  it("lets only the chair or an admin schedule a group's meeting, not an ordinary member", async () => {
    const before = await countRows(h, meetings);
    const outsider = await h.say("rob", 'meeting add group:hwb at:"friday 10:00" "Rob\'s meeting"');
    expect(outsider.title).toMatch(/Only Health and Wellbeing Board's chair or an admin/);
    // Priya sits on the HWB but does not chair it.
    const member = await h.say("priya", 'meeting add group:hwb at:"friday 10:00" "Priya\'s meeting"');
    expect(member.tone).toBe("error");
    expect(member.title).toMatch(/Only Health and Wellbeing Board's chair or an admin/);
    expect(await countRows(h, meetings)).toBe(before);
  });
});

describe("meeting cancel", () => {
  it("cancels one occurrence; the series goes on", async () => {
    const reply = await h.text("dave", "meeting cancel M-4 7/12");
    expect(reply).toMatch(/Safer Essex on Mon 7 Dec 2026, 09:30 is cancelled/);
    expect(reply).toContain("Later meetings in the series go ahead");
    const list = await h.text("dave", "meetings group:safer months:2");
    expect(list).not.toContain("7 Dec 2026");
    expect(list).toContain("Thu 7 Jan 2027");
  });

  it("says so when there is no meeting on that date", async () => {
    expect(await h.text("dave", "meeting cancel M-4 8/12")).toMatch(
      /no .*8 Dec|not on|doesn't meet|no Safer Essex/i,
    );
  });

  it("names an unknown meeting", async () => {
    expect(await h.text("dave", "meeting cancel M-99")).toMatch(/no meeting M-99/i);
  });
});

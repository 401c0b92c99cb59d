// Pure schedule and reminder rules with an injected "now": grace windows, no bursts, papers deadlines,
// day-before reminders, owners' working-day notices, and what a digest shows.
import { describe, expect, it } from "vitest";
import { upcoming } from "../../src/core/meetings/service.ts";
import { CHANNEL_AUDIENCE } from "../../src/core/questions/visibility.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { composeDigest } from "../../src/core/schedule/digest.ts";
import { DEFAULT_FIRE_OPTIONS, planFire } from "../../src/core/schedule/fire.ts";
import { planReminders } from "../../src/core/schedule/reminders.ts";
import type { Snapshot } from "../../src/core/schedule/snapshot.ts";
import type { ActionView, ChannelLink, Group, Meeting, Partnership } from "../../src/core/types.ts";

const LONDON = "Europe/London";
const at = (iso: string) => new Date(iso);

describe("planFire", () => {
  const weekly = { spec: "mon 09:00" };

  it("sends on time and schedules the next Monday", () => {
    const plan = planFire(
      { ...weekly, nextFireAt: at("2026-11-23T09:00:00Z") },
      LONDON,
      at("2026-11-23T09:00:20Z"),
      DEFAULT_FIRE_OPTIONS,
    );
    expect(plan.send).toEqual({ at: at("2026-11-23T09:00:00Z"), delayed: false });
    expect(plan.skipped).toEqual([]);
    expect(plan.next.toISOString()).toBe("2026-11-30T09:00:00.000Z");
  });

  it("sends late, marked delayed, inside the 6-hour grace window", () => {
    const plan = planFire(
      { ...weekly, nextFireAt: at("2026-11-23T09:00:00Z") },
      LONDON,
      at("2026-11-23T14:30:00Z"),
      DEFAULT_FIRE_OPTIONS,
    );
    expect(plan.send?.delayed).toBe(true);
  });

  it("skips an occurrence older than the grace window", () => {
    const plan = planFire(
      { ...weekly, nextFireAt: at("2026-11-23T09:00:00Z") },
      LONDON,
      at("2026-11-23T15:30:00Z"),
      DEFAULT_FIRE_OPTIONS,
    );
    expect(plan.send).toBeNull();
    expect(plan.skipped).toEqual([at("2026-11-23T09:00:00Z")]);
    expect(plan.next.toISOString()).toBe("2026-11-30T09:00:00.000Z");
  });

  it("after a long outage sends only the latest occurrence, never a burst", () => {
    // Down from Friday night to Tuesday 10:00: Saturday's to Tuesday's daily runs were missed.
    const plan = planFire(
      { spec: "daily 09:00", nextFireAt: at("2026-11-21T09:00:00Z") },
      LONDON,
      at("2026-11-24T10:00:00Z"),
      DEFAULT_FIRE_OPTIONS,
    );
    expect(plan.skipped.map((d) => d.toISOString())).toEqual([
      "2026-11-21T09:00:00.000Z",
      "2026-11-22T09:00:00.000Z",
      "2026-11-23T09:00:00.000Z",
    ]);
    expect(plan.send).toEqual({ at: at("2026-11-24T09:00:00Z"), delayed: true });
    expect(plan.next.toISOString()).toBe("2026-11-25T09:00:00.000Z");
  });

  it("keeps the Monday digest at 09:00 London after the clocks go forward", () => {
    const plan = planFire(
      { ...weekly, nextFireAt: at("2027-03-22T09:00:00Z") },
      LONDON,
      at("2027-03-22T09:00:05Z"),
      DEFAULT_FIRE_OPTIONS,
    );
    expect(plan.next.toISOString()).toBe("2027-03-29T08:00:00.000Z");
  });
});

// A small partnership: the HWB (group 1) has a linked channel, meets Friday 11 December 2026 at 14:00.
const partnership: Partnership = {
  id: 1,
  slug: "p",
  name: "Test Partners",
  timeZone: LONDON,
  replyTargetDays: 3,
  actionReminders: true,
  access: "domains",
};
const hwb: Group = {
  id: 1,
  partnershipId: 1,
  slug: "hwb",
  name: "Health and Wellbeing Board",
  theme: null,
  chairId: null,
  archivedAt: null,
  reminders: {},
};
const safer: Group = {
  ...hwb,
  id: 2,
  slug: "safer",
  name: "Safer Essex",
  reminders: { papersDaysBefore: null, dayBefore: false },
};
const link = (id: number, groupId: number | null, over: Partial<ChannelLink> = {}): ChannelLink => ({
  id,
  partnershipId: 1,
  groupId,
  platform: "slack",
  tenant: "T1",
  channelId: `C${id}`,
  name: `chan-${id}`,
  conversationRef: null,
  digestSchedule: "mon 09:00",
  digestEnabled: true,
  digestAllClear: true,
  status: "active",
  ...over,
});
const meeting = (id: number, groupId: number, startsAt: string): Meeting => ({
  id,
  partnershipId: 1,
  groupId,
  title: groupId === 1 ? "Health and Wellbeing Board" : "Safer Essex",
  startsAt: at(startsAt),
  durationMinutes: 120,
  place: "County Hall",
  rrule: null,
  papersDaysBefore: 5, // working days
  cancelledDates: [],
  agenda: [],
  adjust: null,
  moves: {},
});
let n = 0;
const action = (over: Partial<ActionView>): ActionView => ({
  id: ++n,
  partnershipId: 1,
  number: n,
  title: `Action ${n}`,
  ownerId: 10,
  organisationId: null,
  groupId: 1,
  meetingId: null,
  meetingDate: null,
  dueOn: null,
  status: "open",
  createdBy: 10,
  createdAt: at("2026-11-01T00:00:00Z"),
  closedAt: null,
  ownerName: "Helen Marsh",
  ownerHandle: "helen",
  orgCode: "ECC",
  groupSlug: "hwb",
  ...over,
});

function snapshot(
  nowIso: string,
  actions: ActionView[],
  meetings: Meeting[],
  links = [link(1, 1), link(2, 2)],
): Snapshot {
  const now = at(nowIso);
  return {
    partnership,
    now,
    today: nowIso.slice(0, 10),
    actions,
    occurrences: upcoming(meetings, LONDON, now, 60, 100, partnership.closureDays ?? []),
    groups: new Map([
      [1, hwb],
      [2, safer],
    ]),
    links,
    overdueEnquiries: [],
    people: new Map(),
  };
}

describe("planReminders", () => {
  const meetings = [meeting(1, 1, "2026-12-11T14:00:00Z"), meeting(2, 2, "2026-12-07T09:30:00Z")];

  it("reminds the group's channel 2 working days before the papers deadline", () => {
    // Papers due Friday 4 December; two working days before is Wednesday 2 December.
    const on = planReminders(snapshot("2026-12-02T09:00:00Z", [], meetings));
    expect(on.map((r) => [r.kind, "link" in r.to && r.to.link.id, r.card.title])).toEqual([
      ["papers", 1, "Papers for Health and Wellbeing Board are due Fri 4 Dec"],
    ]);
    expect(
      planReminders(snapshot("2026-12-01T09:00:00Z", [], meetings)).filter((r) => r.kind === "papers"),
    ).toEqual([]);
  });

  it("reminds the day before with the group's open actions, unless the group turned it off", () => {
    const open = action({ dueOn: "2026-12-09", title: "Winter plan" });
    const day = planReminders(snapshot("2026-12-10T09:00:00Z", [open], meetings)).filter(
      (r) => r.kind === "day-before",
    );
    expect(day).toHaveLength(1);
    expect(
      cardToText(day[0]?.card ?? { title: "", blocks: [], tone: "info", audience: "channel" }),
    ).toContain("Winter plan");
    // Safer Essex meets on the 7th but has day-before reminders off.
    expect(
      planReminders(snapshot("2026-12-06T09:00:00Z", [], meetings)).filter((r) => r.kind === "day-before"),
    ).toEqual([]);
  });

  it("tells owners 2 working days before an action is due, counting over weekends and bank holidays", () => {
    const dueMonday = action({ dueOn: "2026-11-30" });
    const dueTuesdayAfterChristmas = action({ dueOn: "2026-12-29" });
    expect(planReminders(snapshot("2026-11-26T09:00:00Z", [dueMonday], [])).map((r) => r.kind)).toEqual([
      "action-due",
    ]);
    expect(planReminders(snapshot("2026-11-27T09:00:00Z", [dueMonday], []))).toEqual([]);
    // 25 and 28 December 2026 are bank holidays: the working days before Tue 29 Dec are Thu 24 and Wed 23.
    const christmas = (day: string) =>
      planReminders(snapshot(`${day}T09:00:00Z`, [dueTuesdayAfterChristmas], []));
    expect(christmas("2026-12-23").map((r) => r.kind)).toEqual(["action-due"]);
    expect(christmas("2026-12-24")).toEqual([]);
    // Nothing is sent on a weekend.
    expect(planReminders(snapshot("2026-11-28T09:00:00Z", [action({ dueOn: "2026-12-02" })], []))).toEqual(
      [],
    );
  });

  it("tells owners of an action due on a weekend or a closure day once, and sends nothing on a closure day", () => {
    const dueSaturday = action({ dueOn: "2026-12-05" });
    const days = ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"];
    const told = days.filter((d) => planReminders(snapshot(`${d}T09:00:00Z`, [dueSaturday], [])).length > 0);
    // Thu 3 Dec + 2 working days is Mon 7 Dec, past the Saturday: Thursday's notice covers it.
    expect(told).toEqual(["2026-12-03"]);
    // The partnership closes Mon 30 Nov to Tue 1 Dec: an action due Wed 2 Dec is told about on Thu 26 Nov
    // (its 2 working days before skip the closure), and nothing goes out on the closure days themselves.
    const closed = (day: string, a: ActionView) => ({
      ...snapshot(`${day}T09:00:00Z`, [a], []),
      partnership: { ...partnership, closureDays: ["2026-11-30", "2026-12-01"] },
    });
    const dueWednesday = action({ dueOn: "2026-12-02" });
    expect(planReminders(closed("2026-11-26", dueWednesday)).map((r) => r.kind)).toEqual(["action-due"]);
    expect(planReminders(closed("2026-11-27", dueWednesday))).toEqual([]);
    expect(planReminders(closed("2026-12-01", action({ dueOn: "2026-12-03" })))).toEqual([]);
  });

  it("tells the owner once, the day an action becomes overdue", () => {
    const a = action({ dueOn: "2026-11-22" });
    expect(
      planReminders(snapshot("2026-11-23T09:00:00Z", [a], [])).map((r) => [r.kind, r.card.title]),
    ).toEqual([["action-overdue", `A-${a.number} is now overdue`]]);
    expect(planReminders(snapshot("2026-11-24T09:00:00Z", [a], []))).toEqual([]);
  });

  it("sends no owner reminders when the partnership turned them off", () => {
    const s = {
      ...snapshot("2026-11-23T09:00:00Z", [action({ dueOn: "2026-11-22" })], []),
      partnership: { ...partnership, actionReminders: false },
    };
    expect(planReminders(s)).toEqual([]);
  });
});

describe("composeDigest", () => {
  const actions = [
    action({ dueOn: "2026-11-20", orgCode: "NHS", title: "Overdue NHS item" }),
    action({ dueOn: "2026-11-10", orgCode: "ECC", title: "Overdue ECC item" }),
    action({ dueOn: "2026-11-26", title: "Due Thursday" }),
    action({ dueOn: "2026-11-25", groupId: 2, groupSlug: "safer", title: "Safer item" }),
  ];

  it("groups overdue actions by organisation, lists the week ahead and the next meeting, scoped to the channel's group", () => {
    const text = cardToText(
      composeDigest(
        snapshot("2026-11-23T09:00:00Z", actions, [meeting(1, 1, "2026-12-11T14:00:00Z")]),
        link(1, 1),
        CHANNEL_AUDIENCE,
      ) as never,
    );
    expect(text.split("\n")[0]).toBe("! Health and Wellbeing Board: digest for Mon 23 Nov");
    expect(text.indexOf("Overdue: ECC (1)")).toBeLessThan(text.indexOf("Overdue: NHS (1)"));
    expect(text).toContain("Due in the next 7 days (1)");
    expect(text).toContain("[Done: action done A-");
    expect(text).toContain("Fri 11 Dec 2026, 14:00");
    expect(text).not.toContain("Safer item");
  });

  it("says all clear on a quiet week, or nothing if the channel chose silence", () => {
    const quiet = snapshot("2026-11-23T09:00:00Z", [], []);
    expect(cardToText(composeDigest(quiet, link(1, 1), CHANNEL_AUDIENCE) as never)).toContain("All clear");
    expect(composeDigest(quiet, link(1, 1, { digestAllClear: false }), CHANNEL_AUDIENCE)).toBeNull();
  });

  it("marks a late digest as delayed", () => {
    expect(
      composeDigest(snapshot("2026-11-23T12:00:00Z", [], []), link(1, 1), CHANNEL_AUDIENCE, {
        delayed: true,
      })?.title,
    ).toMatch(/\(delayed\)$/);
  });
});

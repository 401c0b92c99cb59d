// Issue 12 item 4: agendas (anyone until the papers deadline, then the chair decides), apologies (names for
// the chair only), the papers link, the decisions log, and meeting show giving an occurrence in full.
// The demo's Health and Wellbeing Board (M-3, chaired by Helen) next meets Wed 9 Dec 2026 14:00, papers by
// Wed 2 Dec; it last met Wed 14 Oct 2026. NOW is Mon 23 Nov 2026.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Block, Card } from "../../src/core/card.ts";
import type { InboundEvent } from "../../src/core/inbound.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { planReminders } from "../../src/core/schedule/reminders.ts";
import { loadSnapshot } from "../../src/core/schedule/snapshot.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { agendaItems, apologies, decisions, papersLinks } from "../../src/store/schema.ts";
import { countRows, useHarness } from "../helpers/harness.ts";

const h = useHarness();
const AFTER_DEADLINE = new Date("2026-12-03T09:30:00Z");
const itemTitles = (c: Card, heading: string) =>
  c.blocks
    .filter(
      (b): b is Extract<Block, { kind: "items" }> =>
        b.kind === "items" && (b.heading ?? "").startsWith(heading),
    )
    .flatMap((b) => b.items.map((i) => i.title));

describe("agenda add, list and remove", () => {
  it("lets any member propose an item before the papers deadline, with a presenter and a paper", async () => {
    const added = await h.say(
      "sam",
      'agenda add M-3 "Winter pressures update" by:@priya paper:https://essex.example/papers/winter.pdf',
    );
    expect(added.tone).toBe("success");
    expect(added.title).toContain("Item 1 on the agenda for Health and Wellbeing Board on Wed 9 Dec 2026");
    expect(cardToText(added)).toContain("until the papers deadline, Wed 2 Dec");
    await h.say("lucy", 'agenda add M-3 9/12/2026 "Better Care Fund plan"');
    const list = await h.say("tom", "agenda list M-3");
    expect(itemTitles(list, "Agenda")).toEqual(["1. Winter pressures update", "2. Better Care Fund plan"]);
    const text = cardToText(list);
    expect(text).toContain(
      "by Dr Priya Nair · paper: https://essex.example/papers/winter.pdf · proposed by Sam",
    );
    expect(text).toContain("Papers deadline: Wed 2 Dec");
  });

  it("after the papers deadline refuses a member, says the chair decides, and marks the chair's item late", async () => {
    h.clock.set(AFTER_DEADLINE);
    const refused = await h.say("sam", 'agenda add M-3 "Late item"');
    expect(refused.error?.code).toBe("forbidden");
    expect(refused.title).toContain("The papers deadline for Health and Wellbeing Board on Wed 9 Dec 2026");
    expect(refused.title).toContain("was Wed 2 Dec");
    expect(refused.title).toContain(
      "only Health and Wellbeing Board's chair (Helen Marsh, @helen) or an admin",
    );
    expect(await countRows(h, agendaItems)).toBe(0);
    const chair = await h.say("helen", 'agenda add M-3 "Urgent: flu vaccine uptake"');
    expect(chair.tone).toBe("success");
    expect(cardToText(chair)).toContain("Added after the papers deadline");
    const admin = await h.say("jo", 'agenda add M-3 "Any other business"');
    expect(admin.tone).toBe("success");
    const list = await h.say("sam", "agenda M-3");
    const flags = list.blocks.flatMap((b) => (b.kind === "items" ? b.items.map((i) => i.flag) : []));
    expect(flags).toEqual(["added after the papers deadline", "added after the papers deadline"]);
    expect(cardToText(list)).toContain("passed: the chair decides");
  });

  it("takes an item off for its proposer or the chair, and refuses anyone else", async () => {
    await h.say("sam", 'agenda add M-3 "Sam\'s item"');
    await h.say("lucy", 'agenda add M-3 "Lucy\'s item"');
    const refused = await h.say("lucy", "agenda remove M-3 1");
    expect(refused.error?.code).toBe("forbidden");
    expect(refused.title).toContain("Only whoever proposed item 1");
    expect((await h.say("lucy", "agenda remove M-3 2")).title).toContain("Removed from the agenda");
    expect((await h.say("helen", "agenda remove M-3 1")).tone).toBe("success");
    expect(await countRows(h, agendaItems)).toBe(0);
    const missing = await h.say("helen", "agenda remove M-3 1");
    expect(missing.error?.code).toBe("not_found");
    expect(missing.title).toContain("is empty");
  });

  it.each([
    ["javascript:alert(1)", "Only web links (https:// or http://)"],
    ["ftp://files.example/papers.pdf", "not ftp: links"],
    ["https://jo:secret@essex.example/papers", "user name or password"],
    ["not-a-link", "is not a web address"],
  ])("refuses the paper link %j and stores nothing", async (link, message) => {
    const reply = await h.say("sam", `agenda add M-3 "Item" paper:${link}`);
    expect(reply.tone).toBe("error");
    expect(reply.title).toContain(message);
    expect(await countRows(h, agendaItems)).toBe(0);
  });

  it("refuses an item for a date the meeting does not meet, naming the dates it does", async () => {
    const reply = await h.say("sam", 'agenda add M-3 10/12/2026 "Item"');
    expect(reply.error?.code).toBe("not_found");
    expect(reply.title).toContain("M-3 does not meet on Thu 10 Dec");
    expect(reply.title).toContain("Wed 9 Dec 2026");
  });

  it("closes an archived group's meetings to new business, and still lets them be read", async () => {
    await h.say("sam", 'agenda add M-3 "Before the archive"');
    await h.database.db.execute(sql`update groups set archived_at = now() where slug = 'hwb'`);
    const refused = await h.say("sam", 'agenda add M-3 "After the archive"');
    expect(refused.tone).toBe("error");
    expect(refused.title).toContain("Health and Wellbeing Board is archived");
    expect((await h.say("helen", 'decision add M-3 "Too late"')).tone).toBe("error");
    expect(itemTitles(await h.say("tom", "agenda list M-3"), "Agenda")).toEqual(["1. Before the archive"]);
  });

  it("keeps an empty item out", async () => {
    const reply = await h.say("sam", "agenda add M-3");
    expect(reply.tone).toBe("error");
    expect(await countRows(h, agendaItems)).toBe(0);
  });
});

describe("apologies", () => {
  it("shows the count to everyone and names and notes to the chair only", async () => {
    const sent = await h.say("priya", 'apologies M-3 "On leave; Tom attends for the ICB"');
    expect(sent.title).toContain("Apologies sent for Health and Wellbeing Board on Wed 9 Dec 2026");
    expect(sent.audience).toBe("personal");
    await h.say("lucy", "apologies M-3 9/12/2026");
    const member = await h.text("sam", "meeting show M-3 9/12/2026");
    expect(member).toContain("Apologies: 2 sent");
    expect(member).not.toContain("Priya");
    expect(member).not.toContain("On leave");
    expect(await h.text("priya", "meeting show M-3 9/12/2026")).toContain(
      "Apologies: 2 sent, yours included",
    );
    const chair = await h.say("helen", "meeting show M-3 9/12/2026");
    expect(itemTitles(chair, "Apologies")).toEqual(["Dr Priya Nair", "Lucy Barnes"]);
    expect(cardToText(chair)).toContain("On leave; Tom attends for the ICB");
    expect(chair.audience).toBe("personal");
  });

  it("gives the list to the chair or an admin and refuses a member", async () => {
    await h.say("priya", 'apologies M-3 "On leave"');
    const refused = await h.say("sam", "apologies list M-3");
    expect(refused.error?.code).toBe("forbidden");
    expect(refused.title).toContain("Only Health and Wellbeing Board's chair");
    expect(await h.text("helen", "apologies list M-3")).toContain(
      "Apologies for Health and Wellbeing Board on Wed 9 Dec 2026, 14:00 (M-3): 1",
    );
    expect(await h.text("jo", "apologies list M-3")).toContain("On leave");
  });

  it("replaces a second note, withdraws once, and refuses a meeting that has started", async () => {
    await h.say("priya", 'apologies M-3 "First"');
    expect((await h.say("priya", 'apologies M-3 "Second"')).title).toContain("Apologies updated");
    expect(await countRows(h, apologies)).toBe(1);
    expect((await h.say("priya", "apologies withdraw M-3")).title).toContain("Apologies withdrawn");
    expect((await h.say("priya", "apologies withdraw M-3")).error?.code).toBe("not_found");
    const past = await h.say("priya", "apologies M-3 14/10/2026");
    expect(past.title).toContain("has already started, so it is too late to send apologies");
    expect(await countRows(h, apologies)).toBe(0);
  });
});

describe("papers link", () => {
  it("is the chair's to set, shows on meeting show, and 'none' removes it", async () => {
    const refused = await h.say("sam", "meeting papers-link M-3 https://essex.example/hwb/dec");
    expect(refused.error?.code).toBe("forbidden");
    expect(await countRows(h, papersLinks)).toBe(0);
    expect((await h.say("helen", "meeting papers-link M-3 https://essex.example/hwb/dec")).tone).toBe(
      "success",
    );
    expect(await h.text("sam", "meeting show M-3 9/12/2026")).toContain(
      "Papers: https://essex.example/hwb/dec",
    );
    expect(await h.text("sam", "meeting show M-3")).toContain("Papers: https://essex.example/hwb/dec");
    expect((await h.say("helen", "meeting papers-link M-3 https://essex.example/hwb/dec2")).tone).toBe(
      "success",
    );
    expect(await countRows(h, papersLinks)).toBe(1);
    expect((await h.say("helen", "meeting papers-link M-3 9/12/2026 none")).title).toContain("removed");
    expect(await h.text("sam", "meeting show M-3 9/12/2026")).toContain("Papers: no link yet");
    expect((await h.say("helen", "meeting papers-link M-3 data:text/html,hi")).tone).toBe("error");
  });
});

describe("decisions", () => {
  it("records the chair's decision at the last meeting held, lists it, and shows it on meeting show", async () => {
    const refused = await h.say("sam", 'decision add M-3 "We agreed everything"');
    expect(refused.error?.code).toBe("forbidden");
    const added = await h.say("helen", 'decision add M-3 "Approved the winter plan"');
    expect(added.title).toBe(
      "Decision recorded for Health and Wellbeing Board on Wed 14 Oct 2026, 14:00 (M-3)",
    );
    await h.say("dave", 'decision add M-4 "Adopted the violence reduction strategy"');
    const all = await h.say("sam", "decisions");
    expect(all.title).toBe("Decisions: 2");
    const hwb = await h.say("sam", "decisions group:hwb");
    expect(itemTitles(hwb, "")).toEqual(["Approved the winter plan"]);
    expect((await h.say("sam", "decisions since:1/11/2026")).title).toContain("Decisions since Sun 1 Nov: 1");
    const show = await h.say("sam", "meeting show M-3 14/10/2026");
    expect(itemTitles(show, "Decisions")).toEqual(["1. Approved the winter plan"]);
    expect(await countRows(h, decisions)).toBe(2);
  });

  it("lets the chair remove a decision recorded in error, by its number on meeting show", async () => {
    await h.say("helen", 'decision add M-3 "Approved the winter plan"');
    await h.say("helen", 'decision add M-3 "Aproved the wnter plan"');
    const refused = await h.say("sam", "decision remove M-3 2");
    expect(refused.error?.code).toBe("forbidden");
    expect(refused.title).toContain("or an admin can remove Health and Wellbeing Board's decisions");
    const wrong = await h.say("helen", "decision remove M-3 two");
    expect(wrong.error?.code).toBe("bad_argument");
    expect(wrong.title).toContain('e.g. decision remove M-3 2, not "two"');
    const missing = await h.say("helen", "decision remove M-3 3");
    expect(missing.title).toContain("has decisions 1 to 2; there is no decision 3");
    expect(await countRows(h, decisions)).toBe(2);
    const removed = await h.say("helen", "decision remove M-3 2");
    expect(removed.tone).toBe("success");
    expect(cardToText(removed)).toContain("Aproved the wnter plan");
    const show = await h.say("sam", "meeting show M-3 14/10/2026");
    expect(itemTitles(show, "Decisions")).toEqual(["1. Approved the winter plan"]);
    expect((await h.say("jo", "decision remove M-3 14/10/2026 1")).tone).toBe("success");
    expect(await countRows(h, decisions)).toBe(0);
  });

  it("refuses a decision for a meeting that has not met", async () => {
    const reply = await h.say("helen", 'decision add M-3 9/12/2026 "Too soon"');
    expect(reply.title).toContain("has not met yet");
    expect(await countRows(h, decisions)).toBe(0);
  });

  it("pages a long log and says how to see the rest", async () => {
    for (let i = 1; i <= 23; i++) await h.say("helen", `decision add M-3 "Decision ${i}"`);
    const first = await h.say("sam", "decisions group:hwb");
    expect(first.title).toBe("Decisions (hwb): 1–20 of 23");
    expect(cardToText(first)).toContain("3 more: decisions group:hwb page:2, or narrow it with since:");
    expect(itemTitles(await h.say("sam", "decisions group:hwb page:2"), "")).toEqual([
      "Decision 21",
      "Decision 22",
      "Decision 23",
    ]);
  });
});

describe("meeting show for an occurrence", () => {
  it("lists its actions arising and the open actions carried into the next meeting", async () => {
    await h.say("jo", 'action add "Map winter capacity" owner:@sam meeting:M-3@14/10/2026 due:2026-12-20');
    const held = await h.say("sam", "meeting show M-3 14/10/2026");
    expect(itemTitles(held, "Actions arising (1)")).toEqual([expect.stringContaining("Map winter capacity")]);
    const next = await h.say("sam", "meeting show M-3 9/12/2026");
    expect(itemTitles(next, "Open actions from earlier meetings (1)")).toEqual([
      expect.stringContaining("Map winter capacity"),
    ]);
    expect(cardToText(next)).toContain("Papers deadline: Wed 2 Dec");
  });
});

const inChannel = (text: string) =>
  h.quorum.handle({
    platform: "slack",
    tenant: "T0ESSEX",
    userId: "U-HELEN",
    text,
    profile: { email: "helen.marsh@example.gov.uk" },
    conversation: { id: "C-HWB", kind: "channel", name: "hwb-board" },
  } satisfies InboundEvent);

async function remindersOn(at: Date) {
  return createStore(h.database.db).transaction(async (repos) => {
    const p = await repos.partnerships.bySlug("demo");
    if (!p) throw new Error("demo missing");
    return planReminders(await loadSnapshot(repos, p, at));
  });
}

describe("the agenda in the reminders", () => {
  it("puts the agenda and papers link in the papers-deadline and day-before reminders", async () => {
    await inChannel("link group:hwb");
    await h.say("sam", 'agenda add M-3 "Winter pressures update" by:@priya');
    await h.say("helen", "meeting papers-link M-3 https://essex.example/hwb/dec");
    // Papers are due Wed 2 Dec; the group hears two working days before, on Mon 30 Nov.
    const papers = (await remindersOn(new Date("2026-11-30T09:00:00Z"))).find((r) => r.kind === "papers");
    const papersText = cardToText(papers?.card as Card);
    expect(papersText).toContain("Papers for Health and Wellbeing Board are due Wed 2 Dec");
    expect(papersText).toContain("1. Winter pressures update");
    expect(papersText).toContain("by Dr Priya Nair");
    expect(papersText).toContain("Papers: https://essex.example/hwb/dec");
    const dayBefore = (await remindersOn(new Date("2026-12-08T09:00:00Z"))).find(
      (r) => r.kind === "day-before",
    );
    const dayText = cardToText(dayBefore?.card as Card);
    expect(dayText).toContain("1. Winter pressures update");
    expect(dayText).toContain("Papers: https://essex.example/hwb/dec");
    expect(dayText).toContain("apologies M-3 2026-12-09");
  });
});

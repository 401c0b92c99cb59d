// The minutes reader on lines as minute-takers write them, the lines that must not become actions, action
// tables, and who a name means (never a guess): pure functions, no database.
import { describe, expect, it } from "vitest";
import { type Directory, resolveOwner, splitOwner } from "../../src/core/minutes/owners.ts";
import { parseMinutes } from "../../src/core/minutes/parse-minutes.ts";
import { parseDate } from "../../src/core/time/parse-date.ts";
import type { Organisation, Person } from "../../src/core/types.ts";

const MEETING = new Date("2027-01-22T10:00:00Z");
const isDate = (words: string) => {
  try {
    parseDate(words, "Europe/London", MEETING);
    return true;
  } catch {
    return false;
  }
};
const one = (line: string) => {
  const { actions, unread } = parseMinutes(line, isDate);
  return { action: actions[0] ? { ...actions[0], line: undefined, source: undefined } : null, unread };
};
const read = (title: string, owner: string | null, due: string | null) => ({
  action: { title, owner, due, org: null, line: undefined, source: undefined },
  unread: [],
});

describe("parseMinutes: action lines", () => {
  it.each([
    ["ACTION: Sam to circulate the draft by 31/1", "Circulate the draft", "Sam", "31/1"],
    [
      "Action – ECC (Helen) – map winter capacity – end of January",
      "Map winter capacity",
      "ECC (Helen)",
      "end of January",
    ],
    [
      "Action: Helen (ECC) to map care home capacity by end of Jan",
      "Map care home capacity",
      "Helen (ECC)",
      "end of Jan",
    ],
    [
      "Action: Dr Priya Nair to report GP waits to the board by 15 March",
      "Report GP waits to the board",
      "Dr Priya Nair",
      "15 March",
    ],
    ["ACTION Sam to book the venue", "Book the venue", "Sam", null],
    ["Action point 3: Rob to share the fire visits data.", "Share the fire visits data", "Rob", null],
    ["Action - Martin - write to the minister - 28/2/2027", "Write to the minister", "Martin", "28/2/2027"],
    [
      "Action: Write to the minister – Martin – by 28 February",
      "Write to the minister",
      "Martin",
      "28 February",
    ],
    ["Action: @priya to chase the CCG (due 5/2)", "Chase the CCG", "@priya", "5/2"],
    [
      "Action: Helen: draft the prevention paper by next Friday",
      "Draft the prevention paper",
      "Helen",
      "next Friday",
    ],
    ["New action – Tom will circulate the VCS survey, 12/2", "Circulate the VCS survey", "Tom", "12/2"],
    [
      "Action: Sam and Priya to agree the data sharing protocol",
      "Agree the data sharing protocol",
      "Sam and Priya",
      null,
    ],
    [
      "Action: the Chair to write to all partners by mid-February",
      "Write to all partners",
      "the Chair",
      "mid-February",
    ],
    ["Action: HM to update the risk register before 1/3", "Update the risk register", "HM", "1/3"],
    ["• Action: Nadia to confirm the venue by Friday", "Confirm the venue", "Nadia", "Friday"],
    [
      "3.2 ACTION: Claire to share the evaluation framework",
      "Share the evaluation framework",
      "Claire",
      null,
    ],
    ["Action: circulate the slides", "Circulate the slides", null, null],
    ["Action: Write to the minister by 28/2", "Write to the minister", null, "28/2"],
    [
      "Action: Sam to speak to partners about funding for the hub",
      "Speak to partners about funding for the hub",
      "Sam",
      null,
    ],
  ])("%s", (line, title, owner, due) => {
    expect(one(line)).toEqual(read(title, owner, due));
  });

  it("reads an action at the end of a line of minutes", () => {
    const { actions } = parseMinutes("The board agreed the plan. ACTION: Lucy to publish it by 30/1", isDate);
    expect(actions.map((a) => [a.title, a.owner, a.due])).toEqual([["Publish it", "Lucy", "30/1"]]);
  });

  it("reads the list under an Actions heading until a blank line, numbering lines as pasted", () => {
    const text = [
      "4. Winter plan",
      "Discussion of winter pressures.",
      "Actions agreed:",
      "- Sam to circulate the draft by 31/1",
      "2) Priya: report GP waits",
      "",
      "Sam to chair the next session",
    ].join("\n");
    const { actions, unread } = parseMinutes(text, isDate);
    expect(actions.map((a) => [a.line, a.title, a.owner, a.due])).toEqual([
      [4, "Circulate the draft", "Sam", "31/1"],
      [5, "Report GP waits", "Priya", null],
    ]);
    expect(unread).toEqual([]);
  });
});

describe("parseMinutes: lines that are not actions", () => {
  it.each([
    "Actions from last meeting were reviewed",
    "Actions from the last meeting: all complete.",
    "Action log reviewed; A-12 and A-14 closed.",
    "ACTION LOG",
    "Action: none",
    "Actions: None agreed.",
    "No new actions.",
    "Matters arising: the action on winter capacity is complete.",
    "The board noted that Sam is to retire in March.",
    "1. Welcome, introductions and apologies",
    "Sam to circulate the draft by 31/1",
    "Transaction costs were discussed.",
    "Reaction from partners was positive: the plan – phase 2 – was welcomed.",
  ])("%s", (line) => {
    expect(parseMinutes(line, isDate)).toEqual({ actions: [], unread: [] });
  });

  it("lists action lines it cannot read, with why", () => {
    const { actions, unread } = parseMinutes(
      ["Action – 31/1", "ACTION: ok", `Action: Sam to ${"do more ".repeat(45)}`].join("\n"),
      isDate,
    );
    expect(actions).toEqual([]);
    expect(unread.map((u) => [u.line, u.why])).toEqual([
      [1, "no task could be read"],
      [2, "no task could be read"],
      [3, "the task is over 80 words: put one action on a line"],
    ]);
  });
});

describe("parseMinutes: action tables", () => {
  it("reads rows under a header, tab-separated as Word pastes them or pipe-separated", () => {
    const text = [
      "Ref\tAction\tOwner\tOrganisation\tDue date",
      "1\tWrite to the minister\tMartin\tECC\t28/2/2027",
      "2\tPublish the strategy\tHelen\t\tongoing",
      "3\t\tJo\t\t",
      "4\tMap beds\tLucy\tNHS-MSE\tsoon-ish",
      "",
      "| Action | Who | By when |",
      "| --- | --- | --- |",
      "| Share the survey | Tom | 12/2 |",
    ].join("\n");
    const { actions, unread } = parseMinutes(text, isDate);
    expect(actions.map((a) => [a.line, a.title, a.owner, a.org, a.due])).toEqual([
      [2, "Write to the minister", "Martin", "ECC", "28/2/2027"],
      [3, "Publish the strategy", "Helen", null, null],
      [9, "Share the survey", "Tom", null, "12/2"],
    ]);
    expect(unread.map((u) => [u.line, u.why])).toEqual([
      [4, "the row has nothing in its action column"],
      [5, '"soon-ish" in the due column is not a date'],
    ]);
  });

  it("ignores tables that are not action tables", () => {
    const text = "Name\tOrganisation\nSam Okafor\tECC\nPriya Nair\tNHS";
    expect(parseMinutes(text, isDate)).toEqual({ actions: [], unread: [] });
  });
});

const org = (id: number, code: string): Organisation => ({
  id,
  partnershipId: 1,
  code,
  name: `${code} organisation`,
  domains: [],
  removedAt: null,
});
const person = (id: number, handle: string, name: string, organisationId: number): Person => ({
  id,
  partnershipId: 1,
  handle,
  name,
  title: null,
  email: null,
  phone: null,
  organisationId,
  role: "member",
  status: "active",
});

const ECC = org(1, "ECC");
const NHS = org(2, "NHS-MSE");
const FIRE = org(3, "FIRE");
const helen = person(1, "helen", "Helen Marsh", 1);
const helenj = person(2, "helenj", "Helen Jones", 2);
const sam = person(3, "sam", "Sam Okafor", 1);
const priya = person(4, "priya", "Dr Priya Nair", 2);
const martin = person(5, "martin", "Cllr Martin Reeve", 1);
const rob = person(6, "rob", "Rob Fenn", 3);
const dir: Directory = {
  people: [helen, helenj, sam, priya, martin, rob],
  orgs: [ECC, NHS, FIRE],
  members: [helen, sam, priya, rob, martin],
  chair: martin,
  groupName: "HWB",
};
const who = (owner: string | null, orgText: string | null = null) => {
  const r = resolveOwner(dir, owner, orgText);
  return { person: r.person?.handle ?? null, org: r.org?.code ?? null, flag: r.flag };
};

describe("resolveOwner: names as minutes write them", () => {
  it("finds one person by handle, full name, unique first name, surname, initials or title and name", () => {
    expect(who("@helenj")).toEqual({ person: "helenj", org: null, flag: null });
    expect(who("Helen Marsh")).toEqual({ person: "helen", org: null, flag: null });
    expect(who("Sam")).toEqual({ person: "sam", org: null, flag: null });
    expect(who("Priya")).toEqual({ person: "priya", org: null, flag: null });
    expect(who("Dr Nair")).toEqual({ person: "priya", org: null, flag: null });
    expect(who("Cllr Reeve")).toEqual({ person: "martin", org: null, flag: null });
    expect(who("RF")).toEqual({ person: "rob", org: null, flag: null });
  });

  it("uses the organisation to tell two people apart, in either order", () => {
    expect(who("Helen (ECC)")).toEqual({ person: "helen", org: "ECC", flag: null });
    expect(who("NHS-MSE (Helen)")).toEqual({ person: "helenj", org: "NHS-MSE", flag: null });
    expect(who("Helen", "NHS-MSE")).toEqual({ person: "helenj", org: "NHS-MSE", flag: null });
  });

  it("takes an organisation named alone as its one member of the group", () => {
    expect(who("FIRE")).toEqual({ person: "rob", org: "FIRE", flag: null });
    expect(who("ECC").flag).toBe("ECC is named but not a person (3 people from ECC are on HWB)");
    expect(who("the Chair")).toEqual({ person: "martin", org: null, flag: null });
  });

  it("flags, never guesses, an ambiguous, unknown, plural or missing owner", () => {
    expect(who("Helen").flag).toBe('"Helen" could be Helen Marsh (ECC) or Helen Jones (NHS-MSE)');
    expect(who("Chris").flag).toBe('no one called "Chris" is in the partnership');
    expect(who("Sam and Priya").flag).toMatch(/names more than one person/);
    expect(who("All partners").flag).toMatch(/not one person/);
    expect(who(null).flag).toBe("no owner is named");
    expect(who("Helen").person).toBeNull();
  });

  it("splits the ways an organisation is written beside a name", () => {
    expect(splitOwner("ECC (Helen)")).toEqual({ name: "Helen", org: "ECC" });
    expect(splitOwner("Helen (ECC)")).toEqual({ name: "Helen", org: "ECC" });
    expect(splitOwner("Helen Marsh, ECC")).toEqual({ name: "Helen Marsh", org: "ECC" });
    expect(splitOwner("ECC: Helen")).toEqual({ name: "Helen", org: "ECC" });
    expect(splitOwner("Sam")).toEqual({ name: "Sam", org: null });
  });
});

// The roster planner on its own: header mapping, handle derivation and the rules that refuse a row.
import { describe, expect, it } from "vitest";
import { type Directory, deriveHandle, planRoster, readSheet } from "../../src/core/directory/roster.ts";
import type { Group, Organisation, Person } from "../../src/core/types.ts";

const person = (id: number, handle: string, email: string, role: Person["role"] = "member"): Person => ({
  id,
  partnershipId: 1,
  handle,
  name: handle,
  title: null,
  email,
  phone: null,
  organisationId: 1,
  role,
  status: "active",
});
const org: Organisation = {
  id: 1,
  partnershipId: 1,
  code: "ECC",
  name: "Essex",
  domains: [],
  removedAt: null,
};
const hwb: Group = {
  id: 1,
  partnershipId: 1,
  slug: "hwb",
  name: "HWB",
  theme: null,
  chairId: 2,
  reminders: {},
  archivedAt: null,
};

function directory(): Directory {
  return {
    people: [person(1, "ada", "ada@essex.gov.uk", "admin"), person(2, "sam", "Sam@Essex.gov.uk")],
    orgs: [org],
    groups: [hwb],
    members: new Map([[1, new Set([2])]]),
    removedOrgCodes: new Set(["OLD"]),
    archivedGroups: new Set(["gone"]),
  };
}

const sheet = (rows: string[][]) =>
  readSheet({ header: ["Name", "email", "ORG"], rows: rows.map((cells, i) => ({ line: i + 2, cells })) });

describe("roster planning", () => {
  it("derives free handles from the email, never 'me'", () => {
    const taken = new Set(["sam", "sam2"]);
    expect(deriveHandle("Sam@x.org", taken)).toBe("sam3");
    expect(deriveHandle("me@x.org", new Set())).toBe("me2");
    expect(deriveHandle("__@x.org", new Set())).toBe("person");
  });

  it("refuses a file without a required column and names unknown columns it ignores", () => {
    expect(() => readSheet({ header: ["name", "org"], rows: [] })).toThrow(/missing: email/);
    expect(readSheet({ header: ["NAME", "Email", "org", "Phone"], rows: [] }).ignored).toEqual(["Phone"]);
  });

  it("matches by email in any case, and refuses handle changes, removed orgs, archived groups and a second chair", () => {
    const { entries, problems } = readSheet({
      header: ["name", "email", "org", "handle", "groups", "chair_of"],
      rows: [
        ["sam", "SAM@essex.gov.uk", "ECC", "", "hwb", ""],
        ["Sam Two", "sam@essex.gov.uk", "ECC", "", "", ""],
        ["Ada", "ada@essex.gov.uk", "ECC", "ada.l", "", ""],
        ["Old", "old@x.org", "OLD", "", "", ""],
        ["Arch", "arch@x.org", "ECC", "", "gone", ""],
        ["Chair", "chair@x.org", "ECC", "", "", "new"],
        ["Chair2", "chair2@x.org", "ECC", "", "", "new"],
      ].map((cells, i) => ({ line: i + 2, cells })),
    });
    expect(problems).toEqual([]);
    const plan = planRoster(entries, directory());
    expect(plan.problems).toEqual([
      { line: 3, reason: "sam@essex.gov.uk is also on line 2." },
      { line: 4, reason: expect.stringContaining("belongs to @ada; an import does not change handles") },
      { line: 5, reason: expect.stringContaining("OLD was removed") },
      { line: 6, reason: "the group gone is archived." },
      { line: 8, reason: "line 7 already makes someone else chair of new." },
    ]);
    expect(plan.people.map((p) => [p.line, p.kind, p.handle])).toEqual([
      [2, "unchanged", "sam"],
      [7, "add", "chair"],
    ]);
    expect(plan.newGroups).toEqual(["new"]);
    expect(plan.newOrgs).toEqual([]);
  });

  it("keeps the last admin: a demotion is refused unless another admin remains or is added", () => {
    const rows = (extra: string[][]) =>
      readSheet({
        header: ["name", "email", "org", "role"],
        rows: [["ada", "ada@essex.gov.uk", "ECC", "member"], ...extra].map((cells, i) => ({
          line: i + 2,
          cells,
        })),
      }).entries;
    expect(planRoster(rows([]), directory()).problems).toEqual([
      { line: 2, reason: "@ada would no longer be an admin, leaving none; keep role admin." },
    ]);
    const handover = planRoster(rows([["Bo", "bo@x.org", "ECC", "admin"]]), directory());
    expect(handover.problems).toEqual([]);
    expect(handover.people.map((p) => p.changes)).toEqual([["role admin → member"], []]);
  });

  it("ignores blank rows wherever they are", () => {
    const read = sheet([
      ["", "", ""],
      ["Sam", "sam@x.org", "ECC"],
      ["  ", "", ""],
    ]);
    expect(read.entries.map((e) => e.line)).toEqual([3]);
    expect(read.problems).toEqual([]);
  });
});

// quorum import people / export people through runCli: spreadsheet quirks, bad rows, dry runs, round trips.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliDatabase, freshCliDatabase } from "./helpers/cli-run.ts";

const INIT = [
  "init",
  "--name",
  "Kent Partners",
  "--slug",
  "kent",
  "--admin-name",
  "Priya Shah",
  "--admin-email",
  "priya.shah@kent.gov.uk",
];

// Every quirk a saved spreadsheet has: BOM, CRLF, columns in another order and case, a quoted comma,
// a quoted line break, an extra column, and blank rows (empty and all-commas) at the end.
const QUIRKY = `\uFEFFEmail,NAME,Org,Org_Name,role,groups,Chair_Of,Phone\r
sam.okafor@essex.gov.uk,"Okafor, Sam",ECC,"Essex County\r
Council",member,hwb;csp,hwb,01234\r
lucy.li@nhs.uk,Lucy Li,NHS-MSE,NHS Mid and South Essex,,hwb,,\r
dan@essex.gov.uk,Dan Brook,ECC,,observer,,,\r
,,,,,,,\r
\r
`;

let db: CliDatabase | undefined;
let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "quorum-roster-"));
});
afterEach(async () => {
  await db?.close();
  db = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function kent(): Promise<CliDatabase> {
  db = await freshCliDatabase();
  expect((await db.run(INIT)).code).toBe(0);
  return db;
}
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const roster = (d: CliDatabase) =>
  d.rows<{ handle: string; name: string; email: string; role: string; org: string | null }>(
    "select p.handle, p.name, p.email, p.role, o.code as org from people p left join organisations o on o.id = p.organisation_id order by p.handle",
  );
const memberships = (d: CliDatabase) =>
  d.rows<{ slug: string; handle: string }>(
    "select g.slug, p.handle from group_members m join groups g on g.id = m.group_id join people p on p.id = m.person_id order by g.slug, p.handle",
  );
const auditCount = async (d: CliDatabase) =>
  Number((await d.rows<{ n: string }>("select count(*) as n from audit_events"))[0]?.n);

describe("quorum import people", { timeout: 240_000 }, () => {
  it("reads a spreadsheet's CSV with all its quirks, creates missing organisations and groups, audited", async () => {
    const d = await kent();
    const r = await d.run(["import", "people", file("roster.csv", QUIRKY)]);
    expect(r.stderr).toBe("Ignored columns: Phone.\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Imported roster.csv into Kent Partners: 3 added, 0 updated, 0 unchanged.");
    expect(r.stdout).toContain(
      "New organisations: ECC (Essex County Council), NHS-MSE (NHS Mid and South Essex).",
    );
    expect(r.stdout).toContain("New groups: hwb, csp");
    expect(await roster(d)).toEqual([
      { handle: "dan", name: "Dan Brook", email: "dan@essex.gov.uk", role: "observer", org: "ECC" },
      { handle: "lucy.li", name: "Lucy Li", email: "lucy.li@nhs.uk", role: "member", org: "NHS-MSE" },
      { handle: "priya", name: "Priya Shah", email: "priya.shah@kent.gov.uk", role: "admin", org: null },
      {
        handle: "sam.okafor",
        name: "Okafor, Sam",
        email: "sam.okafor@essex.gov.uk",
        role: "member",
        org: "ECC",
      },
    ]);
    expect(await memberships(d)).toEqual([
      { slug: "csp", handle: "sam.okafor" },
      { slug: "hwb", handle: "lucy.li" },
      { slug: "hwb", handle: "sam.okafor" },
    ]);
    const chair = await d.rows<{ handle: string }>(
      "select p.handle from groups g join people p on p.id = g.chair_id where g.slug = 'hwb'",
    );
    expect(chair).toEqual([{ handle: "sam.okafor" }]);
    const verbs = await d.rows<{ verb: string; actor: string }>(
      "select a.verb, p.handle as actor from audit_events a join people p on p.id = a.actor_id where a.id > 2 order by a.id",
    );
    expect(verbs.map((v) => v.verb)).toEqual([
      "org.add",
      "org.add",
      "group.add",
      "group.add",
      "person.add",
      "person.add",
      "person.add",
      "group.chair",
      "group.member.add",
      "group.member.add",
      "people.import",
    ]);
    expect(new Set(verbs.map((v) => v.actor))).toEqual(new Set(["priya"]));
  });

  it("reads the first sheet of an .xlsx made with exceljs", async () => {
    const d = await kent();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("People");
    sheet.addRow(["name", "email", "org", "handle", "role"]);
    sheet.addRow([
      "Helen Marsh",
      { text: "helen@essex.gov.uk", hyperlink: "mailto:helen@essex.gov.uk" },
      "ECC",
      "helen",
      "admin",
    ]);
    sheet.addRow(["Tom Reed", "tom@essex.police.uk", "EP", "", ""]);
    book.addWorksheet("Notes").addRow(["not", "a", "roster"]);
    const path = join(dir, "roster.xlsx");
    await book.xlsx.writeFile(path);
    const r = await d.run(["import", "people", path]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain("2 added, 0 updated, 0 unchanged");
    const people = await roster(d);
    expect(people.map((p) => [p.handle, p.email, p.role, p.org])).toEqual([
      ["helen", "helen@essex.gov.uk", "admin", "ECC"],
      ["priya", "priya.shah@kent.gov.uk", "admin", null],
      ["tom", "tom@essex.police.uk", "member", "EP"],
    ]);
  });

  const BAD = [
    "name,email,org,role,handle",
    "Sam Okafor,sam@essex.gov.uk,ECC,,", // line 2: good
    'Lucy "Li",,NHS,,', // line 3: missing email
    '"Dan\nBrook",not-an-email,ECC,,', // lines 4-5: invalid email, starting on line 4
    "Tom Reed,tom@essex.gov.uk,ECC,boss,", // line 6: unknown role
    "Samuel Okafor,SAM@essex.gov.uk,ECC,,", // line 7: same email as line 2, other case
    "Ann Bell,ann@essex.gov.uk,ECC,,sam.okafor!", // line 8: not a handle
    "Kim Lane,kim@essex.gov.uk,ECC,,priya", // line 9: handle taken
    "Jo Hart,jo@essex.gov.uk,,,", // line 10: no org for a new person
    "Eve Marsh,eve@essex.gov.uk,EP,observer,", // line 11: good
  ].join("\n");

  it("reports each bad row with its line and reason, imports nothing and exits non-zero", async () => {
    const d = await kent();
    const before = await auditCount(d);
    const r = await d.run(["import", "people", file("bad.csv", BAD)]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toEqual([
      "Line 3: missing email.",
      expect.stringMatching(/^Line 4: "not-an-email" is not an email address/),
      expect.stringMatching(/^Line 6: "boss" is not a role; say admin, member, observer/),
      "Line 7: SAM@essex.gov.uk is also on line 2.",
      expect.stringMatching(/^Line 8: "sam.okafor!" is not a handle/),
      "Line 9: @priya is already taken.",
      "Line 10: missing org (the organisation's code).",
      "Nothing imported: 7 bad rows. Fix them, or pass --skip-invalid to import the other 2.",
    ]);
    expect(r.stdout).toBe("");
    expect((await roster(d)).map((p) => p.handle)).toEqual(["priya"]);
    expect(await d.rows("select code from organisations")).toEqual([]);
    expect(await auditCount(d)).toBe(before);
  });

  it("--skip-invalid imports the good rows and lists the skipped ones", async () => {
    const d = await kent();
    const r = await d.run(["import", "people", file("bad.csv", BAD), "--skip-invalid"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Line 3: missing email.");
    expect(r.stdout).toContain("2 added, 0 updated, 0 unchanged");
    expect(r.stdout).toContain("Skipped 7 bad rows (listed above).");
    expect(r.stdout).toContain("New organisations: ECC, EP.");
    expect((await roster(d)).map((p) => p.handle)).toEqual(["eve", "priya", "sam"]);
  });

  it("--dry-run prints what would change and writes nothing", async () => {
    const d = await kent();
    const before = await auditCount(d);
    const r = await d.run(["import", "people", file("roster.csv", QUIRKY), "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("+ @sam.okafor  Okafor, Sam <sam.okafor@essex.gov.uk>  ECC  member");
    expect(r.stdout).toContain("would add 3, update 0; 0 unchanged. Nothing was written.");
    expect((await roster(d)).map((p) => p.handle)).toEqual(["priya"]);
    expect(await d.rows("select slug from groups")).toEqual([]);
    expect(await auditCount(d)).toBe(before);
  });

  it("a re-import matches by email: unchanged rows counted, changes applied, never demoting the last admin", async () => {
    const d = await kent();
    const path = file("roster.csv", QUIRKY);
    expect((await d.run(["import", "people", path])).code).toBe(0);
    const again = await d.run(["import", "people", path]);
    expect(again.stdout).toContain("0 added, 0 updated, 3 unchanged");
    expect(again.stdout).not.toMatch(/^[+~]/m);

    const edited = [
      "name,email,org,role,groups",
      "Dan Brook,DAN@essex.gov.uk,NHS-MSE,member,csp",
      "Lucy Li,lucy.li@nhs.uk,NHS-MSE,,",
      "Priya Shah,priya.shah@kent.gov.uk,,member,",
    ].join("\r\n");
    const demoting = await d.run(["import", "people", file("edited.csv", edited)]);
    expect(demoting.code).toBe(1);
    expect(demoting.stderr).toContain(
      "Line 4: @priya would no longer be an admin, leaving none; keep role admin.",
    );

    const fine = await d.run(["import", "people", file("edited.csv", edited), "--skip-invalid"]);
    expect(fine.stdout).toContain("~ @dan  org ECC → NHS-MSE; role observer → member; joins csp");
    expect(fine.stdout).toContain("0 added, 1 updated, 1 unchanged");
    const people = await roster(d);
    expect(people.find((p) => p.handle === "dan")).toMatchObject({ role: "member", org: "NHS-MSE" });
    expect(people.find((p) => p.handle === "priya")).toMatchObject({ role: "admin" });
    expect(people).toHaveLength(4);
  });

  it("export people writes the same columns, and importing the export changes nothing", async () => {
    const d = await kent();
    expect((await d.run(["import", "people", file("roster.csv", QUIRKY)])).code).toBe(0);
    const out = join(dir, "export.csv");
    const exported = await d.run(["export", "people", out]);
    expect(exported).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("Exported 4 people of Kent Partners"),
    });
    const text = readFileSync(out, "utf8");
    expect(text.split("\n")[0]).toBe("name,email,org,handle,org_name,role,groups,chair_of");
    expect(text).toContain(
      '"Okafor, Sam",sam.okafor@essex.gov.uk,ECC,sam.okafor,Essex County Council,member,csp;hwb,hwb',
    );
    const before = await auditCount(d);
    const back = await d.run(["import", "people", out]);
    expect(back).toMatchObject({ code: 0, stderr: "" });
    expect(back.stdout).toBe("Imported export.csv into Kent Partners: 0 added, 0 updated, 4 unchanged.\n");
    expect(await auditCount(d)).toBe(before + 1);
  });

  it("refuses a file without the required columns, an unreadable file and bad usage, clearly", async () => {
    const d = await kent();
    const noEmail = await d.run(["import", "people", file("x.csv", "name,org\nSam,ECC\n")]);
    expect(noEmail).toMatchObject({ code: 1, stderr: expect.stringContaining("missing: email") });
    const missing = await d.run(["import", "people", join(dir, "nope.csv")]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining("Cannot read the roster") });
    const pdf = await d.run(["import", "people", file("x.pdf", "")]);
    expect(pdf.stderr).toContain("give a .csv or .xlsx file");
    const usage = await d.run(["import", "persons", "x.csv"]);
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining("Usage: quorum import people") });
    const broken = await d.run([
      "import",
      "people",
      file("broken.csv", 'name,email,org\n"Sam,sam@x.org,ECC\n'),
    ]);
    expect(broken).toMatchObject({ code: 1, stderr: expect.stringContaining("The CSV could not be read") });
    for (const r of [noEmail, missing, pdf, usage, broken]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("setting up a real partnership", { timeout: 240_000 }, () => {
  it("init → import people → group member add → action add for a roster person → faq import, no demo", async () => {
    const d = await kent();
    expect((await d.run(["import", "people", file("roster.csv", QUIRKY)])).code).toBe(0);
    const added = await d.run(["say", "group member add csp @dan"]);
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining("Added to csp: Dan Brook") });
    const action = await d.run(["say", 'action add "Draft the data-sharing agreement" owner:@lucy.li']);
    expect(action).toMatchObject({ code: 0, stdout: expect.stringContaining("A-1 added for Lucy Li") });
    const faq = await d.run(["faq", "import", "test/questions/fixtures/council-faq.md"]);
    expect(faq.stdout).toContain("into Kent Partners: 9 added");
    expect(await d.rows("select slug from partnerships")).toEqual([{ slug: "kent" }]);
    expect(await d.rows("select count(*)::int as n from faq_entries")).toEqual([{ n: 9 }]);
    expect(await d.rows("select count(*)::int as n from people")).toEqual([{ n: 4 }]);
  });
});

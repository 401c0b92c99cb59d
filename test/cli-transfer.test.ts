// quorum export partnership / import partnership through runCli: a move between databases, and every bad
// file or target refused with a clear message, exit 1 and nothing written.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliDatabase, freshCliDatabase } from "./helpers/cli-run.ts";

const init = (slug: string, name: string, email: string) => [
  "init",
  "--name",
  name,
  "--slug",
  slug,
  "--admin-name",
  "Priya Shah",
  "--admin-email",
  email,
];
const ROSTER =
  "name,email,org,groups,chair_of\nSam Okafor,sam@kent.gov.uk,KCC,board,board\nLucy Li,lucy@nhs.uk,NHS,board,\n";

let dir = "";
const dbs: CliDatabase[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "quorum-transfer-"));
});
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.close();
  rmSync(dir, { recursive: true, force: true });
});
const fresh = async () => {
  const d = await freshCliDatabase();
  dbs.push(d);
  return d;
};
const path = (name: string) => join(dir, name);
const written = (name: string, text: string) => {
  writeFileSync(path(name), text);
  return path(name);
};

/** Kent: init, a roster, an action done with a note, another open, and a FAQ answer. */
async function kent(): Promise<CliDatabase> {
  const d = await fresh();
  expect((await d.run(init("kent", "Kent Partners", "priya@kent.gov.uk"))).code).toBe(0);
  expect((await d.run(["import", "people", written("people.csv", ROSTER)])).code).toBe(0);
  for (const line of [
    "action add Draft the terms of reference owner:@sam group:board",
    "action add Book the room owner:@lucy",
    "action done A-2 Room 4 at County Hall",
  ])
    expect((await d.run(["say", line])).code).toBe(0);
  return d;
}

const counts = (d: CliDatabase) =>
  d.rows<{ p: string; people: string; audit: string }>(
    "select (select count(*) from partnerships) as p, (select count(*) from people) as people, (select count(*) from audit_events) as audit",
  );

describe("quorum export/import partnership", { timeout: 420_000 }, () => {
  it("moves a partnership to an empty database: same listings, owner-only file, summary printed", async () => {
    const source = await kent();
    const exported = await source.run(["export", "partnership", path("kent.json")]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(
      /^Exported Kent Partners \(kent\) to .*kent\.json: \d+ organisations?, 3 people, 1 group, 2 actions/,
    );
    expect(statSync(path("kent.json")).mode & 0o777).toBe(0o600);
    const file = JSON.parse(readFileSync(path("kent.json"), "utf8"));
    expect(file).toMatchObject({ format: "quorum-partnership", version: 1, partnership: { slug: "kent" } });

    const target = await fresh();
    const imported = await target.run(["import", "partnership", path("kent.json")]);
    expect(imported).toMatchObject({ code: 0, stderr: "" });
    expect(imported.stdout).toContain("Imported Kent Partners (kent)");
    for (const line of ["actions all", "actions done", "group show board", "people"])
      expect((await target.run(["say", line])).stdout).toBe((await source.run(["say", line])).stdout);
  });

  it("refuses a missing file, not JSON, another format, an unknown version, a newer schema and bad rows, writing nothing", async () => {
    const source = await kent();
    expect((await source.run(["export", "partnership", path("kent.json")])).code).toBe(0);
    const good = JSON.parse(readFileSync(path("kent.json"), "utf8"));
    const variant = (name: string, change: (f: typeof good) => void) => {
      const copy = structuredClone(good);
      change(copy);
      return written(name, JSON.stringify(copy));
    };
    const target = await fresh();
    const cases: [string, RegExp][] = [
      [path("nope.json"), /There is no file .*nope\.json/],
      [written("text.json", "name,email\nSam,sam@x.org\n"), /text\.json is not JSON/],
      [
        written("other.json", '{"hello": 1}'),
        /not a valid partnership export:\n {2}format: not a Quorum partnership export/,
      ],
      [
        variant("v2.json", (f) => (f.version = 2)),
        /format version 2; this Quorum reads version 1\. Upgrade Quorum/,
      ],
      [
        variant("newer.json", (f) => (f.schema = { migration: "0099_future", when: f.schema.when + 1 })),
        /comes from a newer Quorum \(schema 0099_future\).*Upgrade Quorum/,
      ],
      [
        variant("odd.json", (f) => (f.schema = { migration: "0003_elsewhere", when: 5 })),
        /schema 0003_elsewhere is not one this Quorum knows/,
      ],
      [
        variant("row.json", (f) => (f.tables.actions[0].due_on = "next week")),
        /actions rows are not valid:\n {2}tables\.actions\[0\]\.due_on: /,
      ],
      [
        variant("dangling.json", (f) => (f.tables.actions[0].owner_id = 999)),
        /rows do not fit together, so nothing was imported: .*violates foreign key constraint.*\(Key \(owner_id\)=\(999\) is not present in table "people"\.\)\. Was the file edited by hand\?/,
      ],
    ];
    for (const [file, message] of cases) {
      const r = await target.run(["import", "partnership", file]);
      expect(r.code, file).toBe(1);
      expect(r.stderr, file).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await counts(target)).toEqual([expect.objectContaining({ p: expect.anything() })]);
    const [after] = await counts(target);
    expect([Number(after?.p), Number(after?.people), Number(after?.audit)]).toEqual([0, 0, 0]);
    const usage = await target.run(["import", "partnership"]);
    expect(usage).toMatchObject({ code: 2, stderr: "Usage: quorum import partnership <file.json>\n" });
    const neither = await target.run(["import", "teams", "x.json"]);
    expect(neither.stderr).toContain("quorum import partnership <file.json>");
  });

  it("refuses a target with the partnership or any other, changing nothing; export is for admins, with clear refusals", async () => {
    const source = await kent();
    expect((await source.run(["export", "partnership", path("kent.json")])).code).toBe(0);
    const again = await source.run(["import", "partnership", path("kent.json")]);
    expect(again).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('already has the partnership "kent"'),
    });
    const other = await fresh();
    expect((await other.run(init("surrey", "Surrey Partners", "ann@surrey.gov.uk"))).code).toBe(0);
    const before = await counts(other);
    const refused = await other.run(["import", "partnership", path("kent.json")]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already holds "surrey"; import partnership needs an empty database');
    expect(await counts(other)).toEqual(before);
    // Export is for admins, names the partnerships when the slug is wrong, and shows its usage.
    const member = await source.run(["export", "partnership", path("k.json"), "--as", "sam"]);
    expect(member).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Only an admin may export a partnership"),
    });
    const wrong = await source.run(["export", "partnership", path("k.json"), "--partnership", "essex"]);
    expect(wrong).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('There is no partnership "essex"'),
    });
    expect(() => statSync(path("k.json"))).toThrow();
    const usage = await source.run(["export", "partnership"]);
    expect(usage).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("quorum export partnership <file.json>"),
    });
    const unwritable = await source.run(["export", "partnership", join(dir, "no-such-folder", "k.json")]);
    expect(unwritable).toMatchObject({ code: 1, stderr: expect.stringContaining("Cannot write") });
  });
});

// quorum calendar through runCli: a group's .ics written to --out (read back by ical.js), imported into
// another group, and clear refusals (usage, a missing file, an unknown zone) that write nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliDatabase, freshCliDatabase } from "./helpers/cli-run.ts";
import { readCalendar } from "./helpers/ical-read.ts";

let db: CliDatabase | undefined;
let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "quorum-calendar-"));
});
afterEach(async () => {
  await db?.close();
  db = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe("quorum calendar", { timeout: 240_000 }, () => {
  it("writes a group's feed, imports it into another group, and refuses bad input", async () => {
    db = await freshCliDatabase();
    expect((await db.run(["demo"])).code).toBe(0);
    const out = join(dir, "hwb.ics");
    const w = await db.run(["calendar", "hwb", "--out", out]);
    expect(w.stderr).toBe("");
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(
      /^Health and Wellbeing Board: 1 meeting series and \d+ papers deadlines written to /,
    );
    const ics = readFileSync(out, "utf8");
    const now = new Date();
    const read = readCalendar(ics, now, new Date(now.getTime() + 366 * 86_400_000));
    expect(read.occurrences.length).toBeGreaterThan(3);

    const before = await db.rows<{ n: number }>("select count(*)::int as n from meetings");
    const i = await db.run(["calendar", "import", "escg", out, "--as", "sam"]);
    expect(i.stderr).toBe("");
    expect(i.code).toBe(0);
    expect(i.stdout).toMatch(
      /M-\d+ Health and Wellbeing Board: .*, repeating second Wednesday of every other month/,
    );
    expect(i.stdout).toMatch(
      /Imported 1 meeting series from hwb.ics into escg\. \d+ all-day events left out\./,
    );
    const after = await db.rows<{ n: number }>("select count(*)::int as n from meetings");
    expect(Number(after[0]?.n)).toBe(Number(before[0]?.n) + 1);

    const narnia = join(dir, "narnia.ics");
    writeFileSync(narnia, ics.replace(/DTSTART;TZID=Europe\/London:/, "DTSTART;TZID=Narnia:"));
    const cases: [string[], RegExp, number][] = [
      [
        ["calendar", "import", "escg", narnia, "--as", "sam"],
        /time zone "Narnia", which Quorum does not know/,
        1,
      ],
      [["calendar", "import", "escg", join(dir, "none.ics"), "--as", "sam"], /Cannot read .*none\.ics/, 1],
      [["calendar", "import", "escg", out, "--as", "tom"], /chair or an admin/, 1],
      [["calendar", "nope", "--out", join(dir, "x.ics")], /no group "nope"/, 1],
      [["calendar", "hwb"], /Usage: quorum calendar <group> --out <file.ics>/, 2],
    ];
    for (const [args, message, code] of cases) {
      const r = await db.run(args);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.code, args.join(" ")).toBe(code);
    }
    const last = await db.rows<{ n: number }>("select count(*)::int as n from meetings");
    expect(last).toEqual(after);
  });
});

// quorum papers and quorum export actions through runCli: files written to --out, clear refusals, and the
// shell (quorum say) saving a chat reply's file in the working folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliDatabase, freshCliDatabase } from "./helpers/cli-run.ts";

let db: CliDatabase | undefined;
let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "quorum-papers-"));
});
afterEach(async () => {
  await db?.close();
  db = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function demo(): Promise<CliDatabase> {
  db = await freshCliDatabase();
  expect((await db.run(["demo"])).code).toBe(0);
  return db;
}

describe("quorum papers and export actions", { timeout: 240_000 }, () => {
  it("writes a group's next matters-arising paper as .docx, and the action log as CSV", async () => {
    const d = await demo();
    const out = join(dir, "hwb.docx");
    const r = await d.run(["papers", "hwb", "--format", "docx", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Matters arising for Health and Wellbeing Board, .* \(docx\)/);
    expect(r.stdout).toContain(`Written to ${out}.`);
    const xml = strFromU8(unzipSync(readFileSync(out))["word/document.xml"] ?? new Uint8Array());
    expect(xml).toContain("Matters arising: Health and Wellbeing Board");
    expect(xml).toContain("<w:tblHeader/>");

    const csv = join(dir, "actions.csv");
    const e = await d.run([
      "export",
      "actions",
      "--group",
      "hwb",
      "--status",
      "open",
      "--format",
      "csv",
      "--out",
      csv,
    ]);
    expect(e.code).toBe(0);
    const text = readFileSync(csv, "utf8");
    expect(text.startsWith("\uFEFFRef,Title,Status")).toBe(true);
    const rows = text.trim().split("\r\n").slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.includes(",open,") && row.includes(",hwb,"))).toBe(true);
  });

  it("refuses bad formats, groups, meetings and usage with a clear message and writes no file", async () => {
    // One database for every case (each CLI database costs a migration and a demo load on a busy machine).
    const d = await demo();
    const cases: [string[], RegExp, number][] = [
      [
        ["papers", "hwb", "--format", "pdf", "--out", "x.pdf"],
        /format: takes docx, html, md or csv, not "pdf"/,
        1,
      ],
      [["papers", "nope", "--format", "md", "--out", "x.md"], /no group "nope"/, 1],
      [
        ["papers", "hwb", "--meeting", "M-1", "--format", "md", "--out", "x.md"],
        /M-1 is a meeting of partners/,
        1,
      ],
      [["papers", "hwb", "--format", "md"], /Usage: quorum papers <group>/, 2],
      [["export", "actions", "--format", "xml", "--out", "x.xml"], /format: takes csv or xlsx, not "xml"/, 1],
      [["export", "actions", "--out", "x.csv"], /Usage: quorum export actions/, 2],
    ];
    for (const [args, message, code] of cases) {
      const r = await d.run(args.map((a) => (/^x\./.test(a) ? join(dir, a) : a)));
      expect([args, r.code, r.stderr]).toEqual([args, code, expect.stringMatching(message)]);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it("quorum say saves a chat reply's file in the working folder and prints its path", async () => {
    const d = await demo();
    const r = await d.run(["say", "--as", "jo", "action export format:xlsx"], { cwd: dir });
    expect(r.code).toBe(0);
    const [name] = readdirSync(dir);
    expect(name).toMatch(/^actions-\d{4}-\d\d-\d\d\.xlsx$/);
    expect(r.stdout).toContain(`Saved to ${join(dir, name ?? "")}`);
    // Saying it again does not overwrite the first file.
    await d.run(["say", "--as", "jo", "action export format:xlsx"], { cwd: dir });
    expect(readdirSync(dir).length).toBe(2);
  });
});

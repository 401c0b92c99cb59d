// quorum minutes: a Word .docx of minutes (paragraphs and an action table) read with mammoth into the same
// preview as a chat paste; --yes creates the actions; a file that is not a .docx is refused clearly.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { htmlToLines } from "../src/documents/minutes-text.ts";
import { type CliDatabase, freshCliDatabase } from "./helpers/cli-run.ts";

let db: CliDatabase | undefined;
let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "quorum-minutes-"));
});
afterEach(async () => {
  await db?.close();
  db = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const row = (...cells: string[]) =>
  new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });

async function minutesDocx(): Promise<string> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph("Essex Partners Board: minutes of 22 October 2026"),
          new Paragraph("1. Actions from last meeting were reviewed."),
          new Paragraph("ACTION: Sam to circulate the draft by 31/1"),
          new Paragraph("Summary of actions"),
          new Table({
            rows: [
              row("Action", "Owner", "Due"),
              row("Share the fire safety plan", "FIRE", "29/1/2027"),
              row("Report GP waits", "Priya", "15/12/2026"),
            ],
          }),
        ],
      },
    ],
  });
  const file = join(dir, "minutes.docx");
  writeFileSync(file, await Packer.toBuffer(doc));
  return file;
}

describe("quorum minutes", { timeout: 240_000 }, () => {
  it("previews a .docx's actions, table rows included, and creates them with --yes", async () => {
    db = await freshCliDatabase();
    expect((await db.run(["demo"])).code).toBe(0);
    const file = await minutesDocx();
    const args = ["minutes", "partners", file, "--meeting", "M-1", "--date", "22/10/2026"];
    const preview = await db.run(args);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/3 actions from the minutes of Essex Partners Board, Thu 22 Oct 2026/);
    expect(preview.stdout).toContain("#2 Share the fire safety plan");
    expect(preview.stdout).toContain("Rob Fenn · FIRE · due Fri 29 Jan 2027");
    expect(preview.stdout).toMatch(/Nothing is created yet\. Run again with --yes/);
    expect(await db.rows("select id from actions where meeting_date = '2026-10-22'")).toEqual([]);

    const created = await db.run([...args, "--yes"]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(
      /3 actions created from the minutes of M-1, Thu 22 Oct 2026: A-\d+, A-\d+, A-\d+/,
    );
    expect(await db.rows("select id from actions where meeting_date = '2026-10-22'")).toHaveLength(3);

    const wrongGroup = await db.run(["minutes", "hwb", file, "--meeting", "M-1", "--date", "22/10/2026"]);
    expect(wrongGroup.code).toBe(1);
    expect(wrongGroup.stdout).toMatch(/M-1 is a meeting of partners, not of hwb/);
  });

  it("refuses a file that is not a .docx, whatever its name says", async () => {
    db = await freshCliDatabase();
    expect((await db.run(["demo"])).code).toBe(0);
    const fake = join(dir, "minutes.docx");
    writeFileSync(fake, "ACTION: Sam to circulate the draft");
    const r = await db.run(["minutes", "partners", fake, "--meeting", "M-1"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not a Word \.docx document/);
    const pdf = join(dir, "minutes.pdf");
    writeFileSync(pdf, "%PDF-1.4");
    expect((await db.run(["minutes", "partners", pdf, "--meeting", "M-1"])).stderr).toMatch(
      /is not a \.docx or \.txt file/,
    );
    expect((await db.run(["minutes", "partners", fake])).stderr).toMatch(/Usage: quorum minutes/);
  });

  it("turns mammoth's HTML into lines, a table row into tab-separated cells", () => {
    const html =
      "<p>ACTION: Sam &amp; Jo</p><table><tr><td><p>Action</p></td><td><p>Owner</p></td></tr><tr><td><p>Map beds</p><p>(phase 2)</p></td><td><p>Lucy</p></td></tr></table><ul><li>Item</li></ul>";
    expect(htmlToLines(html).split("\n").filter(Boolean)).toEqual([
      "ACTION: Sam & Jo",
      "Action\tOwner",
      "Map beds (phase 2)\tLucy",
      "Item",
    ]);
  });
});

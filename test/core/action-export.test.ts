// action export: one row per action with every field and its latest note, as CSV Excel opens safely (BOM, CRLF,
// formulas neutralised) or as .xlsx, filtered like action list.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ACTION_COLUMNS } from "../../src/core/papers/action-table.ts";
import { renderDocument } from "../../src/documents/render-document.ts";
import { useHarness } from "../helpers/harness.ts";

const h = useHarness();

async function file(line: string): Promise<Uint8Array> {
  const reply = await h.say("jo", line);
  if (!reply.attachment) throw new Error(`no file: ${reply.title}`);
  return (await renderDocument(reply.attachment.document)).bytes;
}

const csvText = (b: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(b);

describe("action export", () => {
  it("writes every action as a CSV row with a BOM, CRLF and the latest note", async () => {
    const added = await h.say(
      "jo",
      'action add "=1+2 totals, checked" owner:@sam meeting:M-1@22/10/2026 due:31/1/2027',
    );
    const ref = /^(A-\d+)/.exec(added.title)?.[1] ?? "";
    expect(await h.text("jo", `action update ${ref} @SUM(1+1) with comma, "quote"`)).toMatch(/updated/);
    const text = csvText(await file("action export"));
    expect(text.startsWith(`\uFEFF${ACTION_COLUMNS.join(",")}\r\n`)).toBe(true);
    expect(text.replace(/"[^"]*"/g, "").includes("\n") && !/[^\r]\n/.test(text.replace(/"[^"]*"/g, ""))).toBe(
      true,
    );
    const rows: string[][] = parse(text.slice(1), { relax_column_count: false });
    const listed = await h.text("jo", "actions all");
    expect(rows.length - 1).toBe(Number(/All actions: (\d+)/.exec(listed)?.[1]));
    const row = rows.find((r) => r[0] === ref);
    expect(row).toEqual([
      ref,
      "'=1+2 totals, checked",
      "open",
      "Sam Okafor",
      "sam",
      "ECC",
      "partners",
      "2027-01-31",
      "M-1",
      "2026-10-22",
      expect.stringMatching(/^\d{4}-\d\d-\d\d$/), // created: stamped by the database
      "",
      "'@SUM(1+1) with comma, quote", // the grammar takes quotes off words
      expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
    ]);
  });

  it("narrows like action list: status word, group and organisation", async () => {
    const rows: string[][] = parse(csvText(await file("action export open org:ECC")).slice(1));
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.slice(1).every((r) => r[2] === "open" && r[5] === "ECC")).toBe(true);
    const none: string[][] = parse(csvText(await file("action export dropped group:hwb")).slice(1));
    expect(none).toEqual([ACTION_COLUMNS]);
  });

  it("writes an .xlsx workbook whose cells are text, never formulas", async () => {
    await h.say("jo", 'action add "+44 7700 900000 call back" owner:@priya');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await file("action export format:xlsx")) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    expect(sheet.getRow(1).values).toEqual([undefined, ...ACTION_COLUMNS]);
    const titles: unknown[] = [];
    sheet.eachRow((r) => titles.push(r.getCell(2).value));
    expect(titles).toContain("+44 7700 900000 call back");
    sheet.eachRow((r) => r.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it.each([
    ["action export format:docx", /format: takes csv or xlsx, not "docx"/],
    ["action export sideways", /List which actions\?/],
    ["action export org:NOPE", /NOPE/],
  ])("refuses %j without a file", async (line, message) => {
    const reply = await h.say("jo", line);
    expect(reply.tone).toBe("error");
    expect(reply.title).toMatch(message);
    expect(reply.attachment).toBeUndefined();
  });
});

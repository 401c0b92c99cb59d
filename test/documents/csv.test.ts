// The CSV writer's guard against formula injection, and the bytes Excel needs: BOM first, CRLF line ends.
import { describe, expect, it } from "vitest";
import { guardCell, toCsv } from "../../src/documents/csv.ts";

describe("guardCell", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@A1", "'@A1"],
    ["\t=1", "'\t=1"],
    ["plain", "plain"],
    ["a=b", "a=b"],
    ["", ""],
  ])("%j becomes %j", (input, output) => {
    expect(guardCell(input)).toBe(output);
  });
});

describe("toCsv", () => {
  it("starts with a BOM, ends records with CRLF, quotes what needs it and guards every cell", () => {
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      toCsv(
        ["Name", "=Note"],
        [
          ["Zoë, café", '-1 "so"'],
          ["a\nb", "plain"],
        ],
      ),
    );
    expect(text).toBe('\uFEFFName,\'=Note\r\n"Zoë, café","\'-1 ""so"""\r\n"a\nb",plain\r\n');
  });
});

// Control characters: stripped where commands and documents enter, refused when NUL, shown (never obeyed) on output.
import { describe, expect, it } from "vitest";
import { card, items, text } from "../../src/core/card.ts";
import { cleanInput, neutraliseControls, stripControls } from "../../src/core/clean-input.ts";
import { QuorumError } from "../../src/core/errors.ts";
import { parseFaqDocument } from "../../src/core/questions/faq-document.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { useHarness } from "../helpers/harness.ts";

const ATTACK = "\u001b]0;pwned\u0007\u001b[2J";
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the test
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("cleanInput", () => {
  it("drops whole escape sequences and other controls, keeps tabs, line breaks and ordinary text", () => {
    expect(cleanInput(`Budget${ATTACK} review`)).toBe("Budget review");
    expect(cleanInput("a\u001b[31mred\u001b[0m b\u009b2Jc")).toBe("ared bc");
    expect(cleanInput("bell\u0007 back\bspace del\u007f c1\u0085")).toBe("bell backspace del c1");
    expect(cleanInput("line one\r\nline two\rthree\n\tindented")).toBe(
      "line one\nline two\nthree\n\tindented",
    );
    expect(cleanInput("Café – “quoted” 👍")).toBe("Café – “quoted” 👍");
  });

  it("an unterminated OSC sequence takes only the rest of its line, not the next lines", () => {
    expect(cleanInput("first\u001b]0;title\nsecond line")).toBe("first\nsecond line");
  });

  it("refuses a NUL byte with a message that says what is wrong", () => {
    expect(() => cleanInput('action add "a\u0000b"')).toThrow(QuorumError);
    expect(() => cleanInput("a\u0000b")).toThrow(/NUL character/);
  });

  it("stripControls drops a NUL with the rest (documents)", () => {
    expect(stripControls("a\u0000b\u001b[2Jc")).toBe("abc");
  });
});

describe("neutraliseControls", () => {
  it("shows each control character as a visible stand-in and keeps tabs and line breaks", () => {
    const out = neutraliseControls(`Title${ATTACK}\r\nnext\tcol\u009bx\u007f`);
    expect(out).toBe("Title␛]0;pwned␇␛[2J\nnext\tcol\ufffdx␡");
    expect(out).not.toMatch(RAW_CONTROL);
  });

  it("cardToText never returns a raw control character, wherever it was in the card", () => {
    const out = cardToText(
      card(`T${ATTACK}`, [
        text(`body${ATTACK}`),
        items([{ title: `item${ATTACK}`, detail: `d\u0085`, buttons: [{ label: "x\u0007", command: "c" }] }]),
      ]),
    );
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).toContain("T␛]0;pwned␇␛[2J");
  });
});

describe("commands with control characters, through the core", () => {
  const h = useHarness();

  it("stores an action title without its escape sequences", async () => {
    const reply = await h.text("jo", `action add "Winter${ATTACK} rota" due:friday`);
    const n = Number(/A-(\d+) added/.exec(reply)?.[1]);
    expect(n).toBeGreaterThan(0);
    // Rendering would show a stored ESC as ␛, so "Winter rota" here means it was never stored.
    expect(await h.text("jo", `action show A-${n}`)).toContain("Winter rota");
  });

  it("a NUL byte gets a clear error, not an apology, and nothing is stored", async () => {
    const before = await h.text("jo", "actions all");
    const reply = await h.say("jo", 'action add "Bad\u0000title" due:friday');
    expect(reply.tone).toBe("error");
    expect(reply.title).toContain("NUL character");
    expect(reply.title).not.toContain("Sorry, something went wrong");
    expect(h.unexpected).toEqual([]);
    expect(await h.text("jo", "actions all")).toBe(before);
  });
});

describe("FAQ documents", () => {
  it("import strips escape sequences and NULs from questions and answers", () => {
    const doc = parseFaqDocument(
      `# FAQ\n\nWho chairs${ATTACK} the board?\n\nThe Leader\u0000 of the Council.\u001b[31m\r\nSecond line.\n`,
    );
    expect(doc.entries).toHaveLength(1);
    expect(doc.entries[0]?.question).toBe("Who chairs the board?");
    expect(doc.entries[0]?.answer).toBe("The Leader of the Council. Second line.");
    expect(JSON.stringify(doc)).not.toMatch(/\\u00(0|1)[0-9a-f]/);
  });
});

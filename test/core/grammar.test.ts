// The shared grammar: tokenising, command matching, options, and that no input can make the parser throw
// anything but a QuorumError.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commandArg } from "../../src/core/actions/due-date.ts";
import { MAX_LINE, parseLine } from "../../src/core/commands/parse.ts";
import { buildRegistry } from "../../src/core/commands/registry.ts";
import { tokenize } from "../../src/core/commands/tokenize.ts";
import { QuorumError } from "../../src/core/errors.ts";

const specs = buildRegistry();

describe("tokenize", () => {
  it("keeps quoted text together, straight or curly", () => {
    expect(tokenize('action add "Map VCS capacity" due:friday').map((t) => t.text)).toEqual([
      "action",
      "add",
      "Map VCS capacity",
      "due:friday",
    ]);
    expect(tokenize("note “curly quotes here”")[1]).toMatchObject({
      text: "curly quotes here",
      quoted: true,
    });
  });

  it('reads key:"quoted value" as one complete token', () => {
    const [t] = tokenize('due:"next tue 10:00"');
    expect(t).toEqual({ text: "due:next tue 10:00", quoted: false, hasQuote: true, end: 20 });
  });

  it("lets an unclosed quote take the rest of the line, marking where it opened", () => {
    const tokens = tokenize('add "half a title and more');
    expect(tokens.map((t) => t.text)).toEqual(["add", "half a title and more"]);
    expect(tokens[1]?.unclosedAt).toBe(4);
  });
});

describe("quotes inside quoted text", () => {
  it.each([
    ['action add "Agree \\"Future of Essex\\" wording"', 'Agree "Future of Essex" wording'],
    ['action add “Agree "Future of Essex" wording”', 'Agree "Future of Essex" wording'],
    ['action add "Agree “Future of Essex” wording"', "Agree “Future of Essex” wording"],
    ["action add “Agree ‘Future of Essex’ wording”", "Agree ‘Future of Essex’ wording"],
    ["action add ‘Agree the council’s wording’", "Agree the council’s wording"],
    ["action add ”Swedish-style quotes”", "Swedish-style quotes"],
    ['action add Agree \\"Future\\" wording', 'Agree "Future" wording'],
    ["action add Check the council’s “offer”", "Check the council’s offer"],
  ])("%s stores %j", (line, title) => {
    expect(parseLine(specs, `${line} owner:@sam`).args).toMatchObject({
      rest: title,
      options: { owner: "@sam" },
    });
  });

  it("keeps option values with escaped quotes whole", () => {
    const { args } = parseLine(specs, 'meeting add group:hwb at:friday 10:00 place:"Room \\"B\\""');
    expect(args.options.place).toBe('Room "B"');
  });
});

describe("an unclosed quote", () => {
  it.each([
    ['action add "Agree wording owner:@sam due:friday', '"', 12],
    ["action add Agree “wording owner:@sam due:friday", "“", 18],
    ['action add "Agree \\"wording\\" owner:@sam due:friday', '"', 12],
    ['action add Agree due:friday "wording owner:@sam', '"', 29],
    ['🙂 action add "x', '"', 15],
  ])("in %j is refused with the column where it opened, never taking the options", (line, mark, column) => {
    const err = catchError(() => parseLine(specs, line));
    if (line.startsWith("🙂")) {
      expect(err.code).toBe("unknown_command");
      return;
    }
    expect(err.code).toBe("bad_argument");
    expect(err.message).toContain(`The quote ${mark} at column ${column} is never closed.`);
    expect(err.message).toContain('write \\" for a quote mark');
    expect(err.message).toContain(`You typed: ${line}`);
    expect(err.usage).toMatch(/^action add/);
  });

  it("counts columns in characters, so an emoji before it counts once", () => {
    const err = catchError(() => parseLine(specs, 'action add 🙂 "x owner:@sam'));
    expect(err.message).toContain("column 14");
  });

  it("is kept as text by a command of free text alone, which has nothing to swallow", () => {
    expect(parseLine(specs, 'ask what does "LSCP stand for?').args.text).toBe('what does "LSCP stand for?');
  });
});

describe("commandArg (the text a button's command carries)", () => {
  it("reads back as the same single word, whatever it contains (property-based)", () => {
    const chars = fc.constantFrom(..."ab :-\\\"“”‘’'\n\t@é🙂".split(""), "--", "owner:", "due:");
    const value = fc.array(chars, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(value, (v) => {
        const { args } = parseLine(specs, `action add ${commandArg(v)} group:hwb`);
        expect(args.words).toEqual([v]);
        expect(args.options).toEqual({ group: "hwb" });
      }),
      { numRuns: 2000 },
    );
  });
});

describe("flags", () => {
  it("reads --past only on commands that declare it, anywhere after the command", () => {
    const { args } = parseLine(specs, "action add Thing --past due:yesterday");
    expect(args.flags).toEqual({ past: true });
    expect(args.options.due).toBe("yesterday");
    expect(args.rest).toBe("Thing");
    expect(parseLine(specs, 'action add "--past" due:friday').args).toMatchObject({
      rest: "--past",
      flags: {},
    });
    expect(parseLine(specs, "action update A-1 --past note").args.words).toEqual(["A-1", "--past", "note"]);
  });
});

describe("parseLine", () => {
  it("matches the longest command path and aliases", () => {
    expect(parseLine(specs, "action list overdue").spec.path).toEqual(["action", "list"]);
    expect(parseLine(specs, "actions overdue").spec.path).toEqual(["action", "list"]);
    expect(parseLine(specs, "ACTION LIST").spec.path).toEqual(["action", "list"]);
    expect(parseLine(specs, "next").spec.path).toEqual(["meeting", "next"]);
  });

  it("separates words from key:value options, with multi-word dates", () => {
    const { args } = parseLine(
      specs,
      'action add "Share the data" owner:@amira group:safer due:next tue 10:00',
    );
    expect(args.words).toEqual(["Share the data"]);
    expect(args.options).toEqual({ owner: "@amira", group: "safer", due: "next tue 10:00" });
  });

  it("keeps the exact text after the command, line breaks included, for free text", () => {
    const { args } = parseLine(specs, "answer Q-3 First line.\n\n  - a bullet\nLast line. ");
    expect(args.text).toBe("Q-3 First line.\n\n  - a bullet\nLast line.");
    expect(args.rest).toBe("Q-3 First line. - a bullet Last line.");
  });

  it("treats an unknown key:value as plain text, so titles may contain colons", () => {
    const { args } = parseLine(specs, "action add Review: the data plan");
    expect(args.rest).toBe("Review: the data plan");
  });

  it.each([
    ["", "unknown_command", /Type a command/],
    ["frobnicate", "unknown_command", /don't know the command "frobnicate"/],
    ["action", "unknown_command", /needs one of: .*action add/],
    ["action add", "missing_argument", /needs more/],
    ["action add x owner:", "missing_argument", /owner: needs a value/],
    ["action add x group:a group:b", "missing_argument", /group: is given twice/],
  ])("rejects %j with a specific message", (line, code, message) => {
    const err = catchError(() => parseLine(specs, line));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
  });

  it("gives the usage line with argument errors", () => {
    const err = catchError(() => parseLine(specs, "action add"));
    expect(err.usage).toMatch(/^action add "<title>"/);
  });

  it("refuses lines over the limit before any work", () => {
    const err = catchError(() => parseLine(specs, `action add ${"x".repeat(MAX_LINE)}`));
    expect(err.code).toBe("too_long");
  });

  it("never throws anything but a QuorumError on random input", () => {
    // A seeded generator so a failure is reproducible.
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pieces = [
      "action",
      "add",
      "list",
      "meeting",
      "due:",
      "owner:@",
      '"',
      "“",
      ":",
      " ",
      "A-1",
      "é",
      "🙂",
      "\t",
      "group:",
    ];
    for (let i = 0; i < 3000; i++) {
      const len = Math.floor(rand() * 12);
      let line = "";
      for (let j = 0; j < len; j++) line += pieces[Math.floor(rand() * pieces.length)];
      try {
        parseLine(specs, line);
      } catch (err) {
        expect(err, `input ${JSON.stringify(line)}`).toBeInstanceOf(QuorumError);
      }
    }
  });
});

describe("help", () => {
  it("every command has a summary, a usage line starting with its path, and an example", () => {
    for (const spec of specs) {
      expect(spec.summary.length, spec.path.join(" ")).toBeGreaterThan(5);
      expect(spec.usage.startsWith(spec.path.join(" "))).toBe(true);
      expect(spec.examples.length).toBeGreaterThan(0);
      for (const example of spec.examples) {
        expect(() => parseLine(specs, example), example).not.toThrow();
      }
    }
  });
});

function catchError(fn: () => unknown): QuorumError {
  try {
    fn();
  } catch (err) {
    if (err instanceof QuorumError) return err;
    throw err;
  }
  throw new Error("expected a QuorumError");
}

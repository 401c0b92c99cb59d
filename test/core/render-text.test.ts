// The plain-text rendering the shell prints and chat adapters use as notification fallback.
import { expect, it } from "vitest";
import { card, fields, items, text } from "../../src/core/card.ts";
import { cardToText } from "../../src/core/render-text.ts";

it("renders every block kind, tone mark first", () => {
  const out = cardToText(
    card(
      "A-7 is done",
      [
        text("Thanks, Sam."),
        fields({ label: "Owner", value: "Sam Okafor (ECC)" }),
        items(
          [
            {
              title: "A-7 Map capacity",
              detail: "due Fri 27 Nov",
              flag: "overdue",
              buttons: [{ label: "Done", command: "action done A-7" }],
            },
          ],
          "Open",
        ),
        items([], "Overdue", "Nothing overdue."),
        { kind: "usage", usage: "action done A-<n> [note]", examples: ["action done A-7"] },
      ],
      { tone: "success" },
    ),
  );
  expect(out).toBe(
    [
      "✓ A-7 is done",
      "Thanks, Sam.",
      "  Owner: Sam Okafor (ECC)",
      "Open",
      "  • A-7 Map capacity  [overdue]",
      "    due Fri 27 Nov",
      "    [Done: action done A-7]",
      "Overdue",
      "  Nothing overdue.",
      "Usage: action done A-<n> [note]",
      "  e.g. action done A-7",
    ].join("\n"),
  );
});

it("marks errors", () => {
  expect(cardToText(card("No such action", [], { tone: "error" }))).toBe("✗ No such action");
});

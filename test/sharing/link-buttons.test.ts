// A card's link buttons through each pure renderer: a Slack url button, a Teams Action.OpenUrl, the shell's printed address.
import { describe, expect, it } from "vitest";
import { cardToBlockKit, LINK_ACTION } from "../../src/adapters/slack/block-kit.ts";
import { cardToAdaptiveCard } from "../../src/adapters/teams/adaptive-card.ts";
import { card, links, text } from "../../src/core/card.ts";
import { cardToText } from "../../src/core/render-text.ts";

const URL_ = "https://quorum.example.org/files/abcDEF_123-xyz";
const reply = card("Actions: 3 exported (csv)", [
  text("The download link for actions-2026-11-23.csv works for 24 hours."),
  links({ label: "Download actions <2026>.csv & more", url: URL_ }),
]);

describe("link buttons", () => {
  it("are a Slack button with the url, a plain-text label and an action id Slack only needs acknowledged", () => {
    const { blocks, text: fallback } = cardToBlockKit(reply);
    const actions = blocks.find((b) => b.type === "actions");
    expect(actions).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "Download actions <2026>.csv & more", emoji: true },
          url: URL_,
          action_id: `${LINK_ACTION}:0`,
        },
      ],
    });
    // The notification text still carries the address, escaped like the rest.
    expect(fallback).toContain(`Download actions &lt;2026&gt;.csv &amp; more: ${URL_}`);
  });

  it("are a Teams Action.OpenUrl", () => {
    const body = cardToAdaptiveCard(reply).body;
    expect(body).toContainEqual({
      type: "ActionSet",
      actions: [{ type: "Action.OpenUrl", title: "Download actions <2026>.csv & more", url: URL_ }],
    });
  });

  it("print their address in the shell", () => {
    expect(cardToText(reply).split("\n")).toContain(`Download actions <2026>.csv & more: ${URL_}`);
  });

  it("fall back to text on Slack and Teams when the address is not one they can open", () => {
    const odd = card("x", [
      links({ label: "Page", url: "/view/abc" }, { label: "Bad", url: "javascript:alert(1)" }),
    ]);
    const slack = cardToBlockKit(odd).blocks;
    expect(slack.some((b) => b.type === "actions")).toBe(false);
    expect(JSON.stringify(slack)).toContain("Page: /view/abc");
    const teams = cardToAdaptiveCard(odd).body;
    expect(JSON.stringify(teams)).not.toContain("Action.OpenUrl");
    expect(JSON.stringify(teams)).toContain("Bad: javascript:alert(1)");
  });
});

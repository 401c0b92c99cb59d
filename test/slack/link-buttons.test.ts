// Through the real Slack receiver: a reply that carries a file has a url button to it, and a click on one is only acknowledged.
import { describe, expect, it } from "vitest";
import { LINK_ACTION } from "../../src/adapters/slack/block-kit.ts";
import { TEAM, USERS, useSlackHarness } from "./slack-harness.ts";

const PUBLIC = "https://quorum.example.org";
const h = useSlackHarness({ publicUrl: PUBLIC });

interface Element {
  type: string;
  url?: string;
  action_id?: string;
  text?: { text: string };
}

describe("link buttons on Slack", () => {
  it("gives `action export` a Download button whose url serves the file", async () => {
    const res = await h.command("action export open group:hwb");
    expect(res.status).toBe(200);
    const ack = (await res.json()) as { blocks: { type: string; elements?: Element[] }[] };
    const buttons = ack.blocks.flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []));
    const download = buttons.find((e) => e.action_id?.startsWith(`${LINK_ACTION}:`));
    expect(download?.type).toBe("button");
    expect(download?.text?.text).toBe("Download actions-2026-11-23.csv");
    expect(download?.url).toMatch(/^https:\/\/quorum\.example\.org\/files\/[A-Za-z0-9_-]{43}$/);
    // The same path on this server (the public address points at it) downloads the export.
    const file = await fetch(`${h.running.http.url}${(download?.url ?? "").slice(PUBLIC.length)}`);
    expect(file.status).toBe(200);
    expect(await file.text()).toContain("Circulate the draft health and wellbeing strategy");
  });

  it("gives `group share` an Open button to the page", async () => {
    const res = await h.command("group share hwb", { user: USERS.jo.id });
    const ack = (await res.json()) as {
      response_type: string;
      blocks: { type: string; elements?: Element[] }[];
    };
    expect(ack.response_type).toBe("ephemeral");
    const button = ack.blocks.flatMap((b) => b.elements ?? []).find((e) => e.url);
    expect(button?.text?.text).toBe("Open Health and Wellbeing Board's page");
    const page = await fetch(`${h.running.http.url}${(button?.url ?? "").slice(PUBLIC.length)}`);
    expect(page.status).toBe(200);
  });

  it("acknowledges a click on a link button and runs nothing", async () => {
    h.fake.clear();
    const res = await h.interact({
      type: "block_actions",
      team: { id: TEAM, domain: "essex-partners" },
      user: { id: USERS.jo.id, team_id: TEAM },
      api_app_id: "AQUORUM",
      token: "legacy",
      trigger_id: "trig-link",
      container: { type: "message", message_ts: "1700000000.000100", channel_id: "CHWB", is_ephemeral: true },
      channel: { id: "CHWB", name: "hwb-board" },
      response_url: h.fake.responseUrl("link"),
      actions: [
        {
          block_id: "links",
          action_ts: "1",
          type: "button",
          action_id: `${LINK_ACTION}:0`,
          url: `${PUBLIC}/files/x`,
          text: { type: "plain_text", text: "Download" },
        },
      ],
    });
    expect(res.status).toBe(200);
    await h.slack.settled();
    expect(h.fake.callsTo("response_url")).toEqual([]);
    expect(h.logs.join("\n")).not.toMatch(/unhandled/i);
  });
});

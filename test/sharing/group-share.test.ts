// group share | unshare through the core: who may, one link per group held only as a hash, and how the link is addressed.
import { desc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Card } from "../../src/core/card.ts";
import { NO_PUBLIC_ADDRESS, withAddress } from "../../src/core/public-links.ts";
import { viewTokenHash } from "../../src/core/sharing/view-links.ts";
import { auditEvents, groupViewLinks } from "../../src/store/schema.ts";
import { useHarness } from "../helpers/harness.ts";

const h = useHarness();

/** The /view/<token> path a share reply links to. */
function viewLink(reply: Card): string {
  const block = reply.blocks.find((b) => b.kind === "links");
  const url = block?.kind === "links" ? block.links[0]?.url : undefined;
  expect(url).toMatch(/^\/view\/[A-Za-z0-9_-]{43}$/);
  return url ?? "";
}

const lastAudit = async () =>
  (await h.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1))[0];

describe("group share", () => {
  it("gives the chair a link, only to them, and keeps only the token's hash", async () => {
    const reply = await h.say("helen", "group share hwb");
    expect(reply.tone).toBe("success");
    expect(reply.audience).toBe("personal");
    expect(reply.title).toBe("Health and Wellbeing Board's page is shared");
    const token = viewLink(reply).slice("/view/".length);
    const rows = await h.database.db.select().from(groupViewLinks);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(viewTokenHash(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await lastAudit()).toMatchObject({ verb: "group.share", subject: "group:hwb" });
  });

  it("lets an admin share any group, and a second share replaces the first link", async () => {
    const first = viewLink(await h.say("jo", "group share hwb"));
    const again = await h.say("jo", "group share hwb");
    const second = viewLink(again);
    expect(second).not.toBe(first);
    expect(
      again.blocks.some((b) => b.kind === "text" && b.text.includes("The earlier link no longer works.")),
    ).toBe(true);
    const rows = await h.database.db.select().from(groupViewLinks);
    expect(rows).toHaveLength(1);
  });

  it.each([
    [
      "a member who does not chair the group",
      "sam",
      "group share hwb",
      /Only Health and Wellbeing Board's chair or an admin/,
    ],
    ["an unknown group", "jo", "group share nowhere", /nowhere/],
    ["no group at all", "jo", "group share", /"usage":"group share <slug>"/],
  ])("refuses %s and stores nothing", async (_what, who, line, message) => {
    const reply = await h.say(who, line);
    expect(reply.tone).toBe("error");
    expect(JSON.stringify(reply)).toMatch(message);
    expect(await h.database.db.select().from(groupViewLinks)).toEqual([]);
  });
});

describe("group unshare", () => {
  it("removes the group's link, and says so when there was none", async () => {
    await h.say("helen", "group share hwb");
    const reply = await h.say("helen", "group unshare hwb");
    expect(reply.tone).toBe("success");
    expect(reply.title).toBe("Health and Wellbeing Board's page is no longer shared");
    expect(await h.database.db.select().from(groupViewLinks)).toEqual([]);
    expect(await lastAudit()).toMatchObject({ verb: "group.unshare", subject: "group:hwb" });
    expect((await h.say("helen", "group unshare hwb")).title).toBe(
      "Health and Wellbeing Board's page was not shared",
    );
  });

  it("is refused to a member who does not chair the group, leaving the link working", async () => {
    await h.say("helen", "group share hwb");
    const reply = await h.say("sam", "group unshare hwb");
    expect(reply.tone).toBe("error");
    expect(await h.database.db.select().from(groupViewLinks)).toHaveLength(1);
  });
});

describe("links to Quorum's own address", () => {
  const reply: Card = {
    title: "shared",
    tone: "success",
    audience: "personal",
    blocks: [
      { kind: "text", text: "Here it is." },
      {
        kind: "links",
        links: [
          { label: "Open the page", url: "/view/abc" },
          { label: "Elsewhere", url: "https://example.org/x" },
        ],
      },
    ],
  };

  it("puts the public address in front of a path", () => {
    const out = withAddress(reply, "https://quorum.example.org");
    expect(out.blocks[1]).toEqual({
      kind: "links",
      links: [
        { label: "Open the page", url: "https://quorum.example.org/view/abc" },
        { label: "Elsewhere", url: "https://example.org/x" },
      ],
    });
  });

  it("says how to set QUORUM_PUBLIC_URL when there is none, and still gives the path", () => {
    const out = withAddress(reply, undefined);
    const texts = out.blocks.flatMap((b) => (b.kind === "text" ? [b.text] : []));
    expect(texts).toContain(NO_PUBLIC_ADDRESS);
    expect(texts).toContain("Open the page, its path on that address: /view/abc");
    expect(out.blocks).toContainEqual({
      kind: "links",
      links: [{ label: "Elsewhere", url: "https://example.org/x" }],
    });
  });
});

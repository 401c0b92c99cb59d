// People hear about what concerns them: a new action owner gets a direct message with the action's
// buttons, the previous owner hears where it went, nobody hears about their own change, and the done and
// dropped lists show each action's closing note or reason. Each test starts from its own database.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { announceOwnerChange } from "../../src/core/actions/notify.ts";
import type { Card } from "../../src/core/card.ts";
import { contextFor } from "../../src/core/context.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { outbox } from "../../src/store/schema.ts";
import { type Harness, NOW, openHarness } from "../helpers/harness.ts";

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

interface Row {
  kind: string;
  dedupeKey: string;
  target: { kind: string; id: string; platform: string };
  payload: { card: Card; text: string };
}

async function sent(kind?: string): Promise<Row[]> {
  const rows = (await h.database.db.select().from(outbox)) as unknown as Row[];
  return rows.filter((r) => !kind || r.kind === kind);
}

const to = (rows: Row[], handle: string) => rows.filter((r) => r.target.id === handle);

describe("action assign", () => {
  it("sends the new owner the action with Done and Snooze, and tells the previous owner who moved it where", async () => {
    // A-2 is Sam's; Jo (an admin) gives it to Priya.
    expect(await h.text("jo", "action assign A-2 @priya")).toMatch(/A-2 now with Dr Priya Nair/);
    const assigned = await sent("action-assigned");
    expect(assigned).toHaveLength(1);
    const [dm] = assigned;
    expect(dm?.target).toMatchObject({ kind: "person", platform: "shell", id: "priya" });
    expect(dm?.payload.card).toMatchObject({ title: "A-2 is now yours", audience: "personal" });
    const item = dm?.payload.card.blocks.find((b) => b.kind === "items");
    expect(item?.kind === "items" && item.items[0]?.buttons).toEqual([
      { label: "Done", command: "action done A-2", style: "primary" },
      { label: "Snooze a week", command: "action snooze A-2" },
    ]);
    expect(dm?.payload.text).toContain("Jo Whitfield passed this to you from Sam Okafor.");

    const moved = await sent("action-moved");
    expect(moved).toHaveLength(1);
    expect(moved[0]?.target).toMatchObject({ kind: "person", id: "sam" });
    expect(moved[0]?.payload.card.title).toBe("A-2 is no longer yours");
    expect(moved[0]?.payload.text).toContain("Now with: Dr Priya Nair");
    expect(moved[0]?.payload.text).toContain("Moved by: Jo Whitfield");
    expect(moved[0]?.payload.text).not.toContain("action done A-2");
    expect(h.unexpected).toEqual([]);
  });

  it("sends nothing to someone who assigns an action to themselves, only tells the owner they took it from", async () => {
    // A-4 is Priya's; Jo takes it.
    expect(await h.text("jo", "action assign A-4 @jo")).toMatch(/A-4 now with Jo Whitfield/);
    expect(await sent("action-assigned")).toEqual([]);
    const moved = await sent("action-moved");
    expect(moved.map((r) => r.target.id)).toEqual(["priya"]);
    expect(to(await sent(), "jo")).toEqual([]);
  });

  it("tells the new owner but not the previous one when the owner hands their own action on", async () => {
    // A-6 is Rob's; Rob gives it to Tom: Tom hears, Rob made the change himself.
    expect(await h.text("rob", "action assign A-6 @tom")).toMatch(/A-6 now with Tom Ellery/);
    expect((await sent()).map((r) => [r.kind, r.target.id])).toEqual([["action-assigned", "tom"]]);
  });

  it("does not send twice for a repeated click, but does for a later hand-back", async () => {
    expect(await h.text("jo", "action assign A-3 @rob")).toMatch(/A-3 now with/);
    const again = await h.say("jo", "action assign A-3 @rob");
    expect(again.tone).toBe("error");
    expect(again.title).toMatch(/already owned by Rob/);
    expect((await sent()).map((r) => [r.kind, r.target.id]).sort()).toEqual([
      ["action-assigned", "rob"],
      ["action-moved", "amira"],
    ]);
    // A change of organisation alone is not a new owner: nobody is told.
    expect(await h.text("jo", "action assign A-3 @rob org:UNI")).toMatch(/A-3 now with/);
    expect(await sent()).toHaveLength(2);
    // Back to Amira and then to Rob again: each is a real change, and each is sent.
    await h.text("jo", "action assign A-3 @amira");
    await h.text("jo", "action assign A-3 @rob");
    const toRob = to(await sent("action-assigned"), "rob");
    expect(toRob).toHaveLength(2);
    expect(new Set(toRob.map((r) => r.dedupeKey)).size).toBe(2);
  });

  it("keys each message on the change itself, so a second announcement of it a moment later is ignored", async () => {
    expect(await h.text("jo", "action assign A-2 @priya")).toMatch(/A-2 now with/);
    // What a double submit racing the first would do: announce the same change again, a second later.
    await createStore(h.database.db).transaction(async (repos) => {
      const p = await repos.partnerships.bySlug("demo");
      const [jo, sam] = await Promise.all(["jo", "sam"].map((x) => repos.people.byHandle(p?.id ?? 0, x)));
      const a = await repos.actions.byNumber(p?.id ?? 0, 2);
      if (!p || !jo || !sam || !a) throw new Error("demo data missing");
      const later = new Date(NOW.getTime() + 1000);
      const ctx = contextFor(repos, p, jo, later, {
        platform: "shell",
        tenant: "local",
        conversation: { id: "shell:jo", kind: "direct" },
      });
      await announceOwnerChange(ctx, a, sam);
    });
    expect((await sent()).map((r) => [r.kind, r.target.id]).sort()).toEqual([
      ["action-assigned", "priya"],
      ["action-moved", "sam"],
    ]);
  });

  it("skips a person who has never used Quorum on chat, without an error, and says so", async () => {
    await h.text("jo", 'person add @dan "Dan Price" email:dan.price@example.gov.uk org:ECC');
    const reply = await h.say("jo", "action assign A-7 @dan");
    expect(reply.tone).toBe("success");
    expect(reply.title).toBe("A-7 now with Dan Price");
    expect(JSON.stringify(reply.blocks)).toContain("Dan Price has not used Quorum on chat yet");
    expect(await sent("action-assigned")).toEqual([]);
    expect((await sent("action-moved")).map((r) => r.target.id)).toEqual(["tom"]);
    expect(h.unexpected).toEqual([]);
  });

  it("does not message a removed person whose open action is reassigned", async () => {
    expect(await h.text("jo", "person remove @rob")).toMatch(/is removed/);
    expect(await h.text("jo", "action assign A-6 @tom")).toMatch(/A-6 now with Tom Ellery/);
    expect((await sent()).map((r) => [r.kind, r.target.id])).toEqual([["action-assigned", "tom"]]);
  });
});

describe("action add", () => {
  it("sends the owner a direct message when someone else adds the action for them", async () => {
    const reply = await h.text("jo", 'action add "Book the venue" owner:@lucy due:friday');
    expect(reply).toMatch(/A-13 added for Lucy/);
    expect(reply).not.toContain("has not used Quorum");
    const rows = await sent();
    expect(rows.map((r) => [r.kind, r.target.id])).toEqual([["action-assigned", "lucy"]]);
    expect(rows[0]?.payload.text).toContain("Jo Whitfield added this for you.");
    expect(rows[0]?.payload.text).toContain("A-13 Book the venue");
    expect(rows[0]?.payload.text).toContain("action done A-13");
  });

  it("sends nothing for an action someone adds for themselves", async () => {
    await h.text("jo", "action add Book the room");
    await h.text("jo", "action add Book the caterer owner:@jo");
    expect(await sent()).toEqual([]);
  });
});

describe("done and dropped lists", () => {
  it("show each action's closing note or drop reason under it", async () => {
    expect(await h.text("jo", "action done A-7 Capacity map shared with the board")).toMatch(/A-7 done/);
    expect(await h.text("jo", "action drop A-8 Folded into the research bid")).toMatch(/A-8 dropped/);
    const done = await h.text("jo", "actions done");
    expect(done).toContain("Note: Capacity map shared with the board");
    expect(done).toContain("Note: Agreed at the last meeting"); // A-9, closed in the demo with a note
    expect(done).not.toContain("Reason:");
    const dropped = await h.text("jo", "actions dropped");
    expect(dropped).toContain("Reason: Folded into the research bid");
    expect(dropped).toContain("Reason: Covered by the county-wide residents' survey");
    expect(dropped).not.toContain("Note:");
    // The note sits under its own action: A-7's line is followed by its detail and then its note.
    const lines = done.split("\n");
    const at = lines.findIndex((l) => l.includes("A-7 Map voluntary sector capacity"));
    expect(lines.slice(at, at + 4).join("\n")).toContain("Note: Capacity map shared");
  });

  it("shows the latest close after a reopen, and nothing for a close without a note", async () => {
    await h.text("jo", "action done A-5 First go");
    await h.text("jo", "action reopen A-5");
    await h.text("jo", "action done A-5");
    const done = await h.text("jo", "actions done");
    expect(done).not.toContain("First go");
    expect(await h.text("jo", "actions open")).not.toContain("Note:");
  });
});

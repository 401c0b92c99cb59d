// Actions end to end through the grammar, the core and the real database: numbering, listing, permissions,
// every kind of change, the audit trail, and bad input that changes nothing.
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import type { CommandSpec } from "../../src/core/commands/spec.ts";
import { audit } from "../../src/core/context.ts";
import { createQuorum } from "../../src/core/quorum.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { actions, actionUpdates, auditEvents } from "../../src/store/schema.ts";
import { countRows, useHarness } from "../helpers/harness.ts";

const h = useHarness();

const lastAudit = async () => {
  const [row] = await h.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  return row;
};

describe("action add", () => {
  it("numbers actions per partnership and fills owner, organisation, group and due date", async () => {
    const reply = await h.text("jo", 'action add "Map VCS winter capacity" owner:@tom group:hwb due:friday');
    expect(reply).toMatch(/^✓ A-13 added/);
    expect(reply).toContain("Tom Ellery (VCS) · due Fri 27 Nov · hwb");
    const audit = await lastAudit();
    expect(audit).toMatchObject({ verb: "action.add", subject: "A-13", platform: "shell" });
  });

  it("defaults the owner to the person adding it and reads UK dates", async () => {
    const reply = await h.text("priya", "action add Confirm the NHS seat due:31/12");
    expect(reply).toContain("Dr Priya Nair (NHS-MSE) · due Thu 31 Dec");
  });

  it("accepts an organisation other than the owner's", async () => {
    expect(await h.text("jo", "action add Joint bid owner:@sam org:UNI")).toContain("Sam Okafor (UNI)");
  });

  it.each([
    ["action add", /needs more/],
    ['action add "   "', /needs a title/],
    ["action add Thing owner:@nobody", /No one called "nobody"/],
    ["action add Thing org:XYZ", /no organisation "XYZ". Codes: .*ECC/],
    ["action add Thing group:choir", /no group "choir". Groups:/],
    ["action add Thing due:someday", /couldn't read "someday" as a date/],
    [`action add ${"x".repeat(501)}`, /limit is 500/],
  ])("refuses %j, shows the usage and adds nothing", async (line, message) => {
    const before = await countRows(h, actions);
    const reply = await h.say("jo", line);
    expect(reply.tone).toBe("error");
    expect(reply.title).toMatch(message);
    expect(reply.blocks.some((b) => b.kind === "usage")).toBe(true);
    expect(await countRows(h, actions)).toBe(before);
  });
});

describe("action list", () => {
  it("lists overdue actions, oldest first", async () => {
    const reply = await h.text("jo", "actions overdue");
    expect(reply.split("\n")[0]).toBe("Overdue actions: 3");
    expect(reply.indexOf("A-1 ")).toBeLessThan(reply.indexOf("A-3 "));
  });

  it("filters mine, by group, organisation and owner", async () => {
    expect(await h.text("sam", "actions mine")).toContain("A-2 ");
    expect(await h.text("sam", "actions mine")).not.toContain("A-4 ");
    const hwb = await h.text("jo", "actions open group:hwb");
    expect(hwb).toContain("A-1 ");
    expect(hwb).not.toContain("A-3 ");
    expect(await h.text("jo", "actions all org:PFCC")).toContain("A-3 ");
    expect(await h.text("jo", "actions done owner:@sam")).toContain("A-9 ");
  });

  it("lists what is due this week", async () => {
    const week = await h.text("jo", "actions week");
    expect(week).toContain("A-4 "); // due Thursday
    expect(week).not.toContain("A-6 "); // due in 20 days
  });

  it("says what filters exist when given a wrong one", async () => {
    const reply = await h.text("jo", "actions soon");
    expect(reply).toMatch(/List which actions\? Use one of: mine, open, overdue/);
  });
});

describe("changing an action", () => {
  it("lets the owner add a note, and keeps it in the history", async () => {
    await h.say("amira", "action update A-3 Data sharing agreement signed by two districts");
    const shown = await h.text("jo", "action show A-3");
    expect(shown).toContain("Data sharing agreement signed by two districts");
    const [a] = await h.database.db.select().from(actions).where(eq(actions.number, 3));
    const log = await h.database.db
      .select()
      .from(actionUpdates)
      .where(eq(actionUpdates.actionId, a?.id ?? 0));
    expect(log.some((u) => u.kind === "note")).toBe(true);
  });

  it("lets the group's chair, but not another member, mark it done", async () => {
    const refused = await h.say("priya", "action done A-1");
    expect(refused.tone).toBe("error");
    expect(refused.title).toMatch(
      /Only A-1's owner \(Helen Marsh\), its creator, the group's chair or an admin/,
    );
    const [still] = await h.database.db.select().from(actions).where(eq(actions.number, 1));
    expect(still?.status).toBe("open");
    // helen chairs hwb and owns A-1; dave chairs safer and can close A-6 (owned by rob).
    expect((await h.say("dave", "action done A-6 Visits report tabled")).title).toBe(
      "A-6 done by Ch Supt Dave Kirby",
    );
    expect((await lastAudit())?.verb).toBe("action.done");
  });

  it("refuses to close a closed action, and reopens it", async () => {
    expect(await h.text("dave", "action done A-6")).toMatch(/A-6 done/);
    expect(await h.text("dave", "action done A-6")).toMatch(/already done/);
    expect(await h.text("dave", "action reopen A-6")).toMatch(/A-6 reopened/);
    expect(await h.text("dave", "action reopen A-6")).toMatch(/already open/);
  });

  it("drops with a reason, and requires one", async () => {
    expect(await h.text("claire", "action drop A-8")).toMatch(/needs more/);
    expect(await h.text("claire", "action drop A-8 Folded into the research bid")).toMatch(/A-8 dropped/);
    expect(await h.text("jo", "action show A-8")).toContain("Folded into the research bid");
  });

  it("reassigns, re-dates and snoozes", async () => {
    expect(await h.text("jo", "action assign A-7 @rob")).toContain("A-7 now with Rob Fenn");
    expect(await h.text("jo", "action assign A-7 @rob")).toMatch(/already owned by Rob Fenn/);
    expect(await h.text("jo", "action due A-7 2027-01-15")).toContain("due Fri 15 Jan");
    expect(await h.text("jo", "action due A-7 none")).toContain("no due date");
    // Snoozing an overdue action counts from today, not from the missed date.
    expect(await h.text("sam", "action snooze A-2")).toContain("due Mon 30 Nov");
    expect(await h.text("sam", "action snooze A-2 zero")).toMatch(/not a number of days from 1 to 365/);
  });

  it("names a missing action clearly", async () => {
    expect(await h.text("jo", "action show A-999")).toMatch(/There is no action A-999/);
    expect(await h.text("jo", "action show banana")).toMatch(/A-<n>|action number/i);
  });
});

describe("transactions", () => {
  it("leaves nothing half-written when a command fails part-way", async () => {
    // A command that writes an audit event and a note, then hits a bug: the user gets an apology and the
    // database is as it was.
    const explode: CommandSpec = {
      path: ["explode"],
      summary: "test only: write, then fail",
      usage: "explode",
      examples: ["explode"],
      async run(ctx) {
        const a = await ctx.repos.actions.byNumber(ctx.partnership.id, 4);
        await ctx.repos.actions.addUpdate(a?.id ?? 0, ctx.actor.id, "note", "half-written");
        await audit(ctx, "action.note", "A-4");
        throw new Error("simulated crash after writing");
      },
    };
    const failures: unknown[] = [];
    const quorum = createQuorum({
      store: createStore(h.database.db),
      clock: h.clock,
      extraCommands: [explode],
      onUnexpected: (err) => failures.push(err),
    });
    const audits = await countRows(h, auditEvents);
    const updates = await countRows(h, actionUpdates);
    const reply = await quorum.handle(shellEvent("jo", "explode"));
    expect(reply.title).toMatch(/Sorry, something went wrong on Quorum's side. Nothing was changed/);
    expect(failures).toHaveLength(1);
    expect(await countRows(h, auditEvents)).toBe(audits);
    expect(await countRows(h, actionUpdates)).toBe(updates);
  });

  it("gives concurrent adds distinct numbers", async () => {
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => h.say("jo", `action add Parallel ${i}`)),
    );
    const numbers = replies.map((r) => /A-(\d+)/.exec(r.title)?.[1]);
    expect(new Set(numbers).size).toBe(6);
    expect(h.unexpected).toEqual([]);
  });
});

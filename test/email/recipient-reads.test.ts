// A group's emailed digest and a day's action reminders read where their recipients are reached in one
// statement however many recipients there are: forty more members and forty more owners cost no more
// reads of identities than five did, and each still goes where it should (email, or their chat).
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { fireDueSchedules } from "../../src/core/schedule/fire.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { outbox } from "../../src/store/schema.ts";
import { useHarness } from "../helpers/harness.ts";
import { loggedDb } from "../helpers/logged-db.ts";

const h = useHarness();

/**
 * `n` people in the Health and Wellbeing Board from `from` on: every other one also on Slack (so their
 * digest comes in the channel and their reminders in Slack), each owning an action due on `dueOn`.
 */
async function addMembers(from: number, n: number, dueOn: string): Promise<void> {
  const range = sql`generate_series(${from}::int, ${from + n - 1}::int)`;
  await h.database.db.execute(sql`insert into people (partnership_id, handle, name, email)
    select 1, 'reader' || i, 'Reader ' || i, 'reader' || i || '@example.org' from ${range} i`);
  await h.database.db.execute(sql`insert into group_members (group_id, person_id)
    select (select id from groups where slug = 'hwb'), id from people where handle like 'reader%'
    on conflict do nothing`);
  await h.database.db.execute(sql`insert into identities (person_id, platform, tenant, external_id)
    select id, 'slack', 'T0ESSEX', 'U-' || handle from people
    where handle in (select 'reader' || i from ${range} i where i % 2 = 0)`);
  await h.database.db.execute(sql`insert into actions (partnership_id, number, title, owner_id, due_on, status, created_by)
    select 1, 9000 + i, 'Reader action ' || i, (select id from people where handle = 'reader' || i),
           ${dueOn}::date, 'open', 1
    from ${range} i`);
}

/** Fires what is due at `iso` through a store that writes down its statements; returns those reading identities. */
async function fireAt(iso: string): Promise<string[]> {
  h.clock.set(new Date(iso));
  const sent: string[] = [];
  await fireDueSchedules(createStore(loggedDb(h.database, sent)), h.clock, { reach: { email: true } });
  return sent.filter((q) => /from "identities"/.test(q));
}

/** Rows of a kind queued since `since`, with their target's address or user id and the person's name. */
const queued = async (kind: string, since: Date) =>
  (await h.database.db.select().from(outbox))
    .filter((r) => r.kind === kind && r.createdAt.getTime() >= since.getTime())
    .map((r) => ({ platform: r.platform, target: r.target as { id: string; label: string } }));

describe("recipients' reach", () => {
  it("is read once for a whole digest or reminder run, however many recipients", async () => {
    expect(await h.text("helen", "digest email on group:hwb")).toContain("will be emailed");
    // Monday 30 November: the weekly digest and the daily reminders (actions due in two working days).
    await addMembers(1, 6, "2026-12-02");
    // The first tick of the day makes the daily reminder run's schedule; it is due at 09:00.
    await fireAt("2026-11-30T08:00:00Z");
    const first = new Date("2026-11-30T09:00:30Z");
    const fewReads = await fireAt(first.toISOString());
    const fewMails = (await queued("email-digest", first)).map((r) => r.target.id);
    const fewDue = await queued("action-due", first);

    // A week on, forty more members and owners.
    await addMembers(7, 40, "2026-12-09");
    const second = new Date("2026-12-07T09:00:30Z");
    const manyReads = await fireAt(second.toISOString());
    const manyMails = (await queued("email-digest", second)).map((r) => r.target.id);
    const manyDue = await queued("action-due", second);

    expect(manyReads.length).toBe(fewReads.length);
    // Readers on Slack read the digest in the channel; the others are emailed, once each.
    const odd = (n: number) => Array.from({ length: n }, (_, k) => 2 * k + 1);
    expect(fewMails.filter((to) => to.startsWith("reader")).sort()).toEqual(
      odd(3)
        .map((i) => `reader${i}@example.org`)
        .sort(),
    );
    expect(manyMails.filter((to) => to.startsWith("reader")).sort()).toEqual(
      odd(23)
        .map((i) => `reader${i}@example.org`)
        .sort(),
    );
    expect(new Set(manyMails).size).toBe(manyMails.length);
    // Each new owner is reminded where they are reached: Slack for the even ones, email for the odd.
    const readerDue = (rows: typeof manyDue) =>
      rows
        .filter((r) => r.target.label.startsWith("Reader"))
        .map((r) => `${r.target.label}:${r.platform}`)
        .sort();
    expect(readerDue(fewDue)).toEqual(
      [1, 2, 3, 4, 5, 6].map((i) => `Reader ${i}:${i % 2 ? "email" : "slack"}`).sort(),
    );
    expect(readerDue(manyDue)).toHaveLength(40);
    expect(readerDue(manyDue)).toContain("Reader 7:email");
    expect(readerDue(manyDue)).toContain("Reader 46:slack");
  });
});

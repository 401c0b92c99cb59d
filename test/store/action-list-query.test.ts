// The action list's statement is built once per filter shape and reused: every shape, run again with other
// values, returns exactly the rows drizzle's own query builder returns for them, decoded alike.
import { and, asc, eq, getTableColumns, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import type { ActionFilter } from "../../src/core/ports.ts";
import {
  actionRowByNumber,
  filterWhere,
  listActionRows,
  whereOf,
} from "../../src/store/repos/action-list-query.ts";
import { actions, actionUpdates, groups, organisations, people } from "../../src/store/schema.ts";
import { useHarness } from "../helpers/harness.ts";

const h = useHarness();

/** The view as drizzle builds it afresh at every run: the reference. */
function referenceView() {
  return h.database.db
    .select({
      ...getTableColumns(actions),
      ownerName: people.name,
      ownerHandle: people.handle,
      orgCode: organisations.code,
      groupSlug: groups.slug,
    })
    .from(actions)
    .innerJoin(people, eq(people.id, actions.ownerId))
    .leftJoin(organisations, eq(organisations.id, actions.organisationId))
    .leftJoin(groups, eq(groups.id, actions.groupId));
}

function referenceRows(pid: number, f: ActionFilter) {
  return referenceView()
    .where(filterWhere(h.database.db, pid, whereOf(f)))
    .orderBy(sql`${actions.dueOn} asc nulls last`, asc(actions.number))
    .limit(f.limit ?? 1000)
    .offset(f.offset ?? 0);
}

it("returns drizzle's rows for each filter shape, whatever values a shape was first built with", async () => {
  const db = h.database.db;
  const [jo] = await db.select().from(people).where(eq(people.handle, "jo"));
  const [sam] = await db.select().from(people).where(eq(people.handle, "sam"));
  const [group] = await db.select().from(groups).limit(1);
  if (!jo || !sam || !group) throw new Error("the demo has Jo, Sam and a group");
  const pid = jo.partnershipId;
  // A note with LIKE's wildcards in it: a pattern must match them as typed, in the note and not the title.
  const [noted] = await db.select().from(actions).where(eq(actions.partnershipId, pid)).limit(1);
  if (!noted) throw new Error("the demo has actions");
  await db
    .insert(actionUpdates)
    .values({ actionId: noted.id, authorId: jo.id, kind: "note", text: "cut 50% of_it" });
  await db
    .update(actions)
    .set({ status: "done" })
    .where(and(eq(actions.partnershipId, pid), eq(actions.number, 2)));

  // Each shape twice with other values: the second run reuses the statement built for the first.
  const pairs: [ActionFilter, ActionFilter][] = [
    [{ statuses: ["open"] }, { statuses: ["done"] }],
    [
      { statuses: ["open", "done"], ownerId: jo.id },
      { statuses: ["done", "open"], ownerId: sam.id },
    ],
    [
      { statuses: ["open"], dueBefore: "2026-12-10" },
      { statuses: ["open"], dueBefore: "2027-06-01" },
    ],
    [
      { statuses: ["open"], dueFrom: "2026-01-01", dueTo: "2026-12-31" },
      { statuses: ["open"], dueFrom: "2027-01-01", dueTo: "2027-12-31" },
    ],
    [
      { statuses: ["open"], groupId: group.id },
      { statuses: ["open"], groupId: -1 },
    ],
    [
      { statuses: ["open"], words: ["50%"] },
      { statuses: ["open"], words: ["winter"] },
    ],
    [
      { statuses: ["open"], words: ["of_it", "cut"] },
      { statuses: ["open"], words: ["map", "capacity"] },
    ],
    [
      { statuses: ["open"], limit: 3, offset: 0 },
      { statuses: ["open"], limit: 2, offset: 3 },
    ],
  ];
  let found = 0;
  for (const [first, second] of pairs) {
    for (const f of [first, second, first]) {
      const rows = await db.transaction((tx) => listActionRows(tx as unknown as typeof db, pid, f));
      expect(rows, JSON.stringify(f)).toEqual(await referenceRows(pid, f));
      found += rows.length;
    }
  }
  // The comparison means something: most shapes found rows, and decoded them as drizzle does.
  expect(found).toBeGreaterThan(20);
  const [one] = await listActionRows(db, pid, { statuses: ["open"], limit: 1 });
  expect(one?.createdAt).toBeInstanceOf(Date);
  expect(await listActionRows(db, pid, { statuses: ["open"], words: ["50%"] })).toHaveLength(
    noted.status === "open" ? 1 : 0,
  );
  expect(await listActionRows(db, pid, { statuses: ["open"], words: ["5_%"] })).toHaveLength(0);
});

it("finds one action by number as drizzle does, in other partnerships' numbering too", async () => {
  const db = h.database.db;
  const all = await db.select({ pid: actions.partnershipId, n: actions.number }).from(actions);
  expect(all.length).toBeGreaterThan(3);
  for (const { pid, n } of [...all.slice(0, 3), { pid: all[0]?.pid ?? 1, n: 9999 }, { pid: -1, n: 1 }]) {
    const [reference] = await referenceView().where(
      and(eq(actions.partnershipId, pid), eq(actions.number, n)),
    );
    expect(await actionRowByNumber(db, pid, n)).toEqual(reference);
  }
});

// export/import partnership: every owned table is covered, and a round trip PGlite → PostgreSQL → PGlite
// gives back the same listings, the same rows and the same FAQ vocabulary, with ids continuing after.
import { randomBytes } from "node:crypto";
import { eq, getTableName, isTable, sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import type { InboundEvent } from "../../src/core/inbound.ts";
import { createQuorum } from "../../src/core/quorum.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { loadDemo } from "../../src/demo/load-demo.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { runMigrations } from "../../src/store/migrate.ts";
import { type Database, openDatabase } from "../../src/store/open-database.ts";
import { queryRows } from "../../src/store/partnership-transfer/export.ts";
import { rowSchema } from "../../src/store/partnership-transfer/format.ts";
import {
  exportPartnership,
  importPartnership,
  NOT_TRANSFERRED,
  type PartnershipFile,
  TRANSFERRED,
  tableName,
} from "../../src/store/partnership-transfer/index.ts";
import * as schema from "../../src/store/schema.ts";
import { NOW } from "../helpers/demo-clock.ts";
import { openTestDatabase, serverUrl, withDatabase } from "../helpers/test-db.ts";

const allTables = Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => isTable(v));
const transferred = new Set(TRANSFERRED.map((t) => tableName(t.table)));

describe("what a partnership export covers", () => {
  it("every table is either transferred or left out with a reason, and a partnership_id means it is owned", () => {
    for (const table of allTables) {
      const name = getTableName(table);
      const covered = transferred.has(name) || name in NOT_TRANSFERRED;
      expect(covered, `${name} is neither exported nor listed in NOT_TRANSFERRED`).toBe(true);
      const owned = getTableConfig(table).columns.some((c) => c.name === "partnership_id");
      if (owned && !transferred.has(name))
        expect(NOT_TRANSFERRED[name], `${name} has a partnership_id but is not exported`).toMatch(/derived/);
    }
    for (const name of Object.keys(NOT_TRANSFERRED))
      expect(allTables.map(getTableName), `${name} is not a table`).toContain(name);
  });

  it("a table pointing at an exported one is exported after it, and every column has a rule", () => {
    const order = TRANSFERRED.map((t) => tableName(t.table));
    for (const { table } of TRANSFERRED) {
      expect(() => rowSchema(table)).not.toThrow();
      for (const fk of getTableConfig(table).foreignKeys) {
        const target = getTableName(fk.reference().foreignTable);
        // A table pointing at itself (an FAQ phrasing at its entry) is fine: the import checks keys at the end.
        if (target === tableName(table)) continue;
        expect(order.indexOf(target), `${tableName(table)} → ${target}`).toBeLessThan(
          order.indexOf(tableName(table)),
        );
      }
    }
    for (const table of allTables.filter((t) => !transferred.has(getTableName(t))))
      for (const fk of getTableConfig(table).foreignKeys)
        expect(
          transferred.has(getTableName(fk.reference().foreignTable)),
          `${getTableName(table)} points at owned rows`,
        ).toBe(false);
  });
});

/** A migrated PGlite in memory, whatever DATABASE_URL says: the embedded default a move starts from. */
async function pglite(demo: boolean): Promise<Database> {
  const database = await openDatabase("memory://");
  await runMigrations(database);
  if (demo) await loadDemo(createStore(database.db), { now: () => NOW });
  return database;
}

/** An empty PostgreSQL database: the run's server, or the local one; PGlite (said so) when there is none. */
async function postgresTarget(): Promise<Database & { label: string }> {
  if (serverUrl()) return { ...(await openTestDatabase()), label: "PostgreSQL" };
  const server = process.env.QUORUM_TEST_POSTGRES ?? "postgres://postgres@127.0.0.1:5432/test";
  const admin = postgres(server, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  const name = `quorum_transfer_${randomBytes(4).toString("hex")}`;
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (err) {
    await admin.end();
    console.log(`PostgreSQL leg on PGlite instead: ${server} is not reachable (${(err as Error).message}).`);
    return { ...(await pglite(false)), label: "PGlite" };
  }
  const database = await openDatabase(withDatabase(server, name));
  await runMigrations(database);
  return {
    ...database,
    label: "PostgreSQL",
    async close() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});
const track = <T extends Database>(d: T) => {
  open.push(d);
  return d;
};

const quorumOn = (database: Database) =>
  createQuorum({
    store: createStore(database.db),
    clock: { now: () => NOW },
    onUnexpected: (e) => {
      throw e;
    },
  });

async function say(database: Database, user: string, text: string, event?: Partial<InboundEvent>) {
  return cardToText(await quorumOn(database).handle({ ...shellEvent(user, text), ...event }));
}

/** The demo plus what real use adds: closed actions with notes, a cancelled meeting, an answered question. */
async function withActivity(database: Database): Promise<void> {
  const s = (user: string, text: string) => say(database, user, text);
  await say(database, "dave", "link group:safer", {
    platform: "slack",
    tenant: "T0ESSEX",
    userId: "U0DAVE",
    conversation: { id: "C0SAFER", kind: "channel", name: "safer-essex" },
    profile: { name: "Dave Kirby", email: "dave.kirby@example.police.uk" },
  });
  expect(await s("jo", "action add Book the caterer owner:@jo due:30/11")).toMatch(/A-13/);
  expect(await s("jo", "action done A-13 Caterer booked for the spring assembly")).toMatch(/A-13/);
  expect(await s("jo", "action add Joint bid owner:@sam org:UNI")).toMatch(/A-14/);
  await s("sam", "action update A-14 Draft shared with the university");
  expect(await s("jo", "action drop A-14 Folded into the research bid")).toMatch(/A-14 dropped/);
  const [safer] = await database.db.select().from(schema.groups).where(eq(schema.groups.slug, "safer"));
  const [m] = await database.db
    .select()
    .from(schema.meetings)
    .where(eq(schema.meetings.groupId, safer?.id ?? 0));
  expect(await s("dave", `meeting cancel M-${m?.id} 7/12`)).toMatch(/is cancelled/);
  const asked = await s("rob", "ask does the pilot budget cover fire prevention visits for older residents?");
  const q = /Q-(\d+)/.exec(asked)?.[1];
  expect(q).toBeDefined();
  expect(
    await s("sam", `answer Q-${q} Yes, prevention visits are part of the community safety domain. --faq`),
  ).toMatch(/answered/);
  await s("tom", "ask can my charity borrow the projector next Tuesday?");
}

const LISTINGS = ["actions all", "meeting list", "faq list", "questions all"];
const USERS = ["jo", "dave", "tom", "rob"];

async function listings(database: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const user of USERS)
    for (const text of LISTINGS) out[`${user}: ${text}`] = await say(database, user, text);
  return out;
}

const derived = async (database: Database) => ({
  lexemes: await queryRows(
    database.db,
    sql`select partnership_id, lexeme, entries from faq_lexemes order by 1, 2`,
  ),
  words: await queryRows(
    database.db,
    sql`select partnership_id, word, entries from faq_question_words order by 1, 2`,
  ),
});

/** The file without what an import adds itself: when it was exported and the import's own audit line. */
const comparable = (file: PartnershipFile) => ({
  ...file.tables,
  audit_events: file.tables.audit_events?.filter((e) => e.verb !== "partnership.import"),
});

describe("a partnership moved from PGlite to PostgreSQL and back", { timeout: 360_000 }, () => {
  it("reproduces every actions all, meeting list, faq list and questions all and every row; numbering continues", async () => {
    const source = track(await pglite(true));
    await withActivity(source);
    const before = await listings(source);
    expect(before["jo: actions all"]).toMatch(/A-14/);
    expect(before["jo: questions all"]).toMatch(/answered/);
    const file = await exportPartnership(source.db, 1, NOW);

    const server = track(await postgresTarget());
    await importPartnership(server.db, JSON.parse(JSON.stringify(file)));
    expect(await listings(server), `listings on ${server.label}`).toEqual(before);
    const back = await exportPartnership(server.db, 1, NOW);

    const again = track(await pglite(false));
    const foreignKeys = () =>
      queryRows(
        again.db,
        sql`select conname, pg_get_constraintdef(oid) from pg_constraint where contype = 'f' order by 1`,
      );
    const keysBefore = await foreignKeys();
    await importPartnership(again.db, JSON.parse(JSON.stringify(back)));
    // The import sets foreign keys aside while it writes; every one is back, as it was.
    expect(await foreignKeys()).toEqual(keysBefore);
    expect(keysBefore.length).toBeGreaterThan(20);
    expect(await listings(again)).toEqual(before);
    expect(comparable(await exportPartnership(again.db, 1, NOW))).toEqual(comparable(file));
    expect(await derived(again)).toEqual(await derived(source));
    expect(await derived(server)).toEqual(await derived(source));
    // Numbering continues after the highest id: the next action and meeting, and the audit log.
    expect(await say(again, "jo", "action add Order the name badges owner:@jo")).toMatch(/A-15/);
    const meetings = await again.db.select().from(schema.meetings);
    const added = await say(again, "dave", 'meeting add group:safer at:"15/1/2027 10:00" "Extra session"');
    expect(added).toContain(`M-${Math.max(...meetings.map((m) => m.id)) + 1}`);
    const [audit] = await queryRows<{ verb: string }>(
      again.db,
      sql`select verb from audit_events order by id desc limit 1`,
    );
    expect(audit?.verb).toBe("meeting.add");
  });
});

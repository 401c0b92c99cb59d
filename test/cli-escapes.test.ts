// quorum say in a terminal: escape sequences typed in, or already in the database, never reach stdout raw.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { openDatabase } from "../src/store/open-database.ts";
import { useFresh } from "./helpers/fresh.ts";
import { openTestDatabaseUrl } from "./helpers/test-db.ts";

const BIN = join(import.meta.dirname, "..", "bin", "quorum.js");
const ATTACK = "\u001b]0;pwned\u0007\u001b[2J";
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the test
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
let env: NodeJS.ProcessEnv;
let url: string;

/** Each test's own database with the demo (a data folder on PGlite), written from the run's snapshot. */
const database = useFresh(() => openTestDatabaseUrl({ demo: true }));
beforeEach(() => {
  url = database.url;
  env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent", SLACK_BOT_TOKEN: "", TEAMS_APP_ID: "" };
});

const say = async (command: string) => {
  try {
    return (await promisify(execFile)("node", [BIN, "say", "--as", "jo", command], { env })).stdout;
  } catch (err) {
    return (err as { stdout: string }).stdout;
  }
};

it("a title typed with escape sequences is stored and printed without them", async () => {
  const added = await say(`action add "Budget${ATTACK} review" due:friday`);
  expect(added).toMatch(/A-\d+ added/);
  const all = await say("actions all");
  expect(all).toContain("Budget review");
  expect(all).not.toContain("\u001b");
  expect(all).not.toMatch(RAW_CONTROL);
}, 90_000);

it("a title already stored with escape sequences is printed with them made visible", async () => {
  const added = await say('action add "Plain title" due:friday');
  const n = Number(/A-(\d+) added/.exec(added)?.[1]);
  // Written behind Quorum's back, as data from before input was cleaned would be.
  const database = await openDatabase(url);
  try {
    await database.db.execute(sql`update actions set title = ${`Stored${ATTACK} title`} where number = ${n}`);
  } finally {
    await database.close();
  }
  const all = await say("actions all");
  expect(all).toContain("Stored␛]0;pwned␇␛[2J title");
  expect(all).not.toContain("\u001b");
  expect(all).not.toMatch(RAW_CONTROL);
}, 90_000);

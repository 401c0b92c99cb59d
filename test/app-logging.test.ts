// A command that fails unexpectedly is logged with its name and ids, never with the text the person typed.
import { sql } from "drizzle-orm";
import pino from "pino";
import { beforeEach, expect, it } from "vitest";
import { shellEvent } from "../src/adapters/shell/shell-adapter.ts";
import { type App, appFromDatabase } from "../src/app.ts";
import { useFresh } from "./helpers/fresh.ts";
import { NOW } from "./helpers/harness.ts";
import { openTestDatabase } from "./helpers/test-db.ts";

const SECRET_TITLE = "Move Mrs Patel's care package to Thursday";
/** Each test's own database, with the demo; its log lines start empty. */
const database = useFresh(() => openTestDatabase({ demo: true }));
let app: App;
let lines: string[] = [];

beforeEach(async () => {
  const captured: string[] = [];
  lines = captured;
  const logger = pino({ level: "debug" }, { write: (line: string) => captured.push(line) });
  app = appFromDatabase(database, { logger, clock: { now: () => NOW } });
  // A fault inside the insert itself, so the failed query carries the title among its parameters.
  await database.db.execute(
    sql.raw(`create function quorum_test_fail() returns trigger language plpgsql as $$
      begin raise exception 'disk full (simulated)'; end $$`),
  );
  await database.db.execute(
    sql.raw(
      "create trigger quorum_test_fail before insert on actions for each row execute function quorum_test_fail()",
    ),
  );
});

it("logs the command path and ids at error level, and no user text", async () => {
  const reply = await app.quorum.handle(shellEvent("sam", `action add "${SECRET_TITLE}" due:friday`));
  expect(reply.title).toContain("Sorry, something went wrong");
  const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.level >= 50);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({
    msg: "command failed unexpectedly",
    command: "action add",
    platform: "shell",
    tenant: "local",
    user: "sam",
    conversation: "shell:sam",
    error: { type: expect.any(String), message: expect.stringContaining("Failed query: insert into") },
  });
  expect(errors[0].error.stack).toContain("at ");
  expect(errors[0].error.cause.message).toContain("disk full (simulated)");
  const all = lines.join("\n");
  expect(all).not.toContain("Patel");
  expect(all).not.toContain("params");
});

it("names plain text in a direct message as a question, without quoting it", async () => {
  // Make the question desk fail too: neither an enquiry nor a draft awaiting "send" can be written.
  for (const table of ["enquiries", "enquiry_drafts"])
    await database.db.execute(
      sql.raw(
        `create trigger quorum_test_fail_${table} before insert on ${table} for each row execute function quorum_test_fail();`,
      ),
    );
  await app.quorum.handle(shellEvent("sam", "When is Mrs Patel's review?"));
  const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.level >= 50);
  expect(errors[0]?.command).toBe("ask (direct message)");
  expect(lines.join("\n")).not.toContain("Patel");
});

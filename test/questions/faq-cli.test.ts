// quorum faq import and faq search --json through runCli, against a database that persists between runs.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.ts";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { useFresh } from "../helpers/fresh.ts";
import { openTestDatabaseUrl } from "../helpers/test-db.ts";
import { FIXTURE } from "./helpers.ts";

/**
 * Each test's own database with the demo (faq import never loads it itself; these runs import into it):
 * a data folder on PGlite, a database on PostgreSQL, kept between the test's runs.
 */
const database = useFresh(() => openTestDatabaseUrl({ demo: true }));

async function run(args: string[]) {
  const [stdout, stderr] = [new PassThrough(), new PassThrough()];
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += d));
  stderr.on("data", (d) => (err += d));
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: "silent" });
  const code = await runCli(
    args,
    config,
    { stdin: new PassThrough(), stdout, stderr },
    createLogger("silent"),
  );
  return { code, stdout: out, stderr: err };
}

describe("quorum faq", () => {
  it("imports a council FAQ file, re-imports it without duplicates, searches it as JSON, and explains a bad file", async () => {
    const first = await run(["faq", "import", FIXTURE, "--topic", "community-budgets"]);
    expect(first.stdout).toMatch(/: \d+ added, 0 updated, 0 unchanged/);
    expect(first.stdout).toContain("Skipped: Is there a question without an answer here? (no answer)");
    const added = Number(/: (\d+) added/.exec(first.stdout)?.[1]);
    const again = await run(["faq", "import", FIXTURE, "--topic", "community-budgets"]);
    expect(again.stdout).toContain(`0 added, 0 updated, ${added} unchanged`);

    const preview = await run(["faq", "import", FIXTURE, "--dry-run"]);
    expect(preview.stdout).toContain("Dry run of council-faq.md");
    expect(preview.stdout).toContain("Would skip: Is there a question without an answer here? (no answer)");

    const hit = await run(["faq", "search", "other pilot areas", "--json"]);
    const rows = JSON.parse(hit.stdout) as {
      id: number;
      question: string;
      score: number;
      confident: boolean;
    }[];
    expect(rows[0]).toMatchObject({
      question: "Which other areas are piloting community budgets?",
      confident: true,
    });
    expect(Object.keys(rows[0] ?? {})).toEqual(["id", "question", "score", "confident"]);
    expect(rows.slice(1).every((r) => !r.confident && r.score <= (rows[0]?.score ?? 0))).toBe(true);
    const off = JSON.parse((await run(["faq", "search", "how do I reset my password", "--json"])).stdout);
    expect(off.some((r: { confident: boolean }) => r.confident)).toBe(false);

    expect(await run(["faq", "import", "/no/such/file.md"])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Cannot read the FAQ file"),
    });
    expect(await run(["faq", "import", FIXTURE, "--topic", "nope"])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('There is no topic "nope"'),
    });
    expect(await run(["faq", "frobnicate"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("faq import <file>"),
    });
  }, 240_000);
});

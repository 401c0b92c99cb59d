// quorum init, the demo's place beside a real partnership, and choosing a partnership, through runCli.
import { afterEach, describe, expect, it } from "vitest";
import { type CliDatabase, fakeTty, freshCliDatabase } from "./helpers/cli-run.ts";

const INIT = [
  "init",
  "--name",
  "Kent Partners",
  "--slug",
  "kent",
  "--zone",
  "Europe/London",
  "--admin-name",
  "Priya Shah",
  "--admin-email",
  "priya.shah@example.gov.uk",
];

let db: CliDatabase | undefined;
const fresh = async () => {
  db = await freshCliDatabase();
  return db;
};
afterEach(async () => {
  await db?.close();
  db = undefined;
});

const slugs = (d: CliDatabase) => d.read(async (r) => (await r.partnerships.list()).map((p) => p.slug));

describe("quorum init", { timeout: 180_000 }, () => {
  it("creates the partnership and its first admin, audited, says what next, and npm start's shell opens as that admin", async () => {
    const d = await fresh();
    const made = await d.run(INIT);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(
      "Created Kent Partners (kent), time zone Europe/London, with Priya Shah (@priya)",
    );
    expect(made.stdout).toContain("npm start");
    expect(made.stdout).toContain("npx quorum slack link <team_id> kent");
    const audit = await d.rows<{ verb: string; subject: string; actor: string }>(
      "select a.verb, a.subject, p.handle as actor from audit_events a join people p on p.id = a.actor_id order by a.id",
    );
    expect(audit).toEqual([
      { verb: "partnership.create", subject: "kent", actor: "priya" },
      { verb: "person.add", subject: "@priya", actor: "priya" },
    ]);
    const shell = await d.run(["start"], { stdin: fakeTty("whoami\nexit\n") });
    expect(shell.code).toBe(0);
    expect(shell.stderr).not.toContain("Loaded the demo");
    expect(shell.stdout).toContain("Quorum shell as @priya in Kent Partners.");
    expect(shell.stdout).toMatch(
      /You are Priya Shah \(@priya\)[\s\S]*Partnership: Kent Partners[\s\S]*Role: admin/,
    );
    expect(await slugs(d)).toEqual(["kent"]);
  });

  it("refuses a slug in use, a bad slug, the demo's slug, a bad zone and a bad email, creating nothing", async () => {
    const d = await fresh();
    expect((await d.run(INIT)).code).toBe(0);
    const flag = (name: string, value: string) => {
      const args = [...INIT];
      args[args.indexOf(name) + 1] = value;
      return args;
    };
    const cases: [string[], string][] = [
      [flag("--name", "Kent Again"), 'The slug "kent" is already used by Kent Partners'],
      [flag("--slug", "Kent Partners!"), '"Kent Partners!" is not a valid slug'],
      [flag("--slug", "demo"), 'The slug "demo" is kept for the demo partnership'],
      [flag("--zone", "Europe/Londinium"), '"Europe/Londinium" is not an IANA time zone'],
      [flag("--admin-email", "priya@"), '"priya@" is not a valid email address'],
    ];
    for (const [args, message] of cases) {
      const refused = await d.run(args);
      expect(refused, message).toMatchObject({ code: 1, stderr: expect.stringContaining(message) });
      expect(refused.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await slugs(d)).toEqual(["kent"]);
  });

  it("without a terminal names every missing flag; in a terminal asks for them, explaining a bad answer", async () => {
    const d = await fresh();
    const missing = await d.run(["init", "--name", "Kent Partners", "--admin-email", "p@example.org"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Missing --slug, --admin-name.");
    expect(missing.stderr).toContain("Usage: quorum init --name");
    expect(await slugs(d)).toEqual([]);

    const typed = ["demo", "kent", "", "Priya Shah", "not-an-email", "priya.shah@example.gov.uk", ""];
    const asked = await d.run(["init", "--name", "Kent Partners"], {
      stdin: fakeTty(`${typed.join("\n")}\n`),
    });
    expect(asked.code).toBe(0);
    expect(asked.stdout).not.toContain("Partnership name");
    expect(asked.stdout).toContain("Short name for commands (slug): ");
    expect(asked.stdout).toContain('The slug "demo" is kept for the demo partnership.');
    expect(asked.stdout).toContain("Time zone [Europe/London]: ");
    expect(asked.stdout).toContain('"not-an-email" is not a valid email address.');
    expect(asked.stdout).toContain("First admin's handle [priya]: ");
    expect(asked.stdout).toContain(
      "Created Kent Partners (kent), time zone Europe/London, with Priya Shah (@priya)",
    );

    const cut = await d.run(["init"], { stdin: fakeTty("Surrey Partners\n") });
    expect(cut).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Set-up cancelled: nothing was created."),
    });
    expect(await slugs(d)).toEqual(["kent"]);
  });
});

describe("the demo partnership", { timeout: 180_000 }, () => {
  it("say and faq import on an empty database load no demo and say how to start", async () => {
    const d = await fresh();
    const said = await d.run(["say", "actions mine"]);
    expect(said.code).toBe(1);
    expect(said.stderr).toContain("No partnership yet: run quorum init");
    expect(said.stderr).toContain("or quorum demo");
    const imported = await d.run(["faq", "import", "test/questions/fixtures/council-faq.md"]);
    expect(imported).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("No partnership yet: run quorum init"),
    });
    expect(await slugs(d)).toEqual([]);
  });

  it("is labelled as the demo in the shell banner and in whoami", async () => {
    const d = await fresh();
    const shell = await d.run(["shell"], { stdin: fakeTty("whoami\n") });
    expect(shell.stderr).toContain("Loaded the demo partnership (first run).");
    expect(shell.stdout).toContain("Quorum shell as @jo in Essex Partners (demo).");
    expect(shell.stdout).toContain("This is the demo partnership");
    expect(shell.stdout).toContain("Partnership: Essex Partners (demo)");
    expect(await slugs(d)).toEqual(["demo"]);
  });
});

describe("choosing a partnership", { timeout: 180_000 }, () => {
  it("opens init's partnership by default, the demo with --partnership or QUORUM_PARTNERSHIP, and lists them when none is chosen", async () => {
    const d = await fresh();
    expect((await d.run(["demo"])).code).toBe(0);
    // Kent's admin takes the handle jo, which the demo also has: each partnership's shell finds its own.
    const made = await d.run([...INIT, "--admin-handle", "jo"]);
    expect(made.stdout).toContain("The demo stays available: npx quorum shell --partnership demo");

    expect((await d.run(["say", "whoami"])).stdout).toMatch(
      /You are Priya Shah \(@jo\)[\s\S]*Partnership: Kent Partners/,
    );
    const demo = await d.run(["say", "--partnership", "demo", "whoami"]);
    expect(demo.stdout).toMatch(/You are Jo Whitfield \(@jo\)[\s\S]*Partnership: Essex Partners \(demo\)/);
    const byEnv = await d.run(["say", "--as", "sam", "whoami"], { env: { QUORUM_PARTNERSHIP: "demo" } });
    expect(byEnv.stdout).toContain("You are Sam Okafor (@sam)");

    const added = await d.run(["say", 'action add "Agree the Kent terms of reference"']);
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining("A-1 added for Priya Shah") });
    const imported = await d.run(["faq", "import", "test/questions/fixtures/council-faq.md"]);
    expect(imported.stdout).toContain("into Kent Partners: 9 added");

    const unknown = await d.run(["say", "--partnership", "surrey", "whoami"]);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('There is no partnership "surrey"'),
    });
    await d.rows("delete from settings");
    const none = await d.run(["say", "whoami"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("There are 2 partnerships; choose one with --partnership <slug>");
    expect(none.stderr).toMatch(/demo\s+Essex Partners \(demo\)/);
    expect(none.stderr).toMatch(/kent\s+Kent Partners/);
  });
});

describe("the command table", { timeout: 180_000 }, () => {
  it("builds the usage from the table: help lists every command, init included", async () => {
    const d = await fresh();
    const help = await d.run(["help"]);
    expect(help.code).toBe(0);
    for (const name of [
      "start",
      "init",
      "serve",
      "shell",
      "say",
      "demo",
      "migrate",
      "slack link",
      "teams link",
    ])
      expect(help.stderr).toContain(`\n  ${name}`);
    expect(help.stderr).toContain("faq import <file>");
    expect(help.stderr).toContain("outbox retry <id>");
  });

  it("outbox lists, and refuses a bad id with its usage", async () => {
    const d = await fresh();
    expect((await d.run(["outbox"])).stdout).toContain("The outbox is empty");
    expect(await d.run(["outbox", "retry", "x"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("outbox drop <id>"),
    });
    expect(await d.run(["outbox", "drop", "7"])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("#7 is not in the outbox"),
    });
  });
});

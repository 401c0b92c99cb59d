// Architecture rules that keep the core portable: no SDK, driver, scheduler or environment access in src/core,
// and no Teams import outside its adapter folder.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Source without line comments, so a comment that mentions process.env is not a read. */
const code = (path: string) => readFileSync(path, "utf8").replace(/^\s*\/\/.*$/gm, "");

const imports = (path: string) =>
  [...code(path).matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1] ?? "");

describe("src/core", () => {
  const core = files(join(ROOT, "src", "core"));

  it("is not empty (guards the glob itself)", () => {
    expect(core.length).toBeGreaterThan(20);
  });

  it.each(core.map((f) => [relative(ROOT, f), f]))(
    "%s imports only the core, node: built-ins and pure libraries",
    (_n, file) => {
      const allowed = /^(\.|node:|chrono-node$|luxon$|rrule$|zod$)/;
      const bad = imports(file).filter((spec) => !allowed.test(spec));
      expect(bad).toEqual([]);
      const outside = imports(file).filter(
        (spec) => spec.startsWith(".") && !join(file, "..", spec).startsWith(join(ROOT, "src", "core")),
      );
      expect(outside).toEqual([]);
      expect(code(file)).not.toMatch(/process\.env/);
    },
  );
});

describe("src", () => {
  it("reads process.env only in the entry points, which hand it to config.ts", () => {
    const readers = files(join(ROOT, "src")).filter((f) => /process\.env/.test(code(f)));
    expect(readers.map((f) => relative(ROOT, f)).sort()).toEqual(["src/main.ts"]);
  });

  it("keeps every Teams SDK import inside src/adapters/teams", () => {
    const offenders = files(join(ROOT, "src"))
      .filter((f) => !f.includes(join("src", "adapters", "teams")))
      .filter((f) => imports(f).some((spec) => spec.startsWith("@microsoft/")));
    expect(offenders).toEqual([]);
  });

  it("keeps every Slack SDK import inside src/adapters/slack", () => {
    const offenders = files(join(ROOT, "src"))
      .filter((f) => !f.includes(join("src", "adapters", "slack")))
      .filter((f) => imports(f).some((spec) => spec.startsWith("@slack/")));
    expect(offenders).toEqual([]);
  });

  it("starts every module with a one-line header comment", () => {
    const missing = files(join(ROOT, "src")).filter((f) => !readFileSync(f, "utf8").startsWith("//"));
    expect(missing.map((f) => relative(ROOT, f))).toEqual([]);
  });
});

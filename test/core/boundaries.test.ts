// Architecture rules: the core stays portable (no SDK, driver, scheduler or environment), layers import only
// downwards (ARCHITECTURE.md), nothing under src/ imports in a cycle, and each SDK stays in its adapter.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  importCycles,
  importGraph,
  type Layer,
  layerViolations,
  readSources,
  type Sources,
  specifiers,
} from "../helpers/import-graph.ts";

const ROOT = join(import.meta.dirname, "..", "..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Source without line comments, so a comment that mentions process.env is not a read. */
const code = (path: string) => readFileSync(path, "utf8").replace(/^\s*\/\/.*$/gm, "");

/** The module specifiers of the file's real import and export statements (not look-alikes in strings). */
const imports = (path: string) => specifiers(readFileSync(path, "utf8"));

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

/** Who may import whom. A layer imports itself and the layers it lists; main, at the top, imports anything. */
const LAYERS: Layer[] = [
  { name: "core", paths: ["src/core/"], mayImport: ["core"] },
  // Leaf helpers every layer above the core may use: the logger, the config, log-safe error summaries.
  {
    name: "support",
    paths: ["src/log.ts", "src/config.ts", "src/error-log.ts"],
    mayImport: ["core", "support"],
  },
  // File formats (docx, html, csv, xlsx) the core's plain papers and tables are written in.
  { name: "documents", paths: ["src/documents/"], mayImport: ["core", "support", "documents"] },
  { name: "store", paths: ["src/store/"], mayImport: ["core", "support", "store"] },
  { name: "delivery", paths: ["src/delivery/"], mayImport: ["core", "support", "store", "delivery"] },
  // Adapters see the core only through the Quorum facade and its ports: never the store, app or delivery.
  { name: "adapters", paths: ["src/adapters/"], mayImport: ["core", "support", "adapters"] },
  {
    name: "app",
    paths: ["src/app.ts", "src/demo/", "src/roster-file.ts"],
    mayImport: ["core", "support", "store", "delivery", "app"],
  },
  {
    name: "server/cli",
    paths: ["src/server/", "src/cli/"],
    mayImport: ["core", "support", "documents", "store", "delivery", "adapters", "app", "server/cli"],
  },
  {
    name: "main",
    paths: ["src/main.ts"],
    mayImport: ["core", "support", "documents", "store", "delivery", "adapters", "app", "server/cli", "main"],
  },
];

/** Imports from an adapter into the store, app.ts or delivery, which the facade replaces. */
function adapterLeaks(graph: Map<string, string[]>): string[] {
  const forbidden = (t: string) =>
    t.startsWith("src/store/") || t.startsWith("src/delivery/") || t === "src/app.ts";
  return [...graph]
    .filter(([file]) => file.startsWith("src/adapters/"))
    .flatMap(([file, targets]) => targets.filter(forbidden).map((t) => `${file} -> ${t}`));
}

/** Imports from one platform's folder into another's: each adapter is one self-contained folder. */
function crossAdapterImports(graph: Map<string, string[]>): string[] {
  const folder = (f: string) => /^src\/adapters\/([^/]+)\//.exec(f)?.[1];
  return [...graph].flatMap(([file, targets]) =>
    targets
      .filter((t) => folder(file) && folder(t) && folder(t) !== folder(file))
      .map((t) => `${file} -> ${t}`),
  );
}

describe("layers and cycles under src/", () => {
  const graph = importGraph(readSources(ROOT));

  it("reads the real source tree (guards the walk itself)", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("src/main.ts")).toContain("src/cli/run-cli.ts");
  });

  it("puts every module in a layer and imports only downwards", () => {
    expect(layerViolations(LAYERS, graph)).toEqual([]);
  });

  it("has no import cycles", () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it("keeps adapters off the store, app.ts and delivery", () => {
    expect(adapterLeaks(graph)).toEqual([]);
  });

  it("keeps each adapter folder to itself", () => {
    expect(crossAdapterImports(graph)).toEqual([]);
  });
});

describe("the layer checker itself (on sources in memory)", () => {
  const clean: Sources = new Map([
    ["src/core/card.ts", "export const card = 1;"],
    ["src/app.ts", 'import { card } from "./core/card.ts";'],
    [
      "src/adapters/slack/events.ts",
      [
        'import type { Card } from "../../core/card.ts";',
        // Text that only looks like an import: the old regex counted these.
        "const hint = 'write: import { App } from \"../../app.ts\"';",
        '// import { openApp } from "../../app.ts";',
      ].join("\n"),
    ],
  ]);
  const withLine = (file: string, line: string): Sources =>
    new Map([...clean, [file, `${clean.get(file) ?? ""}\n${line}`]]);

  it("passes the clean tree, ignoring import-like text in strings and comments", () => {
    const graph = importGraph(clean);
    expect(graph.get("src/adapters/slack/events.ts")).toEqual(["src/core/card.ts"]);
    expect(layerViolations(LAYERS, graph)).toEqual([]);
    expect(adapterLeaks(graph)).toEqual([]);
    expect(importCycles(graph)).toEqual([]);
  });

  it("fails when an adapter imports ../../app.ts", () => {
    const graph = importGraph(
      withLine("src/adapters/slack/events.ts", 'import type { App } from "../../app.ts";'),
    );
    expect(layerViolations(LAYERS, graph)).toEqual([
      "src/adapters/slack/events.ts -> src/app.ts (adapters may not import app)",
    ]);
    expect(adapterLeaks(graph)).toEqual(["src/adapters/slack/events.ts -> src/app.ts"]);
  });

  it("fails on re-exports and dynamic imports too", () => {
    for (const line of [
      'export { openApp } from "../../app.ts";',
      'const app = await import("../../app.ts");',
    ]) {
      expect(adapterLeaks(importGraph(withLine("src/adapters/slack/events.ts", line)))).toHaveLength(1);
    }
  });

  it("fails when the core imports upwards, or a module is in no layer", () => {
    const up = importGraph(withLine("src/core/card.ts", 'import "../store/schema.ts";'));
    expect(layerViolations(LAYERS, up)).toEqual([
      "src/core/card.ts -> src/store/schema.ts (core may not import store)",
    ]);
    const stray = importGraph(new Map([...clean, ["src/stray.ts", ""]]));
    expect(layerViolations(LAYERS, stray)).toEqual(["src/stray.ts belongs to no layer"]);
  });

  it("finds a cycle, type-only imports included", () => {
    const graph = importGraph(
      new Map([
        ["src/adapters/slack/a.ts", 'import type { B } from "./b.ts";'],
        ["src/adapters/slack/b.ts", 'import { a } from "./a.ts";'],
        ["src/adapters/slack/c.ts", 'import { a } from "./a.ts";'],
      ]),
    );
    expect(importCycles(graph)).toEqual([
      "src/adapters/slack/a.ts -> src/adapters/slack/b.ts -> src/adapters/slack/a.ts",
    ]);
  });

  it("fails when one adapter folder imports another", () => {
    const graph = importGraph(withLine("src/adapters/slack/events.ts", 'import "../teams/sender.ts";'));
    expect(crossAdapterImports(graph)).toEqual([
      "src/adapters/slack/events.ts -> src/adapters/teams/sender.ts",
    ]);
  });
});

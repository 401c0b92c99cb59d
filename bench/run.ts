// npm run bench [-- --json [file]] [-- --tiny] [suite ...]: runs every bench/*.bench.ts suite (or those named)
// in turn, prints each figure's change against bench/baseline.json, and with --json writes every figure with
// its floor and ratio (`--json bench/baseline.json` refreshes the baseline). --tiny runs each bench once at a
// tiny size, for CI: a bench that breaks fails, and no figure is compared or judged.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compareWithBaseline, type Report, type SuiteFigures } from "./baseline.ts";

const here = dirname(fileURLToPath(import.meta.url));
const BASELINE = join(here, "baseline.json");

const args = process.argv.slice(2);
let jsonFile: string | undefined;
const wanted: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i] ?? "";
  if (arg === "--tiny") process.env.BENCH_TINY = "1";
  else if (arg === "--json") {
    const next = args[i + 1];
    jsonFile = next?.endsWith(".json") ? next : "bench-results.json";
    if (next?.endsWith(".json")) i++;
  } else wanted.push(arg);
}
const tiny = process.env.BENCH_TINY === "1";
// Imported after BENCH_TINY is settled: the suites read it when they load.
const { takeFigures } = await import("./stats.ts");

const suites = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
const baseline: Report | undefined =
  !tiny && existsSync(BASELINE) ? (JSON.parse(readFileSync(BASELINE, "utf8")) as Report) : undefined;

if (!tiny && !baseline)
  console.log(
    "No bench/baseline.json to compare with: write one with npm run bench -- --json bench/baseline.json",
  );

const results: SuiteFigures[] = [];
const failed: string[] = [];
for (const file of suites) {
  const name = file.replace(".bench.ts", "");
  console.log(`\n== ${name}${tiny ? " (tiny)" : ""} ==`);
  try {
    const suite = (await import(pathToFileURL(join(here, file)).href)) as { run(): Promise<void> };
    await suite.run();
  } catch (err) {
    failed.push(name);
    console.error(`bench ${name} failed:`, err);
  }
  const figures = takeFigures();
  results.push({ suite: name, figures });
  if (baseline) for (const line of compareWithBaseline(name, figures, baseline)) console.log(line);
}

if (jsonFile) {
  const report: Report = {
    when: new Date().toISOString(),
    tiny,
    machine: { cores: availableParallelism(), loadAverage: loadavg()[0] ?? 0, node: process.version },
    suites: results,
  };
  writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${results.reduce((n, s) => n + s.figures.length, 0)} figures to ${jsonFile}`);
}
if (failed.length > 0) {
  console.error(`\n${failed.length} bench(es) failed: ${failed.join(", ")}`);
  process.exitCode = 1;
}

// npm run bench: runs every bench/*.bench.ts suite (or those named on the command line) in turn.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const suites = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

for (const file of suites) {
  const suite = (await import(pathToFileURL(join(here, file)).href)) as { run(): Promise<void> };
  console.log(`\n== ${file.replace(".bench.ts", "")} ==`);
  await suite.run();
}

// npm run build, after tsc: bundles the compiled CLI (dist/main.js and the ~270 modules it imports, with zod,
// drizzle-orm and luxon) into dist/bundle/, which bin/quorum.js runs. Loading ~450 ES modules one by one
// cost a `quorum say` ~150 ms of CPU before it opened the database. Dynamic imports stay separate chunks,
// so the Slack and Teams SDKs, the PostgreSQL driver and the document renderers still load only when used.
// dist/bundle/ sits two folders down, as dist/store/ does, so paths built from import.meta.url stay right.
// Without a bundle Quorum runs dist/main.js as before, so a failure here warns and lets the build go on.
import { readFileSync, rmSync } from "node:fs";

const out = new URL("../dist/bundle/", import.meta.url);
/** Packages bundled: pure JavaScript with many modules each. The rest stay in node_modules (PGlite reads
 * its WASM beside itself; pino starts workers by path; the SDKs load lazily). */
const BUNDLED = new Set(["zod", "drizzle-orm", "luxon"]);

rmSync(out, { recursive: true, force: true });
try {
  // esbuild comes with tsx, a dependency, so it is there wherever the build runs.
  const { build } = await import("esbuild");
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  const external = Object.keys(pkg.dependencies)
    .filter((name) => !BUNDLED.has(name))
    .flatMap((name) => [name, `${name}/*`]);
  await build({
    entryPoints: [new URL("../dist/main.js", import.meta.url).pathname],
    outdir: out.pathname,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external,
    logLevel: "warning",
  });
} catch (err) {
  rmSync(out, { recursive: true, force: true });
  process.stderr.write(
    `quorum: could not bundle the CLI (${err instanceof Error ? err.message : String(err)}); it will run from dist/main.js, with a slower start.\n`,
  );
}

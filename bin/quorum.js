#!/usr/bin/env node
// Runs the JavaScript compiled at install (dist/, by `npm run build`), or the TypeScript sources through tsx
// when dist is missing, older than src (a `git pull` or an edit since the last build) or QUORUM_FROM_SOURCE=1.
// A stale build never runs: a changed source always wins, at the cost of a slower start and a note saying so.
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../", import.meta.url);
const unbundled = new URL("dist/main.js", root);
// The same program in a few files (scripts/bundle-cli.js): much faster to load than ~450 modules.
const bundled = new URL("dist/bundle/main.js", root);
const compiled = existsSync(bundled) ? bundled : unbundled;
// Written by npm run build after tsc succeeds, so a half-written dist/ counts as missing.
const stamp = new URL("dist/BUILT", root);

const staleness = process.env.QUORUM_FROM_SOURCE === "1" ? undefined : whyNotCompiled();
if (staleness === null) {
  await import(compiled.href);
} else {
  if (staleness) {
    process.stderr.write(
      `Note: running Quorum from its TypeScript sources (slower start): ${staleness}. Run npm run build.\n`,
    );
  }
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("src/main.ts", root).href);
}

/** null when dist is usable, else the reason it is not. */
function whyNotCompiled() {
  if (!existsSync(stamp) || !existsSync(compiled)) return "dist/ has not been built";
  const builtAt = statSync(stamp).mtimeMs;
  const src = fileURLToPath(new URL("src/", root));
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const path = `${entry.parentPath ?? entry.path}/${entry.name}`;
    if (statSync(path).mtimeMs > builtAt)
      return `${path.slice(src.length - 4)} changed after dist/ was built`;
  }
  return null;
}

#!/usr/bin/env node
// Runs the JavaScript compiled at install (dist/, by `npm run build`), or the TypeScript sources through tsx
// when dist is missing, older than src (a `git pull` or an edit since the last build) or QUORUM_FROM_SOURCE=1.
// A stale build never runs: a changed source always wins, at the cost of a slower start and a note saying so.
import { existsSync } from "node:fs";
import { whyNotCompiled } from "./dist-state.js";

const root = new URL("../", import.meta.url);
const unbundled = new URL("dist/main.js", root);
// The same program in a few files (scripts/bundle-cli.js): much faster to load than ~450 modules.
const bundled = new URL("dist/bundle/main.js", root);
const compiled = existsSync(bundled) ? bundled : unbundled;

const staleness = process.env.QUORUM_FROM_SOURCE === "1" ? undefined : whyNotCompiled(root, compiled);
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

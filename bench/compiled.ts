// Quorum's compiled modules (dist/), which `quorum serve` runs, for the benches that time Quorum's own code.
import { existsSync } from "node:fs";
import { whyNotCompiled } from "../bin/dist-state.js";

const root = new URL("../", import.meta.url);

/**
 * The module at `src/<path>.ts`, as compiled to `dist/<path>.js`; typed from the source. Under tsx the
 * sources carry esbuild's keepNames, a defineProperty on every function made, and Quorum makes closures
 * on every request (each repo is an object of them): timed that way, a /quorum actions cost about 7% more
 * CPU than the compiled code production runs. Fails when dist/ is missing or older than src/.
 */
export async function compiled<M>(path: string): Promise<M> {
  const entry = new URL(`dist/${path}.js`, root);
  const stale = freshness() ?? (existsSync(entry) ? null : `dist/${path}.js has not been built`);
  if (stale !== null) throw new Error(`${stale}: run npm run build before this bench`);
  return (await import(entry.href)) as M;
}

/** dist/ against src/, checked once per run: a suite loads a dozen modules, and each check reads all of src/. */
let checked: string | null | undefined;
const freshness = (): string | null => {
  checked ??= whyNotCompiled(root, new URL("dist/BUILT", root));
  return checked;
};

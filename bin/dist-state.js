// Whether the compiled Quorum in dist/ may run: built to the end, and no source in src/ changed since.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * null when dist/ is usable, else the reason it is not. `root` is the project folder's URL; `entry` the
 * compiled file that must exist. dist/BUILT is written by npm run build after tsc succeeds, so a
 * half-written dist/ counts as missing.
 */
export function whyNotCompiled(root, entry) {
  const stamp = new URL("dist/BUILT", root);
  if (!existsSync(stamp) || !existsSync(entry)) return "dist/ has not been built";
  const builtAt = statSync(stamp).mtimeMs;
  const src = fileURLToPath(new URL("src/", root));
  for (const found of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!found.isFile() || !found.name.endsWith(".ts")) continue;
    const path = join(found.parentPath ?? found.path, found.name);
    if (statSync(path).mtimeMs > builtAt)
      return `${path.slice(src.length - 4)} changed after dist/ was built`;
  }
  return null;
}

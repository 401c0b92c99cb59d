// npm's prepare step: compile to dist/ when TypeScript is installed. `npm install --omit=dev` leaves it out,
// and Quorum then runs from its sources through tsx (a dependency), so the install must not fail for it.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let hasTypeScript = true;
try {
  require.resolve("typescript/package.json");
} catch {
  hasTypeScript = false;
}
if (!hasTypeScript) {
  process.stdout.write(
    "quorum: TypeScript is not installed (npm install --omit=dev?), so dist/ is not built; Quorum runs from its sources (a slower start).\n",
  );
} else {
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", shell: process.platform === "win32" });
  process.exitCode = build.status ?? 1;
}

// npm run build, after tsc: builds dist/seed, the migrated data folder a first start copies instead of
// running PGlite's initdb and the migrations. Without it Quorum still starts, the slow way, so a failure
// here warns and lets the build (and npm install) go on.
const started = Date.now();
try {
  const { buildSeed } = await import("../dist/store/build-seed.js");
  await buildSeed();
  process.stdout.write(
    `quorum: built the first-start data folder (dist/seed) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
} catch (err) {
  process.stderr.write(
    `quorum: could not build dist/seed (${err instanceof Error ? err.message : String(err)}); a first start will create its database itself, more slowly.\n`,
  );
}

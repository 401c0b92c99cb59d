// The start-up bench's floor: a bare Node process opening the same PGlite folder with the options Quorum
// opens it with (its owner-only filesystem, pg_trgm, 16 MB of shared buffers) and running one query; with --idle it then stays open,
// printing "ready", until its stdin ends (the floor for an idle shell's memory).
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { OwnerOnlyNodeFS } from "../dist/store/owner-only-fs.js";

const [dir, mode] = process.argv.slice(2);
const client = await PGlite.create({
  fs: new OwnerOnlyNodeFS(dir),
  extensions: { pg_trgm },
  startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"],
});
await client.query("select count(*) from people");
if (mode === "--idle") {
  process.stdout.write("ready\n");
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.on("end", resolve));
}
await client.close();

// PGlite's Node filesystem with every permission it sets limited to the owner (0700 folders, 0600 files).
import type { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

type PostgresMod = Parameters<NodeFS["init"]>[1];
type SetAttr = (arg: unknown, node: unknown, attr: unknown, chmod: Chmod, ...rest: unknown[]) => void;
type Chmod = (path: unknown, mode: number) => void;

/**
 * PGlite's PostgreSQL asks for 0666 files, and its Emscripten layer chmods every file it creates to the mode
 * asked for, so the process umask alone is not enough. Every chmod it makes goes through NODEFS.doSetAttr;
 * this filesystem wraps that one function so group and other bits are always dropped. If a PGlite upgrade
 * renames it, the wrapper refuses to start rather than quietly writing readable files (and the data-folder
 * test fails).
 */
export class OwnerOnlyNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: PostgresMod): Promise<{ emscriptenOpts: PostgresMod }> {
    const { emscriptenOpts } = await super.init(pg, opts);
    const ownerOnly = (mod: unknown) => {
      const nodefs = (mod as { NODEFS?: { doSetAttr?: SetAttr } }).NODEFS;
      const original = nodefs?.doSetAttr;
      if (!nodefs || typeof original !== "function")
        throw new Error("PGlite's NODEFS.doSetAttr is missing: cannot keep the data folder owner-only");
      nodefs.doSetAttr = (arg, node, attr, chmod, ...rest) =>
        original(arg, node, attr, (path, mode) => chmod(path, mode & ~0o077), ...rest);
    };
    const preRun = emscriptenOpts.preRun ?? [];
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [ownerOnly, ...preRun] } };
  }
}

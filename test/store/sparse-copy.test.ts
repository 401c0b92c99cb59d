// copyTreeSparse: a byte-identical copy of a folder tree that leaves blocks of zeros unwritten (holes).
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copyTreeSparse } from "../../src/store/sparse-copy.ts";

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), "quorum-sparse-"));
  made.push(d);
  return d;
};

const KB = 1024;
const zeros = (n: number) => Buffer.alloc(n);

/** Files whose zeros fall everywhere a copy can get them wrong (leading, inside, trailing, partial blocks),
 * large enough to be copied sparse, and small ones the kernel copies whole. */
const FILES: Record<string, Buffer> = {
  empty: Buffer.alloc(0),
  small: Buffer.from("PG_VERSION 17\n"),
  "all-zeros": zeros(2 * 1024 * KB + 13),
  "wal-like": Buffer.concat([randomBytes(24 * KB), zeros(4 * 1024 * KB)]),
  "zeros-between": Buffer.concat([zeros(64 * KB), randomBytes(70 * KB), zeros(1024 * KB), randomBytes(5)]),
  // A block that is zeros but one byte must be written whole.
  "one-byte": Buffer.concat([zeros(1024 * KB), Buffer.from([1]), zeros(100 * KB)]),
};

function makeTree(root: string): void {
  mkdirSync(join(root, "base", "5"), { recursive: true });
  mkdirSync(join(root, "pg_wal", "archive_status"), { recursive: true });
  for (const [name, bytes] of Object.entries(FILES)) {
    writeFileSync(join(root, name), bytes);
    writeFileSync(join(root, "base", "5", name), bytes);
  }
}

describe("copyTreeSparse", () => {
  it("copies every file byte for byte, folders and empty folders included", () => {
    const source = join(temp(), "src");
    makeTree(source);
    const target = join(temp(), "copy");
    copyTreeSparse(source, target);
    expect(readdirSync(target, { recursive: true }).sort()).toEqual(
      readdirSync(source, { recursive: true }).sort(),
    );
    for (const dir of ["", join("base", "5")])
      for (const [name, bytes] of Object.entries(FILES)) {
        const copy = readFileSync(join(target, dir, name));
        expect(copy.length, name).toBe(bytes.length);
        expect(copy.equals(bytes), name).toBe(true);
      }
  });

  it("leaves the zeros as holes: a mostly-zero file takes a fraction of its length on disk", () => {
    const source = join(temp(), "src");
    makeTree(source);
    const target = join(temp(), "copy");
    copyTreeSparse(source, target);
    const wal = statSync(join(target, "wal-like"));
    expect(wal.size).toBe(24 * KB + 4 * 1024 * KB);
    // st_blocks counts 512-byte units: the 24 KB of data, not the 4 MB of zeros, is written.
    expect(wal.blocks * 512).toBeLessThan(512 * KB);
    expect(statSync(join(target, "all-zeros")).blocks * 512).toBeLessThan(64 * KB);
  });

  it("creates files and folders owner-only and never overwrites an existing target", () => {
    const source = join(temp(), "src");
    makeTree(source);
    const target = join(temp(), "copy");
    copyTreeSparse(source, target);
    if (process.platform !== "win32") {
      expect(statSync(join(target, "base")).mode & 0o077).toBe(0);
      expect(statSync(join(target, "small")).mode & 0o077).toBe(0);
    }
    expect(() => copyTreeSparse(source, target)).toThrow();
  });
});

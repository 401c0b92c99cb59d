// Copies a folder tree leaving runs of zero bytes unwritten (holes), for the seed's mostly empty WAL segment.
import {
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";

/** Reads and compares in blocks of this size: a block of zeros is skipped, anything else written whole. */
const BLOCK = 64 * 1024;

/**
 * Copies the tree at source to target, which must not exist. Blocks of zeros are not written and the
 * file's length is set with ftruncate, so they read back as zeros from a hole: the copy is byte-identical
 * but a seed's 16 MB WAL segment, nearly all zeros, costs a few kilobytes of writing instead of 16 MB
 * (fs.cpSync writes every byte). Files and folders are created owner-only; anything but a regular file or
 * a folder (a link, a socket) is refused, since a data folder holds none.
 */
export function copyTreeSparse(source: string, target: string): void {
  mkdirSync(target, { mode: 0o700 });
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (entry.isDirectory()) copyTreeSparse(from, to);
    else if (entry.isFile()) copyFileSparse(from, to);
    else throw new Error(`copyTreeSparse: ${from} is neither a file nor a folder`);
  }
}

/**
 * Files smaller than this are copied by the kernel (copy_file_range), whole: reading and comparing them
 * in JavaScript cost more than the few zeros they hold (a data folder's ~1,200 files are mostly small).
 */
const SPARSE_FROM = 1024 * 1024;

/** Copies one file, leaving holes for blocks of zeros in a large one; target must not exist. */
export function copyFileSparse(source: string, target: string): void {
  const input = openSync(source, "r");
  try {
    const stat = fstatSync(input);
    if (stat.size < SPARSE_FROM) {
      copyFileSync(source, target, constants.COPYFILE_EXCL);
      chmodSync(target, stat.mode & 0o700);
      return;
    }
    const buffer = Buffer.alloc(BLOCK);
    const output = openSync(target, "wx", stat.mode & 0o700);
    try {
      let position = 0;
      for (;;) {
        const read = readSync(input, buffer, 0, buffer.length, position);
        if (read === 0) break;
        const block = buffer.subarray(0, read);
        if (!isZeros(block)) writeSync(output, block, 0, read, position);
        position += read;
      }
      // Sets the length, holes included: a file ending in zeros would otherwise come out short.
      ftruncateSync(output, position);
    } finally {
      closeSync(output);
    }
  } finally {
    closeSync(input);
  }
}

const ZEROS = Buffer.alloc(BLOCK);

function isZeros(block: Buffer): boolean {
  return block.equals(block.length === BLOCK ? ZEROS : ZEROS.subarray(0, block.length));
}

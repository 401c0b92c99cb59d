// What every CLI command reads and writes: the process streams in production, PassThroughs in tests.
import type { Readable, Writable } from "node:stream";

export interface Io {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
  /** Resolves when a long-running command (serve) should stop; SIGINT or SIGTERM by default. */
  stopSignal?: Promise<void>;
  /** The working folder the shell saves files into (a paper, an export); default: the process's. */
  cwd?: string;
}

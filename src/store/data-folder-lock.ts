// One writer per PGlite data folder: an exclusive lock file naming the process that holds the folder.
// PGlite is single-process; a second process writing the same files would silently lose data.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { basename, join } from "node:path";

export const LOCK_FILE = "quorum.lock";

export interface LockHolder {
  pid: number;
  command: string;
  startedAt: string;
  host: string;
}

/** The folder is held by a live process: the message says who, since when, and what to do. */
export class DataFolderBusyError extends Error {
  override readonly name = "DataFolderBusyError";
  constructor(
    readonly dir: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder
      ? `process ${holder.pid} (${holder.command}), running since ${holder.startedAt}${holder.host !== hostname() ? ` on ${holder.host}` : ""}`
      : "another process";
    super(
      `The data folder ${dir} is in use by ${who}. Only one Quorum process may use an embedded data folder at a time.\n` +
        "Use that shell, or stop that process and try again, or set DATABASE_URL to a PostgreSQL server to run several processes.\n" +
        `If you are sure no Quorum is running, delete ${join(dir, LOCK_FILE)}.`,
    );
  }
}

export interface DataFolderLock {
  release(): void;
}

const describeCommand = () => {
  const [, script, ...args] = process.argv;
  const name = script && basename(script) === "quorum.js" ? "quorum" : (script ?? "node");
  return [name, ...args].join(" ").slice(0, 200);
};

function readHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>;
    return typeof parsed.pid === "number" ? (parsed as LockHolder) : null;
  } catch {
    return null;
  }
}

/** ESRCH: no such process; EPERM means it exists but belongs to someone else, so it is alive. */
function alive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** Creates path only if it does not exist (atomic), writing content into it. */
function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

const removeQuietly = (path: string) => {
  try {
    unlinkSync(path);
  } catch {}
};

/**
 * Takes the folder's lock or throws DataFolderBusyError. A lock left by a process that no longer runs
 * is taken over; a second ".takeover" lock makes sure only one starting process does that.
 */
export function lockDataFolder(dir: string, log: (line: string) => void = defaultLog): DataFolderLock {
  // Owner-only from the start (the database opens it next): a fresh folder is not then "fixed" with a warning.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    command: describeCommand(),
    startedAt: new Date().toISOString(),
    host: hostname(),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(path, JSON.stringify(me))) return holding(path, me);
    const holder = readHolder(path);
    // Unreadable means a holder is writing it right now (or it was truncated by hand): not stale.
    if (!holder || alive(holder)) throw new DataFolderBusyError(dir, holder);
    takeOver(path, holder, me, log);
  }
  throw new DataFolderBusyError(dir, readHolder(path));
}

function takeOver(path: string, stale: LockHolder, me: LockHolder, log: (line: string) => void): void {
  const guard = `${path}.takeover`;
  if (!createExclusive(guard, JSON.stringify(me))) {
    const other = readHolder(guard);
    if (other && !alive(other)) removeQuietly(guard);
    return;
  }
  try {
    const now = readHolder(path);
    if (now && now.pid === stale.pid && now.startedAt === stale.startedAt) {
      unlinkSync(path);
      log(
        `Took over the data folder lock left by process ${stale.pid} (${stale.command}, since ${stale.startedAt}), which is no longer running.`,
      );
    }
  } finally {
    removeQuietly(guard);
  }
}

function holding(path: string, me: LockHolder): DataFolderLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off("exit", release);
    const now = readHolder(path);
    if (now?.pid === me.pid && now.startedAt === me.startedAt) removeQuietly(path);
  };
  process.on("exit", release);
  return { release };
}

function defaultLog(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Opens a database in dir while holding its lock; closing the database releases it. */
export async function withDataFolderLock<T extends { close(): Promise<void> }>(
  dir: string | undefined,
  open: (dir: string | undefined) => Promise<T>,
): Promise<T> {
  if (!dir) return open(dir);
  const lock = lockDataFolder(dir);
  let opened: T;
  try {
    opened = await open(dir);
  } catch (err) {
    lock.release();
    throw err;
  }
  const close = opened.close.bind(opened);
  return Object.assign(opened, {
    async close() {
      try {
        await close();
      } finally {
        lock.release();
      }
    },
  });
}

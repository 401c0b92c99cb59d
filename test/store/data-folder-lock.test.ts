// The data folder lock on its own: exclusive, released on close, stale locks taken over, bad files refused.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  DataFolderBusyError,
  LOCK_FILE,
  lockDataFolder,
  withDataFolderLock,
} from "../../src/store/data-folder-lock.ts";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => {
  dir = mkdtempSync(join(tmpdir(), "quorum-lockfile-"));
  return dir;
};

/** The pid of a process that has already exited. */
const deadPid = () =>
  spawnSync("node", ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();

describe("lockDataFolder", () => {
  it("holds the folder for one owner, naming it to the next, until released", () => {
    const d = fresh();
    const lock = lockDataFolder(d);
    const content = JSON.parse(readFileSync(join(d, LOCK_FILE), "utf8"));
    expect(content).toMatchObject({ pid: process.pid, host: hostname() });
    expect(() => lockDataFolder(d)).toThrow(DataFolderBusyError);
    expect(() => lockDataFolder(d)).toThrow(`in use by process ${process.pid}`);
    lock.release();
    expect(existsSync(join(d, LOCK_FILE))).toBe(false);
    lockDataFolder(d).release();
  });

  it.skipIf(process.platform === "win32")(
    "creates a new data folder, and the folders above it, owner-only",
    () => {
      const d = join(fresh(), "quorum", "data");
      lockDataFolder(d).release();
      expect(statSync(d).mode & 0o777).toBe(0o700);
      expect(statSync(join(d, "..")).mode & 0o777).toBe(0o700);
    },
  );

  it("takes over a lock whose process is gone, with a log line", () => {
    const d = fresh();
    const pid = Number(deadPid());
    const stale = { pid, command: "quorum shell", startedAt: "2026-12-01T09:00:00.000Z", host: hostname() };
    writeFileSync(join(d, LOCK_FILE), JSON.stringify(stale));
    const lines: string[] = [];
    const lock = lockDataFolder(d, (l) => lines.push(l));
    expect(lines).toEqual([
      `Took over the data folder lock left by process ${pid} (quorum shell, since 2026-12-01T09:00:00.000Z), which is no longer running.`,
    ]);
    expect(JSON.parse(readFileSync(join(d, LOCK_FILE), "utf8")).pid).toBe(process.pid);
    expect(existsSync(join(d, `${LOCK_FILE}.takeover`))).toBe(false);
    lock.release();
  });

  it("refuses an unreadable lock file rather than guess, and says which file to delete", () => {
    const d = fresh();
    writeFileSync(join(d, LOCK_FILE), "");
    expect(() => lockDataFolder(d)).toThrow(`delete ${join(d, LOCK_FILE)}`);
  });

  it("releases the lock when the database it guards closes, and when opening fails", async () => {
    const d = fresh();
    const db = await withDataFolderLock(d, async () => ({ close: async () => {} }));
    expect(existsSync(join(d, LOCK_FILE))).toBe(true);
    await db.close();
    expect(existsSync(join(d, LOCK_FILE))).toBe(false);
    await expect(
      withDataFolderLock(d, async () => {
        throw new Error("cannot open");
      }),
    ).rejects.toThrow("cannot open");
    expect(existsSync(join(d, LOCK_FILE))).toBe(false);
  });
});

// Preloaded (node --import) into each process the start-up bench times: on exit it writes the process's own
// CPU time (getrusage, every thread counted) and peak RSS to STARTUP_PROBE_FILE for the bench to read.
import { readFileSync, writeFileSync } from "node:fs";

/**
 * Peak RSS of this process's own memory: VmHWM where Linux has it. getrusage's maxRSS survives exec, so a
 * child spawned by a bench process already at 460 MB reported 460 MB however little it used itself.
 */
function peakRssKb(fallbackKb) {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]);
  } catch {
    // not Linux: getrusage is the best there is
  }
  return fallbackKb;
}

const file = process.env.STARTUP_PROBE_FILE;
if (file)
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: peakRssKb(u.maxRSS) }),
    );
  });

// Preloaded (node --import) into each process the start-up bench times: on exit it writes the process's own
// CPU time and peak RSS (getrusage, every thread counted) to STARTUP_PROBE_FILE for the bench to read.
import { writeFileSync } from "node:fs";

const file = process.env.STARTUP_PROBE_FILE;
if (file)
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }),
    );
  });

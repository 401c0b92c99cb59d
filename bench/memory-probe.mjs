// Preloaded (node --import) into each process the server-memory bench watches: over the IPC channel the bench
// opened, it answers {gc?} with process.memoryUsage() plus the size and resident part of the WebAssembly
// memories alive (PGlite's), after a full collection when asked. The channel is unreferenced, so it never
// keeps the process alive.
import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Every WebAssembly.Memory an instance was given or made; weakly held, so a closed database can go. */
const memories = new Set();
const note = (value) => {
  if (value instanceof WebAssembly.Memory) memories.add(new WeakRef(value));
};
const noteAll = (instance, imports) => {
  for (const v of Object.values(instance?.exports ?? {})) note(v);
  for (const mod of Object.values(imports ?? {})) for (const v of Object.values(mod ?? {})) note(v);
};

const { instantiate } = WebAssembly;
WebAssembly.instantiate = async (source, imports) => {
  const result = await instantiate(source, imports);
  noteAll(result instanceof WebAssembly.Instance ? result : result.instance, imports);
  return result;
};
const Instance = WebAssembly.Instance;
WebAssembly.Instance = class extends Instance {
  constructor(module, imports) {
    super(module, imports);
    noteAll(this, imports);
  }
};

/** The live memories' sizes in bytes (what they may use, not what is resident). */
function wasmSizes() {
  const sizes = [];
  for (const ref of memories) {
    const memory = ref.deref();
    if (memory) sizes.push(memory.buffer.byteLength);
    else memories.delete(ref);
  }
  return sizes;
}

/**
 * How much of the memories is resident (bytes): V8 maps each one read-write at the start of a reservation of
 * several GB whose rest is inaccessible, so in /proc/self/smaps it is a read-write anonymous mapping of
 * exactly its size, followed at once by a no-access one. Linux only; 0 elsewhere.
 */
function wasmResident(sizes) {
  let smaps;
  try {
    smaps = readFileSync("/proc/self/smaps", "utf8");
  } catch {
    return 0;
  }
  const maps = smaps.split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/).map((block) => {
    const [range = "", perms = "", , , , path = ""] = block.split("\n", 1)[0]?.trim().split(/\s+/) ?? [];
    const [start, end] = range.split("-").map((h) => BigInt(`0x${h}`));
    return { start, end, perms, path, rssKb: Number(/\nRss:\s+(\d+)/.exec(block)?.[1] ?? 0) };
  });
  let total = 0;
  const wanted = [...sizes];
  for (const [i, m] of maps.entries()) {
    const next = maps[i + 1];
    const at = wanted.indexOf(Number(m.end - m.start));
    if (at < 0 || m.perms !== "rw-p" || m.path || next?.perms !== "---p" || next.start !== m.end) continue;
    wanted.splice(at, 1);
    total += m.rssKb * 1024;
  }
  return total;
}

/** A full collection on request, without --expose-gc on the command line (which would be a different process). */
let collect;
function fullGc() {
  if (!collect) {
    setFlagsFromString("--expose-gc");
    collect = runInNewContext("gc");
  }
  collect();
}

if (process.send) {
  process.on("message", (message) => {
    if (message?.probe !== "memory") return;
    if (message.gc) fullGc();
    const sizes = wasmSizes();
    const wasm = sizes.reduce((a, b) => a + b, 0);
    process.send?.({ probe: "memory", ...process.memoryUsage(), wasm, wasmRss: wasmResident(sizes) });
  });
  process.channel?.unref();
}

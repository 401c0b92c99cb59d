// Reads the real import statements of TypeScript sources (via the compiler's pre-processor, so text that
// only looks like an import inside a string or comment is not one) and checks them against layer rules.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import ts from "typescript";

/** Source files by path relative to the root ("src/core/card.ts"), with their text. */
export type Sources = Map<string, string>;

export function readSources(root: string, dir = "src"): Sources {
  const out: Sources = new Map();
  const walk = (d: string) => {
    for (const name of readdirSync(join(root, d))) {
      const rel = `${d}/${name}`;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (rel.endsWith(".ts")) out.set(rel, readFileSync(join(root, rel), "utf8"));
    }
  };
  walk(dir);
  return out;
}

/** Every module specifier a file imports or re-exports, static or dynamic, type-only included. */
export function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** Local imports resolved to source paths; packages and node: built-ins are left out. */
export function importGraph(sources: Sources): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of sources) {
    const local = specifiers(text)
      .filter((s) => s.startsWith("."))
      .map((s) =>
        relative(".", join(dirname(file), s))
          .split(sep)
          .join("/"),
      );
    graph.set(file, local);
  }
  return graph;
}

export interface Layer {
  name: string;
  /** Path prefixes (a folder ending in "/" or an exact file) that belong to this layer. */
  paths: string[];
  /** The layers this one may import, itself included. */
  mayImport: string[];
}

export function layerOf(layers: Layer[], file: string): Layer | undefined {
  return layers.find((l) => l.paths.some((p) => (p.endsWith("/") ? file.startsWith(p) : file === p)));
}

/** "from -> to (fromLayer may not import toLayer)" for each import that breaks the table. */
export function layerViolations(layers: Layer[], graph: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(layers, file);
    if (!from) {
      out.push(`${file} belongs to no layer`);
      continue;
    }
    for (const target of targets) {
      const to = layerOf(layers, target);
      if (to && !from.mayImport.includes(to.name))
        out.push(`${file} -> ${target} (${from.name} may not import ${to.name})`);
    }
  }
  return out;
}

/** Each import cycle once, as "a -> b -> a" (Tarjan's strongly connected components). */
export function importCycles(graph: Map<string, string[]>): string[] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
    }
    if (low.get(v) !== idx.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    const selfLoop = (graph.get(v) ?? []).includes(v);
    if (component.length > 1 || selfLoop) cycles.push([...component.sort(), component[0]].join(" -> "));
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return cycles;
}

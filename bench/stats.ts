// Shared benchmark helpers: timing loops, percentiles, and the side-by-side table every suite prints.
import { performance } from "node:perf_hooks";

export interface Sample {
  p50: number;
  p99: number;
  mean: number;
  n: number;
}

export function summarise(ms: number[]): Sample {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
  return { p50: at(0.5), p99: at(0.99), mean, n: sorted.length };
}

/**
 * Tiny mode (npm run bench -- --tiny, or BENCH_TINY=1): every bench runs once on a small data set so CI
 * proves it still works; its figures mean nothing and are not compared.
 */
export const TINY = process.env.BENCH_TINY === "1";

/** A data-set size or repeat count: `full` normally, `tiny` in tiny mode. */
export function sized(full: number, tiny: number): number {
  return TINY ? tiny : full;
}

/** One figure a bench reports: its value and, where one was measured beside it, its floor and the ratio. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  floor?: number;
  ratio?: number;
}

const figures: Figure[] = [];

/** Records a figure for --json and the baseline comparison (printComparison records its own). */
export function recordFigure(name: string, value: number, unit: string, floor?: number): void {
  figures.push({
    name,
    value,
    unit,
    ...(floor === undefined ? {} : { floor, ratio: floor === 0 ? 0 : value / floor }),
  });
}

/** The figures recorded since the last call (the runner takes them after each suite). */
export function takeFigures(): Figure[] {
  return figures.splice(0);
}

/** Runs fn `warmup` times untimed, then `n` times timed, one after another (once, unwarmed, in tiny mode). */
export async function measure(n: number, fn: (i: number) => Promise<unknown>, warmup = 20): Promise<Sample> {
  if (TINY) {
    n = 1;
    warmup = 0;
  }
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return summarise(times);
}

/**
 * Times a subject and its floors by turns (A B C, then C B A, and so on), after the same warm-up for each:
 * a shared machine's speed drifts over a run, by as much as 2× within a minute on this one, and timing all
 * of A before all of B folds that drift into their ratio. Taking turns gives each the same stretch of the
 * run, and reversing the order each round gives none the seat that always follows the same neighbour.
 */
export async function measureByTurns<const T extends ReadonlyArray<(i: number) => Promise<unknown>>>(
  n: number,
  fns: T,
  warmup = 20,
): Promise<{ [K in keyof T]: Sample }> {
  if (TINY) {
    n = 1;
    warmup = 0;
  }
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < warmup + n; i++) {
    const order = fns.map((_, k) => (i % 2 === 0 ? k : fns.length - 1 - k));
    for (const k of order) {
      const t0 = performance.now();
      await fns[k]?.(i);
      if (i >= warmup) times[k]?.push(performance.now() - t0);
    }
  }
  return times.map(summarise) as { [K in keyof T]: Sample };
}

const f = (v: number) => v.toFixed(2).padStart(8);

/** Prints the subject beside its baseline: p50, p99 and how many times slower (>1) or faster (<1). */
export function printComparison(
  label: string,
  subject: Sample,
  baseline: Sample,
  baselineName: string,
): void {
  recordFigure(`${label} p50`, subject.p50, "ms", baseline.p50);
  recordFigure(`${label} p99`, subject.p99, "ms", baseline.p99);
  console.log(
    `${label.padEnd(40)} p50 ${f(subject.p50)} ms  p99 ${f(subject.p99)} ms | ${baselineName.padEnd(14)} p50 ${f(baseline.p50)} ms  p99 ${f(baseline.p99)} ms | ratio p50 ${(subject.p50 / baseline.p50).toFixed(2)}x  p99 ${(subject.p99 / baseline.p99).toFixed(2)}x  (n=${subject.n})`,
  );
}

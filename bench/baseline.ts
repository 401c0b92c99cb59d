// The bench report's shape (npm run bench -- --json) and each figure's change against bench/baseline.json.
import type { Figure } from "./stats.ts";

export interface SuiteFigures {
  suite: string;
  figures: Figure[];
}

export interface Report {
  when: string;
  tiny: boolean;
  machine: { cores: number; loadAverage: number; node: string };
  suites: SuiteFigures[];
}

const pct = (now: number, then: number) =>
  then === 0 ? "n/a" : `${now >= then ? "+" : ""}${(((now - then) / then) * 100).toFixed(0)}%`;

/**
 * One line per figure. Where a floor was measured beside it the ratio is compared (it moves less with the
 * machine's load than the time itself); otherwise the value.
 */
export function compareWithBaseline(suite: string, figures: Figure[], baseline: Report): string[] {
  const before = new Map(
    (baseline.suites.find((s) => s.suite === suite)?.figures ?? []).map((f) => [f.name, f]),
  );
  const lines = [
    `-- against bench/baseline.json (${baseline.when.slice(0, 10)}, load ${baseline.machine.loadAverage.toFixed(1)}):`,
  ];
  for (const f of figures) {
    const then = before.get(f.name);
    if (!then) lines.push(`   ${f.name}: new figure, not in the baseline`);
    else if (f.ratio !== undefined && then.ratio !== undefined)
      lines.push(
        `   ${f.name}: ratio ${then.ratio.toFixed(2)}x -> ${f.ratio.toFixed(2)}x (${pct(f.ratio, then.ratio)}); ${fmt(then)} -> ${fmt(f)}`,
      );
    else lines.push(`   ${f.name}: ${fmt(then)} -> ${fmt(f)} (${pct(f.value, then.value)})`);
  }
  const gone = [...before.keys()].filter((k) => !figures.some((f) => f.name === k));
  for (const name of gone) lines.push(`   ${name}: in the baseline, not measured now`);
  return lines;
}

function fmt(f: Figure): string {
  return `${f.value.toFixed(f.value >= 100 ? 0 : 2)} ${f.unit}`;
}

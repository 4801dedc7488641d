// bench/results.json: one entry per benchmark id and metric. A run replaces its own entries and keeps
// everyone else's; an entry's baseline is sticky (the first figure recorded, or one the benchmark declares)
// so `ratio` shows drift against it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface BenchResult {
  id: string;
  metric: string;
  value: number;
  unit: string;
  baseline: number | null;
  /** value / baseline. */
  ratio: number | null;
  target: number | null;
  pass: boolean | null;
}

/** What a benchmark reports; the harness turns it into a BenchResult. */
export interface Measurement {
  metric: string;
  value: number;
  unit: string;
  /** The goal: `lower` means value ≤ target passes (latencies), `higher` means value ≥ target passes (throughput). */
  target?: number | null;
  better?: 'lower' | 'higher';
  /** A fixed reference (e.g. a figure measured elsewhere); otherwise the first recorded value becomes the baseline. */
  baseline?: number;
}

const round = (v: number, digits = 3) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);

export function toResult(id: string, m: Measurement, previous?: BenchResult, rebaseline = false): BenchResult {
  const baseline = m.baseline ?? (rebaseline ? null : previous?.baseline ?? null) ?? m.value;
  const target = m.target ?? null;
  const pass = target === null ? null : (m.better ?? 'lower') === 'lower' ? m.value <= target : m.value >= target;
  return { id, metric: m.metric, value: round(m.value), unit: m.unit, baseline: round(baseline), ratio: baseline ? round(m.value / baseline) : null, target, pass };
}

const key = (r: Pick<BenchResult, 'id' | 'metric'>) => `${r.id}\u0000${r.metric}`;

/** Existing entries with `fresh` ones replacing those of the same id + metric; order: existing first, new ones appended. */
export function mergeResults(existing: readonly BenchResult[], fresh: readonly BenchResult[]): BenchResult[] {
  const byKey = new Map(fresh.map((r) => [key(r), r]));
  const out = existing.map((r) => byKey.get(key(r)) ?? r);
  const seen = new Set(existing.map(key));
  for (const r of fresh) if (!seen.has(key(r))) out.push(r);
  return out;
}

export function readResults(file: string): BenchResult[] {
  if (!existsSync(file)) return [];
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  return Array.isArray(parsed) ? (parsed as BenchResult[]) : [];
}

export function writeResults(file: string, results: BenchResult[]): void {
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

/** A plain-text table of results, aligned for a terminal. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = [['id', 'metric', 'value', 'unit', 'target', 'baseline', 'ratio', 'pass'],
    ...results.map((r) => [r.id, r.metric, String(r.value), r.unit, r.target === null ? '-' : String(r.target), String(r.baseline ?? '-'),
      r.ratio === null ? '-' : r.ratio.toFixed(2), r.pass === null ? '-' : r.pass ? 'PASS' : 'FAIL'])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r, j) => r.map((cell, i) => (i >= 2 && i !== 3 && j > 0 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ')).join('\n');
}

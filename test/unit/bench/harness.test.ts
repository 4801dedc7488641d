import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { median, percentile, summarize, timeCalls } from '../../../bench/lib/stats.js';
import { formatTable, mergeResults, readResults, toResult, writeResults, type BenchResult } from '../../../bench/lib/results.js';
import { BENCH_FILE } from '../../../bench/registry.js';

const r = (id: string, metric: string, value: number): BenchResult => ({ id, metric, value, unit: 'ms', baseline: value, ratio: 1, target: null, pass: null });

describe('percentiles', () => {
  it('uses the nearest rank over sorted samples', () => {
    const s = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(s, 50)).toBe(50);
    expect(percentile(s, 95)).toBe(95);
    expect(percentile(s, 99)).toBe(99);
    expect(percentile(s, 100)).toBe(100);
    expect(percentile(s, 0)).toBe(1);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });

  it('summarizes unsorted samples without changing them', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    const s = summarize(samples);
    expect(s).toMatchObject({ n: 10, min: 1, max: 10, p50: 5, p95: 10, p99: 10, mean: 5.5 });
    expect(samples[0]).toBe(5);
  });

  it('takes the median of runs', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('times calls after a warm-up', async () => {
    const seen: number[] = [];
    const out = await timeCalls(5, async (i) => { seen.push(i); }, 3);
    expect(out).toHaveLength(5);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(out.every((ms) => ms >= 0)).toBe(true);
  });
});

describe('results', () => {
  it('computes pass against a target in either direction', () => {
    expect(toResult('p0', { metric: 'p95', value: 12, unit: 'ms', target: 30 }).pass).toBe(true);
    expect(toResult('p0', { metric: 'p95', value: 31, unit: 'ms', target: 30 }).pass).toBe(false);
    expect(toResult('p1', { metric: 'rps', value: 900, unit: 'req/s', target: 1000, better: 'higher' }).pass).toBe(false);
    expect(toResult('p0', { metric: 'p50', value: 3, unit: 'ms' }).pass).toBeNull();
  });

  it('keeps the first baseline and reports the ratio to it, unless rebaselined or declared', () => {
    const first = toResult('p0', { metric: 'p95', value: 10, unit: 'ms', target: 30 });
    expect(first).toEqual({ id: 'p0', metric: 'p95', value: 10, unit: 'ms', baseline: 10, ratio: 1, target: 30, pass: true });
    const second = toResult('p0', { metric: 'p95', value: 15, unit: 'ms', target: 30 }, first);
    expect(second).toMatchObject({ baseline: 10, ratio: 1.5 });
    expect(toResult('p0', { metric: 'p95', value: 15, unit: 'ms' }, first, true)).toMatchObject({ baseline: 15, ratio: 1 });
    expect(toResult('p0', { metric: 'p95', value: 15, unit: 'ms', baseline: 5 }, first)).toMatchObject({ baseline: 5, ratio: 3 });
  });

  it('merges by id and metric: replaces own entries, keeps other benchmarks, appends new ones', () => {
    const existing = [r('p0', 'a', 1), r('p1', 'a', 2), r('p0', 'b', 3)];
    const merged = mergeResults(existing, [r('p0', 'b', 30), r('p0', 'c', 40)]);
    expect(merged.map((x) => [x.id, x.metric, x.value])).toEqual([['p0', 'a', 1], ['p1', 'a', 2], ['p0', 'b', 30], ['p0', 'c', 40]]);
    expect(mergeResults([], [r('p2', 'x', 1)])).toHaveLength(1);
  });

  it('round-trips through the JSON file and prints a table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    try {
      const file = join(dir, 'results.json');
      expect(readResults(file)).toEqual([]);
      const rows = [toResult('p0', { metric: 'list p95', value: 8.123456, unit: 'ms', target: 30 })];
      writeResults(file, rows);
      expect(readResults(file)).toEqual([{ ...rows[0], value: 8.123 }]);
      const table = formatTable(rows);
      expect(table.split('\n')).toHaveLength(2);
      expect(table).toContain('PASS');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it('finds benchmark files by their <id>-<name>.ts shape only', () => {
    expect(BENCH_FILE.test('p0-customer-360.ts')).toBe(true);
    expect(BENCH_FILE.test('run.ts')).toBe(false);
    expect(BENCH_FILE.test('registry.ts')).toBe(false);
  });
});

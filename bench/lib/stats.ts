// Latency statistics from raw samples: nearest-rank percentiles over the sorted samples, and a timing loop.
import { performance } from 'node:perf_hooks';

/** Nearest-rank percentile of ascending-sorted samples (p in 0..100); NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  if (p <= 0) return sorted[0];
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(rank, sorted.length) - 1];
}

export interface Summary { n: number; min: number; mean: number; p50: number; p95: number; p99: number; max: number }

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, min: s[0] ?? Number.NaN, mean, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? Number.NaN };
}

export const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs `fn(i)` `warmup` times unmeasured, then `n` times one after another; returns each call's wall time in ms. */
export async function timeCalls(n: number, fn: (i: number) => Promise<unknown>, warmup = Math.max(20, Math.ceil(n / 10))): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(warmup + i);
    out.push(performance.now() - t);
  }
  return out;
}

/**
 * Times the last of `passes` passes over the same `n` calls (`fn(0)` … `fn(n - 1)`): every call has run before it is
 * timed, so the data each reads is as warm for it as for any other whatever ran before (two sides of a comparison read
 * working sets of very different sizes through one small buffer pool), and the process's own code is as warm as in a
 * server that has been running a while (V8 optimises hot paths over the first thousand or so calls).
 */
export async function timeLastPass(n: number, fn: (i: number) => Promise<unknown>, passes = 4): Promise<number[]> {
  for (let pass = 1; pass < passes; pass++) for (let i = 0; i < n; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

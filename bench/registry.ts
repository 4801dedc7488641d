// The benchmarks: every `bench/<id>-<name>.ts` exporting `{id, title, run(opts)}` is one. Add a file, it runs.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Measurement } from './lib/results.js';

export interface BenchOptions {
  /** Data-size multiplier (1 = the figures the issue states; 0.1 for a quick run). */
  scale: number;
  /** Progress lines. */
  log(line: string): void;
}

export interface Benchmark {
  id: string;
  title: string;
  run(opts: BenchOptions): Promise<Measurement[]>;
}

const here = dirname(fileURLToPath(import.meta.url));
export const BENCH_FILE = /^[a-z][a-z0-9]*-[a-z0-9-]+\.ts$/;

const isBenchmark = (v: unknown): v is Benchmark =>
  typeof v === 'object' && v !== null && typeof (v as Benchmark).id === 'string' && typeof (v as Benchmark).run === 'function';

export async function loadBenchmarks(dir = here): Promise<Benchmark[]> {
  const out: Benchmark[] = [];
  for (const f of readdirSync(dir).filter((n) => BENCH_FILE.test(n)).sort()) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as Record<string, unknown>;
    for (const v of Object.values(mod)) if (isBenchmark(v) && !out.some((b) => b.id === v.id)) out.push(v);
  }
  return out;
}

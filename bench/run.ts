// npm run bench [-- <id…>] [--scale=0.1] [--runs=3] [--rebaseline]
// Runs the chosen benchmarks (all by default), prints a table and merges the figures into bench/results.json.
// With --runs=N each benchmark runs N times and every metric reports the median of its runs.
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBenchmarks } from './registry.js';
import { formatTable, mergeResults, readResults, toResult, writeResults, type BenchResult, type Measurement } from './lib/results.js';
import { median } from './lib/stats.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const scale = Number(flag('scale') ?? 1);
const runs = Math.max(1, Number(flag('runs') ?? 1));
const rebaseline = args.includes('--rebaseline');
const wanted = args.filter((a) => !a.startsWith('--'));
if (!(scale > 0)) throw new Error(`--scale must be a positive number (got ${flag('scale')})`);

const file = join(dirname(fileURLToPath(import.meta.url)), 'results.json');
const all = await loadBenchmarks();
const unknown = wanted.filter((w) => !all.some((b) => b.id === w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${all.map((b) => b.id).join(', ')}`);
  process.exit(2);
}
const chosen = wanted.length ? all.filter((b) => wanted.includes(b.id)) : all;
const log = (line: string) => console.log(`  ${line}`);
let results = readResults(file);
const fresh: BenchResult[] = [];

for (const b of chosen) {
  console.log(`\n▶ ${b.id}: ${b.title} (scale ${scale}${runs > 1 ? `, ${runs} runs` : ''})`);
  // Latencies on a shared 2-core box swing with whatever else runs: say how busy it was.
  log(`machine: ${cpus().length} cores, node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const byMetric = new Map<string, Measurement[]>();
  for (let r = 0; r < runs; r++) {
    if (runs > 1) log(`run ${r + 1}/${runs}`);
    if (r > 0) log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    for (const m of await b.run({ scale, log })) byMetric.set(m.metric, [...(byMetric.get(m.metric) ?? []), m]);
  }
  for (const [metric, ms] of byMetric) {
    // Figures from a shrunken data set never overwrite the full-scale ones.
    const name = scale === 1 ? metric : `${metric} @scale=${scale}`;
    const m: Measurement = { ...ms[0], metric: name, value: median(ms.map((x) => x.value)) };
    const prev = results.find((x) => x.id === b.id && x.metric === name);
    fresh.push(toResult(b.id, m, prev, rebaseline));
  }
  results = mergeResults(results, fresh);
  writeResults(file, results);
}

console.log(`\n${formatTable(fresh)}\n\nwritten to ${file}`);
process.exitCode = fresh.some((r) => r.pass === false) ? 1 : 0;

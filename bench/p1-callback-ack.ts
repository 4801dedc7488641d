// P1 — callback ack: the full WeCom inbound path (verify, decrypt, parse, dedupe-store in MariaDB, ack) against a
// bare Koa handler that only verifies, decrypts and acks, in the same run, with autocannon on loopback at 50
// connections. Targets: full/bare throughput ratio ≥ 0.5 and full-path p99 ≤ 20 ms.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import type { Benchmark } from './registry.js';
import type { Measurement } from './lib/results.js';
import { newAesKey, wecomAppCallback, wecomTextXml } from '../test/helpers/platform-callers.js';

const here = dirname(fileURLToPath(import.meta.url));
const CONNECTIONS = 50;
const RUN = Date.now();

interface Run { rps: number; p50: number; p99: number; errors: number; non2xx: number }

/** User + system CPU time of a process so far (Linux /proc; clock ticks are 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function call(i: number, keys: { token: string; aesKey: string; receiveId: string }): { path: string; body: string } {
  const c = wecomAppCallback(keys, wecomTextXml({ corpId: keys.receiveId, from: `rep_${i % 500}`, content: `跟进 客户${i} 今天电话沟通了方案，下周三发报价`, msgId: `p1-${RUN}-${i}` }));
  return { path: `/wecom/callback?${new URLSearchParams(c.query)}`, body: c.body };
}

function bodies(from: number, n: number, keys: { token: string; aesKey: string; receiveId: string }): { path: string; body: string }[] {
  return Array.from({ length: n }, (_, k) => call(from + k, keys));
}

/** Each request takes the next call; past the prepared ones a new call is made on the spot (never a repeat). */
async function hammer(port: number, calls: { path: string; body: string }[], seconds: number, more: (i: number) => { path: string; body: string }, pid?: number): Promise<Run & { sent: number; cpuUsPerRequest: number }> {
  let i = 0;
  const cpu0 = pid ? processCpuMs(pid) : 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: seconds,
    requests: [{ method: 'POST', setupRequest: ((req: Record<string, unknown>) => { const c = calls[i] ?? more(i); i++; return { ...req, path: c.path, body: c.body, headers: { 'content-type': 'text/xml' } }; }) as never }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx, sent: i, cpuUsPerRequest: pid ? ((processCpuMs(pid) - cpu0) * 1000) / Math.max(1, result.requests.total) : 0 };
}

export const p1: Benchmark = {
  id: 'p1',
  title: 'WeCom callback ack: full inbound path vs bare verify+decrypt handler (autocannon, 50 connections)',
  async run({ scale, log }) {
    const keys = { token: 'bench-token', aesKey: newAesKey(), receiveId: 'wwbenchcorp00001' };
    const seconds = Math.max(3, Math.round(10 * Math.min(1, scale * 2)));
    const child = spawn(process.execPath, [...(process.env.P1_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof1'] : []), '--import', 'tsx', join(here, 'lib', 'p1-server.ts'), JSON.stringify({ ...keys, corpId: keys.receiveId, db: 'chatcrm_bench_p1' })], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const ports = await new Promise<{ full: number; bare: number }>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on('line', (l) => { try { resolve(JSON.parse(l)); } catch { /* not ours */ } });
        child.on('exit', (code) => reject(new Error(`p1 server exited ${code}`)));
      });
      // Every request of the full run carries a MsgId never sent before, so the full path really inserts (a repeat
      // would take the cheap duplicate path). The bare run sets how many to prepare: the full path is not faster.
      const warm = bodies(0, 2000, keys);
      await hammer(ports.bare, warm, 2, (i) => warm[i % warm.length]);
      const bareCalls = bodies(0, 4000, keys);
      const bare = await hammer(ports.bare, bareCalls, seconds, (i) => bareCalls[i % bareCalls.length], child.pid);
      log(`bare: ${bare.rps.toFixed(0)} req/s, p50 ${bare.p50} ms, p99 ${bare.p99} ms; server CPU ${bare.cpuUsPerRequest.toFixed(0)} µs per request`);
      // A bare handler that answers anything but 200 did not verify and decrypt, and would make the ratio meaningless.
      if (bare.errors + bare.non2xx > 0) throw new Error(`the bare handler answered ${bare.non2xx} non-2xx and ${bare.errors} errors`);
      const fullWarm = bodies(1_000_000, 2000, keys);
      const needed = Math.ceil(bare.rps * seconds * 1.2);
      const fullCalls = bodies(2_000_000, needed, keys);
      log(`prepared ${needed} new signed, encrypted callbacks for the full run`);
      await hammer(ports.full, fullWarm, 2, (i) => call(1_500_000 + i, keys));
      const full = await hammer(ports.full, fullCalls, seconds, (i) => call(2_000_000 + i, keys), child.pid);
      log(`full: ${full.rps.toFixed(0)} req/s, p50 ${full.p50} ms, p99 ${full.p99} ms, errors ${full.errors}, non-2xx ${full.non2xx}; server CPU ${full.cpuUsPerRequest.toFixed(0)} µs per request; ${full.sent} requests, ${Math.max(0, full.sent - needed)} made during the run`);
      const out: Measurement[] = [
        { metric: 'bare verify+decrypt+ack', value: bare.rps, unit: 'req/s' },
        { metric: 'full inbound path', value: full.rps, unit: 'req/s' },
        { metric: 'full/bare throughput ratio', value: full.rps / bare.rps, unit: 'ratio', target: 0.5, better: 'higher' },
        { metric: 'full inbound path p99', value: full.p99, unit: 'ms', target: 20 },
        { metric: 'server CPU per request, bare', value: bare.cpuUsPerRequest, unit: 'µs' },
        { metric: 'server CPU per request, full', value: full.cpuUsPerRequest, unit: 'µs' },
        { metric: 'full inbound path errors + non-2xx', value: full.errors + full.non2xx, unit: 'count', target: 0 },
      ];
      return out;
    } finally {
      child.kill('SIGTERM');
    }
  },
};

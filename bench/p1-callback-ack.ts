// P1 — callback ack: the full WeCom inbound path (verify, decrypt, parse, dedupe-store in MariaDB, ack) against a
// bare Koa handler that only verifies, decrypts and acks, in the same run, with autocannon on loopback at 50
// connections. Targets: full/bare throughput ratio ≥ 0.5 and full-path p99 ≤ 20 ms.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import type { Benchmark } from './registry.js';
import type { Measurement } from './lib/results.js';
import { newAesKey, wecomAppCallback, wecomTextXml } from '../test/helpers/platform-callers.js';

const here = dirname(fileURLToPath(import.meta.url));
const CONNECTIONS = 50;

interface Run { rps: number; p50: number; p99: number; errors: number; non2xx: number }

function bodies(n: number, keys: { token: string; aesKey: string; receiveId: string }): { path: string; body: string }[] {
  const out: { path: string; body: string }[] = [];
  for (let i = 0; i < n; i++) {
    const call = wecomAppCallback(keys, wecomTextXml({ corpId: keys.receiveId, from: `rep_${i % 500}`, content: `跟进 客户${i} 今天电话沟通了方案，下周三发报价`, msgId: `p1-${Date.now()}-${i}` }));
    out.push({ path: `/wecom/callback?${new URLSearchParams(call.query)}`, body: call.body });
  }
  return out;
}

async function hammer(port: number, calls: { path: string; body: string }[], seconds: number): Promise<Run> {
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: seconds,
    requests: [{ method: 'POST', setupRequest: ((req: Record<string, unknown>) => { const c = calls[i++ % calls.length]; return { ...req, path: c.path, body: c.body, headers: { 'content-type': 'text/xml' } }; }) as never }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
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
      // Every request carries a new MsgId: the full path really inserts (a duplicate would take the cheap path).
      const calls = bodies(Math.ceil(9000 * seconds / 10) * 2, keys);
      log(`prepared ${calls.length} signed, encrypted callbacks; ${seconds} s per run after a 2 s warm-up`);
      await hammer(ports.bare, calls.slice(0, 2000), 2);
      const bare = await hammer(ports.bare, calls, seconds);
      log(`bare: ${bare.rps.toFixed(0)} req/s, p50 ${bare.p50} ms, p99 ${bare.p99} ms`);
      await hammer(ports.full, calls.slice(-2000), 2);
      const full = await hammer(ports.full, calls, seconds);
      log(`full: ${full.rps.toFixed(0)} req/s, p50 ${full.p50} ms, p99 ${full.p99} ms, errors ${full.errors}, non-2xx ${full.non2xx}`);
      const out: Measurement[] = [
        { metric: 'bare verify+decrypt+ack', value: bare.rps, unit: 'req/s' },
        { metric: 'full inbound path', value: full.rps, unit: 'req/s' },
        { metric: 'full/bare throughput ratio', value: full.rps / bare.rps, unit: 'ratio', target: 0.5, better: 'higher' },
        { metric: 'full inbound path p99', value: full.p99, unit: 'ms', target: 20 },
        { metric: 'full inbound path errors + non-2xx', value: full.errors + full.non2xx, unit: 'count', target: 0 },
      ];
      return out;
    } finally {
      child.kill('SIGTERM');
    }
  },
};

// P2 — chat to reply: a follow-up sentence arrives as a signed, encrypted WeCom callback → activity committed →
// receipt card accepted by the (fake) WeCom API. 50 messages/s on MariaDB, each from a different rep (so WeCom's
// per-member limits do not add waiting); latency per message from the POST to the fake's receipt. Target p95 ≤ 150 ms.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { Benchmark } from './registry.js';
import type { Measurement } from './lib/results.js';
import { summarize } from './lib/stats.js';
import { openScratch } from './lib/mariadb.js';
import { bulkInsert } from '../server/db/seed/bulk-insert.js';
import { User } from '../server/domain/user/user.entity.js';
import { Customer } from '../server/domain/customer/customer.entity.js';
import { Activity } from '../server/domain/activity/activity.entity.js';
import { WecomApiFake } from '../test/fakes/wecom-api.js';
import { newAesKey, postSigned, wecomAppCallback, wecomTextXml } from '../test/helpers/platform-callers.js';

/** User + system CPU time of a process so far (Linux /proc; clock ticks are 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const here = dirname(fileURLToPath(import.meta.url));
const DB = 'chatcrm_bench_p2';
const RATE = 50;
const REPS = 500;

export const p2: Benchmark = {
  id: 'p2',
  title: 'chat to reply: WeCom follow-up sentence → activity → receipt at the fake WeCom (50 msg/s, MariaDB)',
  async run({ scale, log }) {
    const seconds = Math.max(4, Math.round(20 * scale));
    const total = RATE * seconds;
    const { db } = await openScratch(DB, log, true);
    const now = new Date();
    await bulkInsert(db, User, Array.from({ length: REPS }, (_, i) => ({
      username: `bench.rep${i}`, name: `代表${i}`, locale: 'zh-CN' as const, role: 'rep' as const, wecomUserId: `rep${i}`, active: true, createdAt: now, updatedAt: now,
    })));
    const users = await db.ds.getRepository(User).find({ select: { id: true, wecomUserId: true } });
    const idOf = new Map(users.map((u) => [u.wecomUserId!, u.id]));
    await bulkInsert(db, Customer, Array.from({ length: REPS }, (_, i) => ({
      name: `星河${i}号精密机械有限公司`, normalizedName: `星河${i}号精密机械`, level: 'B' as const, ownerId: idOf.get(`rep${i}`)!, failedFollowUps: 0, createdAt: now, updatedAt: now,
    })));

    const wecom = new WecomApiFake();
    await wecom.start();
    const keys = { token: 'bench-token', aesKey: newAesKey(), receiveId: wecom.corpId };
    // One server process by default; CHATCRM_BENCH_P2_INSTANCES=2 runs two behind a round-robin "load balancer"
    // (the scale-out shape: both share the database, the queues and the platform).
    const instances = Math.max(1, Number(process.env.CHATCRM_BENCH_P2_INSTANCES ?? 1));
    const children = Array.from({ length: instances }, () => spawn(process.execPath, [...(process.env.P2_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), '--import', 'tsx', join(here, 'lib', 'p2-server.ts'), JSON.stringify({
      db: DB, corpId: wecom.corpId, agentId: String(wecom.agentId), secret: wecom.secret, token: keys.token, aesKey: keys.aesKey, apiBase: wecom.url,
    })], { stdio: ['ignore', 'pipe', 'inherit'] }));
    const urls = await Promise.all(children.map((child) => new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (l) => { try { resolve(`http://127.0.0.1:${JSON.parse(l).port}`); } catch { /* not ours */ } });
      child.on('exit', (code) => reject(new Error(`p2 server exited ${code}`)));
    })));
    log(`${instances} server process(es)`);
    const tag = instances > 1 ? ` (${instances} instances)` : '';
    try {
      const sentAt = new Map<string, number>();
      const send = async (i: number) => {
        const rep = `rep${i % REPS}`;
        const call = wecomAppCallback(keys, wecomTextXml({ corpId: wecom.corpId, from: rep, content: `跟进 星河${i % REPS}号精密机械有限公司 今天电话沟通了方案 第${i}次，下周三发报价`, msgId: `p2-${Date.now()}-${i}` }));
        sentAt.set(`${rep}#${i}`, Date.now());
        const res = await postSigned(urls[i % urls.length], '/wecom/callback', call);
        if (res.status !== 200) throw new Error(`callback answered ${res.status}`);
      };
      // Warm-up: JIT, connection pools, the token.
      for (let i = 0; i < 100; i++) { await send(total + i); await new Promise((r) => setTimeout(r, 1000 / RATE)); }
      await new Promise((r) => setTimeout(r, 1500));
      wecom.delivered.length = 0;
      sentAt.clear();
      log(`sending ${total} follow-ups at ${RATE}/s`);
      const cpuBefore = children.map((c) => processCpuMs(c.pid!));
      const started = Date.now();
      const posts: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const due = started + (i * 1000) / RATE;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        posts.push(send(i));
      }
      await Promise.all(posts);
      const deadline = Date.now() + 60_000;
      const receipts = () => wecom.delivered.filter((d) => d.msgtype === 'template_card');
      while (receipts().length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // CPU the server process(es) spent per message: steadier than latency on a shared machine.
      const cpuPerMessage = children.reduce((sum, c, i) => sum + processCpuMs(c.pid!) - cpuBefore[i], 0) / total;
      const latencies: number[] = [];
      for (const d of receipts()) {
        const body = JSON.stringify(d.body);
        const m = /第(\d+)次/.exec(body);
        if (!m) continue;
        const t0 = sentAt.get(`${d.touser}#${m[1]}`);
        if (t0 !== undefined) latencies.push(d.at - t0);
      }
      const s = summarize(latencies);
      const stored = await db.ds.getRepository(Activity).count();
      log(`receipts ${latencies.length}/${total}, activities ${stored}; p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms; server CPU ${cpuPerMessage.toFixed(1)} ms per message`);
      const out: Measurement[] = [
        { metric: `chat-to-reply p50${tag}`, value: s.p50, unit: 'ms' },
        { metric: `chat-to-reply p95${tag}`, value: s.p95, unit: 'ms', target: 150 },
        { metric: `chat-to-reply p99${tag}`, value: s.p99, unit: 'ms' },
        { metric: `server CPU per message${tag}`, value: cpuPerMessage, unit: 'ms' },
        { metric: 'receipts delivered', value: latencies.length / total, unit: 'share', target: 1, better: 'higher' },
      ];
      return out;
    } finally {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((child) => new Promise((r) => child.once('exit', r))));
      await wecom.stop();
      await db.ds.destroy();
    }
  },
};

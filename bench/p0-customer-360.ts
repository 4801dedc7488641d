// P0 — "my customers" and the customer 360 with 100 k customers and 1 M follow-ups on MariaDB (target p95 ≤ 30 ms).
// Measured through the domain functions the app uses (withTx + listRecords / customer360) and through HTTP
// (the real Koa app on a loopback port, dev-login tokens), after warm-up, one request at a time.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Logger as OrmLogger } from 'typeorm';
import type { Benchmark, BenchOptions } from './registry.js';
import type { Measurement } from './lib/results.js';
import { summarize, timeCalls } from './lib/stats.js';
import { explain, openScratch } from './lib/mariadb.js';
import { generateCrm, type CrmShape } from './lib/crm-data.js';
import { createDataSource } from '../server/db/data-source.js';
import { makeDb, type Db } from '../server/domain/shared/db.js';
import { withTx } from '../server/domain/shared/with-tx.js';
import type { Actor } from '../server/domain/shared/actor.js';
import { listRecords } from '../server/domain/shared/records.js';
import { customerObject } from '../server/domain/customer/customer.object.js';
import { customer360 } from '../server/domain/customer/customer-360.js';
import { Setting } from '../server/domain/settings/setting.entity.js';
import { createApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/log.js';

const BASE_DB = process.env.CHATCRM_BENCH_DB ?? 'chatcrm_bench';
const MARKER = 'bench.p0.data';
/** Bump when the generated shape changes: an old scratch database is then rebuilt. */
const DATA_VERSION = 1;
const SAMPLES = 400;
const myCustomers = (a: Actor) => ({ limit: 20, filters: { ownerId: String(a.userId) } });
const TARGET_P95_MS = 30;

interface Marker { version: number; scale: number; counts: Record<string, number>; generatedMs: number }

function shapeFor(scale: number): CrmShape {
  return { customers: Math.round(100_000 * scale), activitiesPerCustomer: 10, reps: Math.max(10, Math.round(500 * scale)), repsPerTeam: 10, poolShare: 0.02 };
}

async function readMarker(db: Db): Promise<Marker | null> {
  const row = await db.ds.getRepository(Setting).findOne({ where: { key: MARKER } }).catch(() => null);
  return (row?.value as Marker | undefined) ?? null;
}

/** The scratch database at this scale: reused when its marker says so, else rebuilt from empty. */
async function prepare(opts: BenchOptions): Promise<{ db: Db; url: string; marker: Marker; generated: boolean }> {
  // One scratch database per scale, so a quick run at --scale=0.1 leaves the full-scale data in place.
  const DB_NAME = opts.scale === 1 ? BASE_DB : `${BASE_DB}_s${String(opts.scale).replace(/\W/g, '_')}`;
  let { db, url } = await openScratch(DB_NAME, opts.log);
  let marker = await readMarker(db);
  if (marker && marker.version === DATA_VERSION && marker.scale === opts.scale) {
    opts.log(`reusing ${DB_NAME}: ${marker.counts.customers} customers, ${marker.counts.activities} follow-ups (generated earlier in ${(marker.generatedMs / 1000).toFixed(1)} s)`);
    return { db, url, marker, generated: false };
  }
  await db.ds.destroy();
  opts.log(`building ${DB_NAME} at scale ${opts.scale}`);
  ({ db, url } = await openScratch(DB_NAME, opts.log, true));
  const started = Date.now();
  const counts = await generateCrm(db, shapeFor(opts.scale), db.clock.now(), opts.log);
  await db.ds.query('ANALYZE TABLE customer, activity, contact, opportunity, task, contract, payment');
  marker = { version: DATA_VERSION, scale: opts.scale, counts: { ...counts }, generatedMs: Date.now() - started };
  await db.ds.getRepository(Setting).insert({ key: MARKER, value: marker as never, updatedAt: new Date() });
  opts.log(`generated in ${(marker.generatedMs / 1000).toFixed(1)} s`);
  return { db, url, marker, generated: true };
}

const repActor = (u: { id: number; teamId: number | null }): Actor => ({ userId: u.id, role: 'rep', teamId: u.teamId, locale: 'zh-CN', channel: 'api' });

/** Every SELECT the two hot paths issue, captured on a logging connection and EXPLAINed on the real one. */
async function checkPlans(db: Db, url: string, rep: Actor, customerId: number, log: (l: string) => void): Promise<Measurement> {
  const captured: { sql: string; params: unknown[] }[] = [];
  const logger: OrmLogger = {
    logQuery: (sql, params) => { if (/^\s*SELECT/i.test(sql)) captured.push({ sql, params: (params ?? []) as unknown[] }); },
    logQueryError: () => {}, logQuerySlow: () => {}, logSchemaBuild: () => {}, logMigration: () => {}, log: () => {},
  };
  const ds = await createDataSource(url, { logging: ['query'], logger } as never);
  const cap = makeDb(ds, url);
  await withTx(cap, rep, (c) => listRecords(c, customerObject, myCustomers(rep)));
  await withTx(cap, rep, (c) => customer360(c, customerId));
  await ds.destroy();
  const big = new Set(['customer', 'activity', 'contact', 'opportunity', 'task', 'contract', 'payment']);
  // The two indexes these paths exist for: a rep's customers by recency, a customer's timeline.
  const expected: Record<string, string> = { customer: 'ix_customer_owner_id_updated_at', activity: 'ix_activity_customer_id_occurred_at' };
  const used = new Set<string>();
  let ok = 0; let total = 0;
  for (const q of captured) {
    for (const p of await explain(db, q.sql, q.params)) {
      const table = q.sql.match(/FROM\s+`(\w+)`/i)?.[1] ?? p.table;
      if (!big.has(table)) continue;
      total++;
      const full = p.type === 'ALL' && p.rows > 1000;
      if (!full) ok++;
      for (const k of (p.key ?? '').split('|')) used.add(k);
      log(`${full ? 'FULL SCAN' : 'index'}  ${table.padEnd(11)} type=${p.type} key=${p.key ?? '-'} rows≈${p.rows} ${p.extra}`);
    }
  }
  for (const [table, ix] of Object.entries(expected)) {
    log(`${used.has(ix) ? 'uses' : 'MISSING'} ${ix} (${table})`);
    if (!used.has(ix)) ok = 0;
  }
  return { metric: 'hot queries using an index', value: total ? ok / total : 0, unit: 'share', target: 1, better: 'higher' };
}

async function measureHttp(db: Db, reps: { id: number; username: string }[], customers: { id: number; ownerId: number }[], log: (l: string) => void): Promise<Measurement[]> {
  const config = loadConfig({ DATABASE_URL: 'mysql://bench/unused', DEMO_MODE: 'true', LOG_LEVEL: 'silent' });
  const app = createApp({ config, db, log: createLogger('silent'), authFailuresPerMinute: 1_000_000 });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  try {
    const tokens = new Map<number, string>();
    for (const r of reps) {
      const res = await fetch(`${base}/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: r.username }) });
      if (!res.ok) throw new Error(`dev login ${r.username}: ${res.status} ${await res.text()}`);
      tokens.set(r.id, ((await res.json()) as { token: string }).token);
    }
    const get = async (path: string, token: string) => {
      const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${body.slice(0, 200)}`);
      return body;
    };
    // "My customers" is the list a rep opens first: the ones they own, newest first (the mini-program's default tab).
    const list = summarize(await timeCalls(SAMPLES, (i) => get(`/customers?limit=20&ownerId=${reps[i % reps.length].id}`, tokens.get(reps[i % reps.length].id)!)));
    log(`HTTP list     p50 ${list.p50.toFixed(2)} ms  p95 ${list.p95.toFixed(2)} ms  p99 ${list.p99.toFixed(2)} ms  (n=${list.n})`);
    const c360 = summarize(await timeCalls(SAMPLES, (i) => { const c = customers[i % customers.length]; return get(`/customers/${c.id}/360`, tokens.get(c.ownerId)!); }));
    log(`HTTP 360      p50 ${c360.p50.toFixed(2)} ms  p95 ${c360.p95.toFixed(2)} ms  p99 ${c360.p99.toFixed(2)} ms  (n=${c360.n})`);
    return [
      { metric: 'list my customers (HTTP) p50', value: list.p50, unit: 'ms' },
      { metric: 'list my customers (HTTP) p95', value: list.p95, unit: 'ms', target: TARGET_P95_MS },
      { metric: 'customer 360 (HTTP) p50', value: c360.p50, unit: 'ms' },
      { metric: 'customer 360 (HTTP) p95', value: c360.p95, unit: 'ms', target: TARGET_P95_MS },
    ];
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export const p0: Benchmark = {
  id: 'p0',
  title: 'my customers + customer 360 (100 k customers, 1 M follow-ups, MariaDB)',
  async run(opts) {
    const { db, url, marker, generated } = await prepare(opts);
    try {
      const out: Measurement[] = [];
      if (generated) out.push({ metric: 'data generation', value: marker.generatedMs / 1000, unit: 's' });
      // Reps and customers to rotate through, picked at random but the same every run.
      const reps = (await db.ds.query("SELECT id, username, team_id AS teamId FROM `user` WHERE role = 'rep' ORDER BY RAND(7) LIMIT 50")) as { id: number; username: string; teamId: number }[];
      const repById = new Map(reps.map((r) => [r.id, r]));
      const customers = ((await db.ds.query(`SELECT id, owner_id AS ownerId FROM customer WHERE owner_id IN (${reps.map((r) => r.id).join(',')}) ORDER BY RAND(11) LIMIT 400`)) as { id: number; ownerId: number }[]);

      out.push(await checkPlans(db, url, repActor(repById.get(customers[0].ownerId)!), customers[0].id, opts.log));

      const list = summarize(await timeCalls(SAMPLES, (i) => { const a = repActor(reps[i % reps.length]); return withTx(db, a, (c) => listRecords(c, customerObject, myCustomers(a))); }));
      opts.log(`domain list   p50 ${list.p50.toFixed(2)} ms  p95 ${list.p95.toFixed(2)} ms  p99 ${list.p99.toFixed(2)} ms  (n=${list.n})`);
      const c360 = summarize(await timeCalls(SAMPLES, (i) => {
        const cu = customers[i % customers.length];
        return withTx(db, repActor(repById.get(cu.ownerId)!), (c) => customer360(c, cu.id));
      }));
      opts.log(`domain 360    p50 ${c360.p50.toFixed(2)} ms  p95 ${c360.p95.toFixed(2)} ms  p99 ${c360.p99.toFixed(2)} ms  (n=${c360.n})`);
      out.push(
        { metric: 'list my customers (domain) p50', value: list.p50, unit: 'ms' },
        { metric: 'list my customers (domain) p95', value: list.p95, unit: 'ms', target: TARGET_P95_MS },
        { metric: 'customer 360 (domain) p50', value: c360.p50, unit: 'ms' },
        { metric: 'customer 360 (domain) p95', value: c360.p95, unit: 'ms', target: TARGET_P95_MS },
      );
      out.push(...await measureHttp(db, reps, customers, opts.log));
      return out;
    } finally {
      await db.ds.destroy();
    }
  },
};

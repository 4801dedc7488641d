// P3 — leaderboards and the funnel at 10 M follow-ups, 1 M opportunities, 500 reps on MariaDB (target p95 ≤ 50 ms),
// read from the rollups the domain maintains, against the naive GROUP BY over the raw tables in the same run
// (target ≥ 100× faster). The data set is generated inside MariaDB (INSERT … SELECT over the sequence engine, in
// 1 M-row chunks; rows of one rep sit together as a live system's would), the rollups built by the rebuild use
// case, and the whole kept between runs in a scratch database.
import type { Benchmark, BenchOptions } from './registry.js';
import type { Measurement } from './lib/results.js';
import { summarize, timeCalls } from './lib/stats.js';
import { openScratch } from './lib/mariadb.js';
import type { Db } from '../server/domain/shared/db.js';
import { withTx } from '../server/domain/shared/with-tx.js';
import { systemActor, type Actor } from '../server/domain/shared/actor.js';
import { Setting } from '../server/domain/settings/setting.entity.js';
import { DEFAULT_SETTINGS } from '../server/domain/settings/settings.js';
import { DISTRICTS } from '../server/db/seed/demo-words.js';
import { leaderboard } from '../server/domain/leaderboard/leaderboard.js';
import { funnel } from '../server/domain/leaderboard/funnel.js';
import { rebuildRollups } from '../server/domain/leaderboard/rebuild-rollups.js';
import { installRollups } from '../server/domain/leaderboard/maintain-rollups.js';
import { METRICS, type Metric } from '../server/domain/leaderboard/contributions.js';
import { periodRange, type Period } from '../server/domain/leaderboard/period.js';

const DB_NAME = process.env.CHATCRM_BENCH_P3_DB ?? 'chatcrm_bench_p3';
const MARKER = 'bench.p3.data';
const DATA_VERSION = 1;
const SAMPLES = 400;
const TARGET_P95_MS = 50;
const TARGET_RATIO = 100;
const PERIODS: Period[] = ['day', 'week', 'month', 'quarter'];
const STAGES = DEFAULT_SETTINGS.stages.map((s) => s.key);
const DAY_S = 86_400;

interface Shape { reps: number; repsPerTeam: number; customers: number; opportunities: number; activities: number }
interface Marker { version: number; scale: number; shape: Shape; generatedMs: number; rebuildMs: number; now: string }

const shapeFor = (scale: number): Shape => ({
  reps: Math.max(10, Math.round(500 * scale)), repsPerTeam: 10, customers: Math.round(250_000 * scale),
  opportunities: Math.round(1_000_000 * scale), activities: Math.round(10_000_000 * scale),
});

const q = (s: string[]) => s.map((x) => `'${x}'`).join(',');

/** The data set, written by MariaDB itself. Reps own contiguous blocks of customers; follow-ups and deals follow them. */
async function generate(db: Db, s: Shape, now: Date, log: (l: string) => void): Promise<void> {
  const run = (sql: string, params: unknown[] = []) => db.ds.query(sql, params);
  const T = Math.ceil(s.reps / s.repsPerTeam);
  const REP0 = T + 2;
  const at = now.toISOString().slice(0, 19).replace('T', ' ');
  const N = `'${at}'`;
  await run('SET SESSION unique_checks = 0, foreign_key_checks = 0');
  await run(`INSERT INTO team (id, name, parent_id, created_at) VALUES (1, 'sales', NULL, ${N})`);
  await run(`INSERT INTO team (id, name, parent_id, created_at) SELECT seq + 1, CONCAT('team ', seq), 1, ${N} FROM seq_1_to_${T}`);
  await run(`INSERT INTO \`user\` (id, username, name, locale, role, team_id, active, created_at, updated_at) VALUES (1, 'bench.admin', 'admin', 'zh-CN', 'admin', NULL, 1, ${N}, ${N})`);
  await run(`INSERT INTO \`user\` (id, username, name, locale, role, team_id, manager_id, active, created_at, updated_at)
    SELECT seq + 1, CONCAT('bench.mgr', seq), CONCAT('mgr ', seq), 'zh-CN', 'manager', seq + 1, 1, 1, ${N}, ${N} FROM seq_1_to_${T}`);
  await run(`INSERT INTO \`user\` (id, username, name, locale, role, team_id, manager_id, active, created_at, updated_at)
    SELECT ${REP0} + seq, CONCAT('bench.rep', seq + 1), CONCAT('rep ', seq + 1), 'zh-CN', 'rep', 2 + FLOOR(seq / ${s.repsPerTeam}), 2 + FLOOR(seq / ${s.repsPerTeam}), 1, ${N}, ${N} FROM seq_0_to_${s.reps - 1}`);
  const ownerOfCustomer = (col: string) => `${REP0} + FLOOR((${col} - 1) * ${s.reps} / ${s.customers})`;
  const regions = `ELT(1 + MOD(seq * 7, ${DISTRICTS.length}), ${q([...DISTRICTS])})`;
  await run(`INSERT INTO customer (id, name, normalized_name, level, region, owner_id, failed_follow_ups, created_by_id, created_at, updated_at)
    SELECT seq, CONCAT('customer ', seq), CONCAT('customer', seq), ELT(1 + MOD(seq, 3), 'A', 'B', 'C'), ${regions}, ${ownerOfCustomer('seq')}, 0, ${ownerOfCustomer('seq')},
      ${N} - INTERVAL FLOOR(RAND(1) * 400 * ${DAY_S}) SECOND, ${N} FROM seq_1_to_${s.customers}`);
  log(`users, teams, ${s.customers} customers`);
  const chunk = 1_000_000;
  for (let a = 1; a <= s.opportunities; a += chunk) {
    const b = Math.min(s.opportunities, a + chunk - 1);
    const cust = `1 + FLOOR((seq - 1) * ${s.customers} / ${s.opportunities})`;
    // u picks the outcome: 60 % open across the stages, 25 % won, 15 % lost.
    await run(`INSERT INTO opportunity (id, customer_id, name, amount_cents, stage, status, expected_close_at, probability, owner_id, stage_changed_at, closed_at, created_at, updated_at)
      SELECT seq, ${cust}, CONCAT('deal ', seq), (1 + FLOOR(RAND(seq) * 300)) * 1000000,
        CASE WHEN u < 0.6 THEN ELT(1 + FLOOR(u / 0.15), ${q(STAGES)}) WHEN u < 0.85 THEN 'won' ELSE 'lost' END,
        CASE WHEN u < 0.6 THEN 'open' WHEN u < 0.85 THEN 'won' ELSE 'lost' END,
        ${N} + INTERVAL FLOOR(RAND(seq + 7) * 300 - 120) DAY, 30, ${REP0} + FLOOR((${cust} - 1) * ${s.reps} / ${s.customers}), ${N},
        CASE WHEN u < 0.6 THEN NULL ELSE ${N} - INTERVAL FLOOR(RAND(seq + 3) * 365 * ${DAY_S}) SECOND END, ${N} - INTERVAL 400 DAY, ${N}
      FROM (SELECT seq, RAND(seq * 31 + 5) AS u FROM seq_${a}_to_${b}) x`);
    log(`opportunities ${b}/${s.opportunities}`);
  }
  await run(`INSERT INTO stage_history (opportunity_id, from_stage, to_stage, amount_cents, changed_by_id, changed_at)
    SELECT o.id, NULL, IF(k.seq < 4, ELT(k.seq + 1, ${q(STAGES)}), o.stage), o.amount_cents, o.owner_id, o.created_at + INTERVAL k.seq DAY
      FROM opportunity o JOIN seq_0_to_4 k ON (o.status = 'open' AND k.seq < FIELD(o.stage, ${q(STAGES)}))
        OR (o.status = 'won') OR (o.status = 'lost' AND (k.seq <= MOD(o.id, 4) OR k.seq = 4))`);
  log('stage history');
  for (let a = 1; a <= s.activities; a += chunk) {
    const b = Math.min(s.activities, a + chunk - 1);
    await run(`INSERT INTO activity (type, content, occurred_at, customer_id, author_id, channel, created_at)
      SELECT ELT(1 + MOD(seq, 5), 'call', 'visit', 'wechat', 'meeting', 'email'), 'follow-up notes', t, 1 + FLOOR((seq - 1) * ${s.customers} / ${s.activities}),
        ${REP0} + FLOOR((seq - 1) * ${s.reps} / ${s.activities}), 'bot', t
      FROM (SELECT seq, ${N} - INTERVAL FLOOR(RAND(seq) * 365 * ${DAY_S}) SECOND AS t FROM seq_${a}_to_${b}) x`);
    log(`follow-ups ${b}/${s.activities}`);
  }
  const contracts = Math.floor(s.customers / 4);
  await run(`INSERT INTO contract (id, title, customer_id, amount_cents, status, owner_id, created_at, updated_at)
    SELECT seq, CONCAT('contract ', seq), seq * 4, 2000000, 'approved', ${ownerOfCustomer('seq * 4')}, ${N}, ${N} FROM seq_1_to_${contracts}`);
  await run(`INSERT INTO payment (contract_id, planned_amount_cents, received_amount_cents, received_at, status, owner_id, created_at, updated_at)
    SELECT c.id, 1000000, IF(RAND(c.id * 2 + k.seq) < 0.7, 1000000, 0), IF(RAND(c.id * 2 + k.seq) < 0.7, ${N} - INTERVAL FLOOR(RAND(c.id + k.seq * 13) * 365 * ${DAY_S}) SECOND, NULL),
      'planned', c.owner_id, ${N}, ${N} FROM contract c JOIN seq_0_to_1 k`);
  log(`${contracts} contracts, ${contracts * 2} payments`);
  await run('ANALYZE TABLE customer, activity, opportunity, stage_history, payment, `user`, team');
}

async function readMarker(db: Db): Promise<Marker | null> {
  const row = await db.ds.getRepository(Setting).findOne({ where: { key: MARKER } }).catch(() => null);
  return (row?.value as Marker | undefined) ?? null;
}

async function prepare(opts: BenchOptions): Promise<{ db: Db; marker: Marker; generated: boolean }> {
  let { db } = await openScratch(DB_NAME, opts.log);
  let marker = await readMarker(db);
  if (marker && marker.version === DATA_VERSION && marker.scale === opts.scale) {
    opts.log(`reusing ${DB_NAME} (scale ${opts.scale}: ${marker.shape.activities} follow-ups, ${marker.shape.opportunities} opportunities, ${marker.shape.reps} reps; generated in ${(marker.generatedMs / 1000).toFixed(1)} s)`);
    return { db, marker, generated: false };
  }
  await db.ds.destroy();
  ({ db } = await openScratch(DB_NAME, opts.log, true));
  const shape = shapeFor(opts.scale);
  const now = new Date();
  opts.log(`building ${DB_NAME}: ${JSON.stringify(shape)}`);
  const started = Date.now();
  await generate(db, shape, now, opts.log);
  const generatedMs = Date.now() - started;
  opts.log(`generated in ${(generatedMs / 1000).toFixed(1)} s; rebuilding rollups`);
  const r0 = Date.now();
  const stats = await withTx(db, systemActor('bench'), (c) => rebuildRollups(c));
  const rebuildMs = Date.now() - r0;
  opts.log(`rollups rebuilt in ${(rebuildMs / 1000).toFixed(1)} s: ${JSON.stringify(stats)}`);
  marker = { version: DATA_VERSION, scale: opts.scale, shape, generatedMs, rebuildMs, now: now.toISOString() };
  await db.ds.getRepository(Setting).insert({ key: MARKER, value: marker as never, updatedAt: new Date() });
  return { db, marker, generated: true };
}

const NAIVE: Record<Metric, string> = {
  won_amount: `SELECT owner_id AS uid, SUM(amount_cents) AS v FROM opportunity WHERE status = 'won' AND closed_at >= ? AND closed_at < ? AND owner_id IN (%IDS%) GROUP BY owner_id`,
  payments: `SELECT owner_id AS uid, SUM(received_amount_cents) AS v FROM payment WHERE received_at >= ? AND received_at < ? AND owner_id IN (%IDS%) GROUP BY owner_id`,
  new_customers: `SELECT created_by_id AS uid, COUNT(*) AS v FROM customer WHERE created_at >= ? AND created_at < ? AND created_by_id IN (%IDS%) GROUP BY created_by_id`,
  followups: `SELECT author_id AS uid, COUNT(*) AS v FROM activity WHERE occurred_at >= ? AND occurred_at < ? AND author_id IN (%IDS%) GROUP BY author_id`,
};

/** The board the way the code did before rollups: the team's people, then GROUP BY over the raw table. */
async function naiveBoard(db: Db, metric: Metric, period: Period, teamId: number | null): Promise<number> {
  const users: { id: number }[] = await db.ds.query(`SELECT id FROM \`user\` WHERE active = 1 AND role IN ('rep', 'manager')${teamId ? ' AND team_id = ?' : ''}`, teamId ? [teamId] : []);
  const range = periodRange(period, db.clock.now(), 'Asia/Shanghai');
  const rows = await db.ds.query(NAIVE[metric].replace('%IDS%', users.map((u) => Number(u.id)).join(',')), [range.start, range.end]);
  return rows.length;
}

/** The funnel by GROUP BY over opportunity, stage_history and customer. */
async function naiveFunnel(db: Db, teamId: number | null): Promise<number> {
  const users: { id: number }[] = await db.ds.query(`SELECT id FROM \`user\`${teamId ? ' WHERE team_id = ?' : ''}`, teamId ? [teamId] : []);
  const ids = users.map((u) => Number(u.id)).join(',');
  const a = await db.ds.query(`SELECT stage, COUNT(*) AS n, SUM(amount_cents) AS a FROM opportunity WHERE status = 'open' AND owner_id IN (${ids}) GROUP BY stage`);
  const b = await db.ds.query(`SELECT sh.to_stage, COUNT(DISTINCT sh.opportunity_id) AS n FROM stage_history sh JOIN opportunity o ON o.id = sh.opportunity_id WHERE o.owner_id IN (${ids}) GROUP BY sh.to_stage`);
  const c = await db.ds.query(`SELECT stage, DATE_FORMAT(expected_close_at + INTERVAL 8 HOUR, '%Y-%m') AS m, COUNT(*) AS n, SUM(amount_cents) AS a FROM opportunity WHERE status = 'open' AND owner_id IN (${ids}) GROUP BY stage, m`);
  const d = await db.ds.query(`SELECT cu.region, o.stage, COUNT(*) AS n, SUM(o.amount_cents) AS a FROM opportunity o JOIN customer cu ON cu.id = o.customer_id WHERE o.status = 'open' AND o.owner_id IN (${ids}) GROUP BY cu.region, o.stage`);
  return a.length + b.length + c.length + d.length;
}

const line = (name: string, s: { p50: number; p95: number; p99: number; n: number }) =>
  `${name.padEnd(34)} p50 ${s.p50.toFixed(2).padStart(8)} ms  p95 ${s.p95.toFixed(2).padStart(8)} ms  p99 ${s.p99.toFixed(2).padStart(8)} ms  (n=${s.n})`;

export const p3: Benchmark = {
  id: 'p3',
  title: 'leaderboard + funnel from rollups (10 M follow-ups, 1 M opportunities, 500 reps, MariaDB) vs naive GROUP BY',
  async run(opts) {
    const { db, marker, generated } = await prepare(opts);
    installRollups(db);
    try {
      const out: Measurement[] = [];
      if (generated) out.push({ metric: 'data generation', value: marker.generatedMs / 1000, unit: 's' }, { metric: 'rollup rebuild', value: marker.rebuildMs / 1000, unit: 's' });
      const teams = ((await db.ds.query('SELECT id FROM team WHERE parent_id = 1 ORDER BY id')) as { id: number }[]).map((t) => Number(t.id));
      const admin: Actor = { userId: 1, role: 'admin', teamId: null, locale: 'zh-CN', channel: 'bot' };
      const pick = (i: number) => ({ teamId: teams[i % teams.length], metric: METRICS[i % 4], period: PERIODS[Math.floor(i / 4) % 4] });

      const board = summarize(await timeCalls(SAMPLES, (i) => withTx(db, admin, (c) => leaderboard(c, { ...pick(i), audience: 'team' }))));
      const fun = summarize(await timeCalls(SAMPLES, (i) => withTx(db, admin, (c) => funnel(c, { teamId: pick(i).teamId, audience: 'team' }))));
      const boardAll = summarize(await timeCalls(SAMPLES / 4, (i) => withTx(db, admin, (c) => leaderboard(c, { ...pick(i), teamId: null }))));
      const funAll = summarize(await timeCalls(SAMPLES / 4, () => withTx(db, admin, (c) => funnel(c, { teamId: null }))));
      opts.log(line('team leaderboard (rollups)', board));
      opts.log(line('team funnel (rollups)', fun));
      opts.log(line('company leaderboard (rollups)', boardAll));
      opts.log(line('company funnel (rollups)', funAll));

      const naiveN = Math.max(16, Math.round(64 / Math.max(1, opts.scale * 4)));
      const nBoard = summarize(await timeCalls(naiveN, (i) => { const p = pick(i); return naiveBoard(db, p.metric, p.period, p.teamId); }, 4));
      const nFun = summarize(await timeCalls(naiveN, (i) => naiveFunnel(db, pick(i).teamId), 2));
      const nBoardAll = summarize(await timeCalls(8, (i) => { const p = pick(i); return naiveBoard(db, p.metric, p.period, null); }, 1));
      const nFunAll = summarize(await timeCalls(4, () => naiveFunnel(db, null), 1));
      opts.log(line('team leaderboard (naive GROUP BY)', nBoard));
      opts.log(line('team funnel (naive GROUP BY)', nFun));
      opts.log(line('company leaderboard (naive)', nBoardAll));
      opts.log(line('company funnel (naive)', nFunAll));
      const ratio = (naive: { mean: number }, fast: { mean: number }) => naive.mean / fast.mean;
      out.push(
        { metric: 'team leaderboard p50', value: board.p50, unit: 'ms' },
        { metric: 'team leaderboard p95', value: board.p95, unit: 'ms', target: TARGET_P95_MS },
        { metric: 'team funnel p50', value: fun.p50, unit: 'ms' },
        { metric: 'team funnel p95', value: fun.p95, unit: 'ms', target: TARGET_P95_MS },
        { metric: 'company leaderboard p95', value: boardAll.p95, unit: 'ms', target: TARGET_P95_MS },
        { metric: 'company funnel p95', value: funAll.p95, unit: 'ms', target: TARGET_P95_MS },
        { metric: 'naive team leaderboard p50', value: nBoard.p50, unit: 'ms' },
        { metric: 'naive team funnel p50', value: nFun.p50, unit: 'ms' },
        { metric: 'naive company leaderboard p50', value: nBoardAll.p50, unit: 'ms' },
        { metric: 'naive company funnel p50', value: nFunAll.p50, unit: 'ms' },
        { metric: 'speed-up team leaderboard (mean)', value: ratio(nBoard, board), unit: '×', target: TARGET_RATIO, better: 'higher' },
        { metric: 'speed-up team funnel (mean)', value: ratio(nFun, fun), unit: '×', target: TARGET_RATIO, better: 'higher' },
        { metric: 'speed-up company leaderboard (mean)', value: ratio(nBoardAll, boardAll), unit: '×', target: TARGET_RATIO, better: 'higher' },
        { metric: 'speed-up company funnel (mean)', value: ratio(nFunAll, funAll), unit: '×', target: TARGET_RATIO, better: 'higher' },
      );
      return out;
    } finally {
      await db.ds.destroy();
    }
  },
};

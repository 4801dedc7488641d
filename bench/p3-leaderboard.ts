// P3 — leaderboards and the funnel at 10 M follow-ups, 1 M opportunities, 500 reps on MariaDB (target p95 ≤ 50 ms),
// read from the rollups the domain maintains, against the naive GROUP BY over the raw tables in the same run
// (target ≥ 100× faster). The data set is generated inside MariaDB (bench/lib/p3-data.ts), the rollups built by the
// rebuild use case, and the whole kept between runs in a scratch database per scale.
import type { Benchmark, BenchOptions } from './registry.js';
import type { Measurement } from './lib/results.js';
import { summarize, timeCalls, timeLastPass } from './lib/stats.js';
import { openScratch, waitForQuiet } from './lib/mariadb.js';
import type { Db } from '../server/domain/shared/db.js';
import { withRead, withTx } from '../server/domain/shared/with-tx.js';
import { preparedRead } from '../server/domain/shared/prepared-read.js';
import { systemActor, type Actor } from '../server/domain/shared/actor.js';
import { Setting } from '../server/domain/settings/setting.entity.js';
import { generateP3, p3ShapeFor, type P3Shape } from './lib/p3-data.js';
import { leaderboard } from '../server/domain/leaderboard/leaderboard.js';
import { funnel } from '../server/domain/leaderboard/funnel.js';
import { rebuildRollups } from '../server/domain/leaderboard/rebuild-rollups.js';
import { installRollups } from '../server/domain/leaderboard/maintain-rollups.js';
import { keepBoards, stopKeepingBoards } from '../server/domain/leaderboard/board-cache.js';
import { METRICS, type Metric } from '../server/domain/leaderboard/contributions.js';
import { periodRange, type Period } from '../server/domain/leaderboard/period.js';
import { bucketOfDay, GRAIN_OF, localDay } from '../server/domain/leaderboard/buckets.js';

const BASE_DB = process.env.CHATCRM_BENCH_P3_DB ?? 'chatcrm_bench_p3';
const MARKER = 'bench.p3.data';
const DATA_VERSION = 2;
/** Set to 1 to time the rollup rebuild again on kept data (after a change to the rebuild). */
const REBUILD_AGAIN = process.env.CHATCRM_BENCH_P3_REBUILD === '1';
const SAMPLES = 400;
const TARGET_P95_MS = 50;
const TARGET_RATIO = 100;
const PERIODS: Period[] = ['day', 'week', 'month', 'quarter'];

interface Marker { version: number; scale: number; shape: P3Shape; generatedMs: number; rebuildMs: number; now: string }

async function readMarker(db: Db): Promise<Marker | null> {
  const row = await db.ds.getRepository(Setting).findOne({ where: { key: MARKER } }).catch(() => null);
  return (row?.value as Marker | undefined) ?? null;
}

async function timedRebuild(db: Db, log: (l: string) => void): Promise<number> {
  const started = Date.now();
  const stats = await withTx(db, systemActor('bench'), (c) => rebuildRollups(c));
  const ms = Date.now() - started;
  log(`rollups rebuilt in ${(ms / 1000).toFixed(1)} s: ${JSON.stringify(stats)}`);
  return ms;
}

async function prepare(opts: BenchOptions): Promise<{ db: Db; marker: Marker; generated: boolean }> {
  // One scratch database per scale, so a quick run at --scale=0.1 leaves the full-scale data in place.
  const DB_NAME = opts.scale === 1 ? BASE_DB : `${BASE_DB}_s${String(opts.scale).replace(/\W/g, '_')}`;
  let { db } = await openScratch(DB_NAME, opts.log);
  let marker = await readMarker(db);
  if (marker && marker.version === DATA_VERSION && marker.scale === opts.scale) {
    opts.log(`reusing ${DB_NAME} (scale ${opts.scale}: ${marker.shape.activities} follow-ups, ${marker.shape.opportunities} opportunities, ${marker.shape.reps} reps; generated in ${(marker.generatedMs / 1000).toFixed(1)} s, rollups rebuilt in ${(marker.rebuildMs / 1000).toFixed(1)} s)`);
    if (REBUILD_AGAIN) {
      marker = { ...marker, rebuildMs: await timedRebuild(db, opts.log) };
      await db.ds.getRepository(Setting).update({ key: MARKER }, { value: marker as never, updatedAt: new Date() });
    }
    return { db, marker, generated: false };
  }
  await db.ds.destroy();
  ({ db } = await openScratch(DB_NAME, opts.log, true));
  const shape = p3ShapeFor(opts.scale);
  const now = new Date();
  opts.log(`building ${DB_NAME}: ${JSON.stringify(shape)}`);
  const started = Date.now();
  await generateP3(db, shape, now, opts.log);
  const generatedMs = Date.now() - started;
  opts.log(`generated in ${(generatedMs / 1000).toFixed(1)} s; rebuilding rollups`);
  const rebuildMs = await timedRebuild(db, opts.log);
  marker = { version: DATA_VERSION, scale: opts.scale, shape, generatedMs, rebuildMs, now: now.toISOString() };
  await db.ds.getRepository(Setting).insert({ key: MARKER, value: marker as never, updatedAt: new Date() });
  return { db, marker, generated: true };
}

const NAIVE: Record<Metric, string> = {
  won_amount: `SELECT owner_id AS uid, SUM(amount_cents) AS v FROM opportunity WHERE status = 'won' AND closed_at >= ? AND closed_at < ? AND owner_id IN (%IDS%) GROUP BY owner_id`,
  payments: `SELECT owner_id AS uid, SUM(amount_cents) AS v FROM payment_credit WHERE received_at >= ? AND received_at < ? AND undone_at IS NULL AND owner_id IN (%IDS%) GROUP BY owner_id`,
  new_customers: `SELECT created_by_id AS uid, COUNT(*) AS v FROM customer WHERE created_at >= ? AND created_at < ? AND created_by_id IN (%IDS%) GROUP BY created_by_id`,
  followups: `SELECT author_id AS uid, COUNT(*) AS v FROM activity WHERE occurred_at >= ? AND occurred_at < ? AND author_id IN (%IDS%) GROUP BY author_id`,
};

/** The board the way the code did before rollups: the team's people, then GROUP BY over the raw table. */
async function naiveBoard(db: Db, metric: Metric, period: Period, teamId: number | null): Promise<Map<number, number>> {
  const users: { id: number }[] = await db.ds.query(`SELECT id FROM \`user\` WHERE active = 1 AND role IN ('rep', 'manager')${teamId ? ' AND team_id = ?' : ''}`, teamId ? [teamId] : []);
  const range = periodRange(period, db.clock.now(), 'Asia/Shanghai');
  const rows: { uid: number; v: string | number }[] = await db.ds.query(NAIVE[metric].replace('%IDS%', users.map((u) => Number(u.id)).join(',')), [range.start, range.end]);
  return new Map(rows.map((r) => [Number(r.uid), Number(r.v)]).filter(([, v]) => v !== 0) as [number, number][]);
}

/** Boards (every metric × period for a few teams, and company-wide) that equal the naive GROUP BY, as a share. */
async function boardsEqualNaive(db: Db, admin: Actor, teams: number[]): Promise<{ share: number; wrong: string[]; ranked: number }> {
  const wrong: string[] = [];
  let n = 0;
  let ranked = 0;
  for (const teamId of [...teams.slice(0, 4), null]) {
    for (const metric of METRICS) {
      for (const period of PERIODS) {
        n++;
        const board = await withTx(db, admin, (c) => leaderboard(c, { metric, period, teamId, audience: 'team' }));
        const naive = await naiveBoard(db, metric, period, teamId);
        const ours = new Map(board.rows.map((r) => [r.userId, r.value]));
        ranked += ours.size;
        const same = ours.size === naive.size && [...naive].every(([u, v]) => ours.get(u) === v);
        if (!same) wrong.push(`${teamId ?? 'all'}/${metric}/${period}`);
      }
    }
  }
  return { share: (n - wrong.length) / n, wrong, ranked };
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
    // Right after a load or rebuild, InnoDB's purge and flushing would be timed along with the first calls.
    if (generated || REBUILD_AGAIN) await waitForQuiet(db, opts.log);
    // Boards for "this day/week" are read at the instant the data was generated, whenever the run happens.
    db.clock = { now: () => new Date(marker.now) };
    installRollups(db);
    try {
      const out: Measurement[] = [];
      if (generated || REBUILD_AGAIN) out.push({ metric: 'data generation', value: marker.generatedMs / 1000, unit: 's' }, { metric: 'rollup rebuild', value: marker.rebuildMs / 1000, unit: 's' });
      const teams = ((await db.ds.query('SELECT id FROM team WHERE parent_id = 1 ORDER BY id')) as { id: number }[]).map((t) => Number(t.id));
      const admin: Actor = { userId: 1, role: 'admin', teamId: null, locale: 'zh-CN', channel: 'bot' };
      const pick = (i: number) => ({ teamId: teams[i % teams.length], metric: METRICS[i % 4], period: PERIODS[Math.floor(i / 4) % 4] });

      // Boards and funnels as GET /api/v1/leaderboard and /funnel serve them (read-only use cases, no transaction), and
      // the team board as a group card inside the chat turn's transaction (BEGIN and COMMIT are the turn's, counted here).
      // A team's board as the server runs: kept in memory (board-cache.ts), its stamps read at most once a second (here
      // the clock stands still: once per team); then with its stamps read on every board; then computed every time
      // from the rollups (one statement), as before boards were kept.
      const board = summarize(await timeLastPass(SAMPLES, (i) => withRead(db, admin, (c) => leaderboard(c, pick(i)))));
      keepBoards(db, 0);
      const boardChecked = summarize(await timeLastPass(SAMPLES, (i) => withRead(db, admin, (c) => leaderboard(c, pick(i)))));
      stopKeepingBoards(db);
      const boardComputed = summarize(await timeLastPass(SAMPLES, (i) => withRead(db, admin, (c) => leaderboard(c, pick(i)))));
      keepBoards(db);
      const boardInTx = summarize(await timeLastPass(SAMPLES, (i) => withTx(db, admin, (c) => leaderboard(c, { ...pick(i), audience: 'team' }))));
      const fun = summarize(await timeLastPass(SAMPLES, (i) => withRead(db, admin, (c) => funnel(c, { teamId: pick(i).teamId }))));
      const boardAll = summarize(await timeLastPass(SAMPLES / 4, (i) => withRead(db, admin, (c) => leaderboard(c, { ...pick(i), teamId: null }))));
      const funAll = summarize(await timeLastPass(SAMPLES / 4, () => withRead(db, admin, (c) => funnel(c, { teamId: null }))));
      opts.log(line('team leaderboard (kept)', board));
      opts.log(line('team board, stamps read every time', boardChecked));
      opts.log(line('team board computed (rollups)', boardComputed));
      opts.log(line('team board in a transaction', boardInTx));
      opts.log(line('team funnel (rollups)', fun));
      opts.log(line('company leaderboard (rollups)', boardAll));
      opts.log(line('company funnel (rollups)', funAll));

      const naiveN = Math.max(16, Math.round(64 / Math.max(1, opts.scale * 4)));
      const nBoard = summarize(await timeLastPass(naiveN, (i) => { const p = pick(i); return naiveBoard(db, p.metric, p.period, p.teamId); }));
      const nFun = summarize(await timeLastPass(naiveN, (i) => naiveFunnel(db, pick(i).teamId)));
      // Every metric × period once (i = 0..15), as the rollup side cycles through them all.
      const nBoardAll = summarize(await timeLastPass(16, (i) => { const p = pick(i); return naiveBoard(db, p.metric, p.period, null); }));
      const nFunAll = summarize(await timeCalls(4, () => naiveFunnel(db, null), 1));
      opts.log(line('team leaderboard (naive GROUP BY)', nBoard));
      opts.log(line('team funnel (naive GROUP BY)', nFun));
      opts.log(line('company leaderboard (naive)', nBoardAll));
      opts.log(line('company funnel (naive)', nFunAll));
      // The floor of any board that reads the database per call: the one indexed read of the rollup, alone (no
      // transaction, members known in advance), prepared as the board's statement is (prepared-read.ts). What the team
      // board's speed-up could be at best.
      const members = new Map<number, number[]>();
      for (const t of teams) members.set(t, ((await db.ds.query(`SELECT id FROM \`user\` WHERE active = 1 AND role IN ('rep', 'manager') AND team_id = ?`, [t])) as { id: number }[]).map((u) => Number(u.id)));
      const floor = summarize(await timeLastPass(SAMPLES, (i) => {
        const p = pick(i);
        const ids = members.get(p.teamId)!;
        const range = periodRange(p.period, db.clock.now(), 'Asia/Shanghai');
        const bucket = bucketOfDay(GRAIN_OF[p.period], localDay(range.start, 'Asia/Shanghai'));
        return withRead(db, admin, (c) => preparedRead(c, `SELECT user_id AS u, total AS v FROM metric_rollup WHERE metric = ? AND grain = ? AND bucket = ? AND user_id IN (${ids.map(() => '?').join(',')})`, [p.metric, GRAIN_OF[p.period], bucket, ...ids]));
      }));
      opts.log(line('one rollup read alone (floor)', floor));
      // Below that: a round trip that reads nothing. No board that asks the database anything can beat it.
      const roundTrip = summarize(await timeLastPass(SAMPLES, () => withRead(db, admin, (c) => preparedRead(c, 'SELECT 1', []))));
      opts.log(line('a bare round trip (SELECT 1)', roundTrip));
      opts.log(`team board speed-up at that floor: ${(nBoard.mean / floor.mean).toFixed(1)}×, at a bare round trip ${(nBoard.mean / roundTrip.mean).toFixed(1)}× (naive mean ${nBoard.mean.toFixed(2)} ms, floor mean ${floor.mean.toFixed(3)} ms, round trip mean ${roundTrip.mean.toFixed(3)} ms, board mean: kept ${board.mean.toFixed(3)} ms, stamps read every time ${boardChecked.mean.toFixed(3)} ms, computed ${boardComputed.mean.toFixed(3)} ms, in a transaction ${boardInTx.mean.toFixed(3)} ms)`);
      const equal = await boardsEqualNaive(db, admin, teams);
      opts.log(`boards equal to the naive GROUP BY: ${(equal.share * 100).toFixed(1)} % (${equal.ranked} ranked rows compared)${equal.wrong.length ? ` (differ: ${equal.wrong.join(', ')})` : ''}`);
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
        { metric: 'boards equal to the naive GROUP BY (4 teams and everyone × 4 metrics × 4 periods)', value: equal.share, unit: 'share', target: 1, better: 'higher' },
        { metric: 'team board speed-up at the one-read floor (mean)', value: nBoard.mean / floor.mean, unit: '×' },
        { metric: 'team board speed-up if it cost one bare round trip (SELECT 1; mean)', value: nBoard.mean / roundTrip.mean, unit: '×' },
        { metric: 'speed-up team leaderboard (mean)', value: ratio(nBoard, board), unit: '×', target: TARGET_RATIO, better: 'higher' },
        { metric: 'speed-up team board, its stamps read every time (mean)', value: ratio(nBoard, boardChecked), unit: '×' },
        { metric: 'speed-up team board computed every time (mean)', value: ratio(nBoard, boardComputed), unit: '×' },
        { metric: 'team board computed p95', value: boardComputed.p95, unit: 'ms', target: TARGET_P95_MS },
        { metric: 'speed-up team board inside a transaction (group card; mean)', value: ratio(nBoard, boardInTx), unit: '×' },
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

// Leaderboards, funnel and forecast from the rollups equal the naive GROUP BY over the raw tables, for every metric,
// period and team, after thousands of random changes (creates, stage moves, wins, amount edits, deletes, receipts,
// region moves); a rebuild reproduces the maintained rollups exactly; hidden amounts keep ranks only. Year boards (the
// year's quarter buckets added up) across New Year's midnight, in the company's zone and in UTC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TARGETS, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { withRead, withTx, type DomainContext } from '../../../server/domain/shared/with-tx.js';
import { installRollups } from '../../../server/domain/leaderboard/maintain-rollups.js';
import { leaderboard, leaderboardOrPrevious, PREVIOUS_LEADERS } from '../../../server/domain/leaderboard/leaderboard.js';
import { funnel } from '../../../server/domain/leaderboard/funnel.js';
import { rebuildRollups } from '../../../server/domain/leaderboard/rebuild-rollups.js';
import { METRICS } from '../../../server/domain/leaderboard/contributions.js';
import type { Period } from '../../../server/domain/leaderboard/period.js';
import { DEFAULT_SETTINGS, putSetting } from '../../../server/domain/settings/settings.js';
import { systemActor, type Actor } from '../../../server/domain/shared/actor.js';
import { activityAt, actorOf, naiveBoard, naiveFunnel, randomActivity } from './ground-truth.js';
import { TestClock } from '../../helpers/clock.js';
import { createTeam } from '../../../server/domain/user/create-team.js';
import { updateTeam } from '../../../server/domain/user/update-team.js';
import { deleteTeam } from '../../../server/domain/user/delete-team.js';
import { updateUser } from '../../../server/domain/user/update-user.js';

const PERIODS: Period[] = ['day', 'week', 'month', 'quarter', 'year'];

// Every call on the context's entity manager is a statement (a query builder is one when run); on MariaDB a board's
// prepared statement is run by the pool (prepared-read.ts), counted there.
const counted = (c: DomainContext, calls: string[]): DomainContext => ({
  ...c, tx: new Proxy(c.tx, { get: (tx, key, self) => {
    const v = Reflect.get(tx, key, self);
    return typeof v === 'function' ? (...args: unknown[]) => { calls.push(String(key)); return v.apply(tx, args); } : v;
  } }),
});
/** A read-only use case, the statements it ran pushed to `calls`. */
async function readCounting<T>(t: TestDb, actor: Actor, fn: (c: DomainContext) => Promise<T>, calls: string[]): Promise<T> {
  const pool = t.db.kind === 'sqlite' ? null : (t.db.ds.driver as unknown as { pool: { execute: (...a: unknown[]) => unknown } }).pool;
  const execute = pool?.execute;
  if (pool) pool.execute = (...a: unknown[]) => { calls.push('execute'); return execute!.apply(pool, a); };
  try {
    return await withRead(t.db, actor, (c) => fn(counted(c, calls)));
  } finally {
    if (pool) pool.execute = execute!;
  }
}
/** How one statement shows in `calls`. */
const statementName = (t: TestDb) => (t.db.kind === 'sqlite' ? 'query' : 'execute');


const OPS = Number(process.env.CHATCRM_LB_OPS ?? 3000);

describe.each(TARGETS)('leaderboard rollups (%s)', (target) => {
  let t: TestDb;
  let org: Org;
  let counts: Record<string, number>;
  const probabilities = Object.fromEntries(DEFAULT_SETTINGS.stages.map((s) => [s.key, s.probability]));

  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    installRollups(t.db);
    counts = await randomActivity(t.db, t.clock, org, OPS);
  }, 600_000);
  afterAll(async () => { await t?.close(); });

  const snapshot = async () => ({
    metric: await t.db.ds.query('SELECT metric, grain, bucket, user_id, total FROM metric_rollup WHERE total <> 0 ORDER BY metric, grain, bucket, user_id'),
    pipe: await t.db.ds.query('SELECT owner_id, kind, bucket, stage, n, amount_cents FROM pipeline_rollup WHERE n <> 0 OR amount_cents <> 0 ORDER BY owner_id, kind, bucket, stage'),
  });
  const plain = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v])));

  async function checkBoards(): Promise<number> {
    let compared = 0;
    for (const teamId of [org.teams.east, org.teams.west, org.teams.sales, null]) {
      for (const metric of METRICS) {
        for (const period of PERIODS) {
          for (const offset of [0, -1]) {
            const board = await withTx(t.db, actorOf(org.users.admin), (c) => leaderboard(c, { metric, period, offset, teamId }));
            const truth = await naiveBoard(t.db, metric, period, offset, teamId, t.clock.now());
            expect(board.rows.map((r) => ({ rank: r.rank, userId: r.userId, value: r.value })), `${metric} ${period} ${offset} team ${teamId}`).toEqual(truth);
            compared += truth.length;
          }
        }
      }
    }
    return compared;
  }

  async function checkFunnels(): Promise<void> {
    for (const teamId of [org.teams.east, org.teams.west, org.teams.sales, null]) {
      const f = await withTx(t.db, actorOf(org.users.admin), (c) => funnel(c, { teamId }));
      const truth = await naiveFunnel(t.db, teamId, probabilities);
      for (const [i, s] of f.stages.entries()) {
        expect({ count: s.count, amountCents: s.amountCents }, `open ${s.key} team ${teamId}`).toEqual(truth.open[s.key] ?? { count: 0, amountCents: 0 });
        expect(s.entered, `entered ${s.key}`).toBe(truth.entered[s.key] ?? 0);
        const prev = i > 0 ? truth.entered[f.stages[i - 1].key] ?? 0 : 0;
        expect(s.conversion).toBe(i === 0 || prev === 0 ? null : (truth.entered[s.key] ?? 0) / prev);
      }
      expect(f.won.entered).toBe(truth.entered.won ?? 0);
      expect(f.forecastCents).toBe(truth.forecastCents);
      expect(Object.fromEntries(f.forecastByMonth.map((m) => [m.key, { count: m.count, amountCents: m.amountCents, weightedCents: m.weightedCents }]))).toEqual(truth.months);
      expect(Object.fromEntries(f.byRegion.map((m) => [m.key, { count: m.count, amountCents: m.amountCents, weightedCents: m.weightedCents }]))).toEqual(truth.regions);
    }
  }

  it('the random history exercised every kind of change', () => {
    for (const k of ['customer', 'followup', 'opportunity', 'move_stage', 'move_won', 'move_lost', 'opp_amount', 'delete_followup', 'customer_region', 'payment', 'undo_receipt', 'payment_owner']) {
      expect(counts[k], k).toBeGreaterThan(0);
    }
  });

  it('every metric, period (current and previous) and team equals the naive GROUP BY', async () => {
    expect(await checkBoards()).toBeGreaterThan(100);
  }, 300_000);

  it('funnel, conversion, forecast by month and regions equal plain SQL', async () => {
    await checkFunnels();
  }, 120_000);

  it('a rebuild from the raw tables reproduces the maintained rollups exactly', async () => {
    const before = await snapshot();
    const stats = await withTx(t.db, systemActor('rebuild'), (c) => rebuildRollups(c));
    expect(stats.metricRows).toBeGreaterThan(0);
    const after = await snapshot();
    expect(plain(after.metric)).toEqual(plain(before.metric));
    expect(plain(after.pipe)).toEqual(plain(before.pipe));
    await checkFunnels();
  }, 300_000);

  it('a group card for a team some member may not see amounts of shows ranks without amounts', async () => {
    await withTx(t.db, systemActor(), (c) => putSetting(c, 'fieldRules', [{ object: 'opportunity', field: 'amountCents', hiddenFor: ['rep'], exceptWhen: 'team' }]));
    const ask = (teamId: number, metric: 'won_amount' | 'followups') =>
      withTx(t.db, actorOf(org.users.director), (c) => leaderboard(c, { metric, period: 'quarter', offset: 0, teamId, audience: 'team' }));
    // East reps see each other's deals (same team): amounts stay.
    const east = await ask(org.teams.east, 'won_amount');
    expect(east.amountsHidden).toBe(false);
    // The whole department: an east rep may not see west's amounts, so nobody gets them; the ranks are the true ones.
    const sales = await ask(org.teams.sales, 'won_amount');
    const truth = await naiveBoard(t.db, 'won_amount', 'quarter', 0, org.teams.sales, t.clock.now());
    expect(sales.amountsHidden).toBe(true);
    expect(sales.rows.map((r) => [r.rank, r.userId, r.value])).toEqual(truth.map((r) => [r.rank, r.userId, 0]));
    // Counts are not amounts.
    expect((await ask(org.teams.sales, 'followups')).amountsHidden).toBe(false);
    const f = await withTx(t.db, actorOf(org.users.director), (c) => funnel(c, { teamId: org.teams.sales, audience: 'team' }));
    expect(f.amountsHidden).toBe(true);
    expect(f.forecastCents).toBe(0);
    expect(f.stages.every((s) => s.amountCents === 0)).toBe(true);
    expect(f.stages.some((s) => s.count > 0)).toBe(true);
    await withTx(t.db, systemActor(), (c) => putSetting(c, 'fieldRules', DEFAULT_SETTINGS.fieldRules));
  });
  it('a team board and funnel read outside a transaction equal the ones inside, and such a read cannot write', async () => {
    for (const metric of METRICS) {
      const ask = { metric, period: 'month' as const, teamId: org.teams.sales, audience: 'team' as const };
      const inTx = await withTx(t.db, actorOf(org.users.director), (c) => leaderboard(c, ask));
      expect(await withRead(t.db, actorOf(org.users.director), (c) => leaderboard(c, ask))).toEqual(inTx);
    }
    const funnelInTx = await withTx(t.db, actorOf(org.users.director), (c) => funnel(c, { teamId: org.teams.sales }));
    expect(await withRead(t.db, actorOf(org.users.director), (c) => funnel(c, { teamId: org.teams.sales }))).toEqual(funnelInTx);
    await expect(withRead(t.db, actorOf(org.users.admin), async (c) => c.outbox.push({} as never))).rejects.toThrow(/read-only/);
    await expect(withRead(t.db, actorOf(org.users.admin), async (c) => c.emit({ type: 'x', entity: 'y', id: 1 }))).rejects.toThrow(/read-only/);
  });

  const statementsOf = <T>(fn: (c: DomainContext) => Promise<T>, calls: string[] = []) => readCounting(t, actorOf(org.users.director), fn, calls);
  const STATEMENT = target === 'sqlite' ? 'query' : 'execute';

  it('a team\'s funnel and the company\'s board each read the database once, a team\'s board computed once more for its stamps, with the company\'s own stages and field rules', async () => {
    const stages = DEFAULT_SETTINGS.stages.map((s, i) => (i === 1 ? { ...s, probability: 55 } : s));
    // Once read, a team's sub-teams are assumed and checked in the same statement (team-read.ts): read them first.
    await statementsOf((c) => funnel(c, { teamId: org.teams.east, audience: 'team' }));
    await statementsOf((c) => leaderboard(c, { metric: 'won_amount', period: 'quarter', teamId: org.teams.sales, audience: 'team' }));
    await withTx(t.db, systemActor(), async (c) => {
      await putSetting(c, 'stages', stages);
      await putSetting(c, 'fieldRules', [{ object: 'opportunity', field: 'amountCents', hiddenFor: ['rep'], exceptWhen: 'team' }]);
    });
    try {
      const calls: string[] = [];
      const f = await statementsOf((c) => funnel(c, { teamId: org.teams.east, audience: 'team' }), calls);
      expect(calls).toEqual([STATEMENT]);
      expect(f.stages.map((s) => s.probability)).toEqual(stages.map((s) => s.probability));
      expect(f.amountsHidden).toBe(false);
      expect(f.forecastCents).toBe((await naiveFunnel(t.db, org.teams.east, Object.fromEntries(stages.map((s) => [s.key, s.probability])))).forecastCents);
      calls.length = 0;
      // The field rules changed since: computed again, its teams' stamps (board-stamps.ts), then the one statement. Read
      // again: kept (board-cache.ts), and
      // the stamps just read are trusted for a second (the test clock stands still).
      const board = await statementsOf((c) => leaderboard(c, { metric: 'won_amount', period: 'quarter', teamId: org.teams.sales, audience: 'team' }), calls);
      expect(calls).toEqual([STATEMENT, STATEMENT]);
      expect(board.amountsHidden).toBe(true);
      calls.length = 0;
      expect(await statementsOf((c) => leaderboard(c, { metric: 'won_amount', period: 'quarter', teamId: org.teams.sales, audience: 'team' }), calls)).toEqual(board);
      expect(calls).toEqual([]);
      calls.length = 0;
      const everyone = await statementsOf((c) => leaderboard(c, { metric: 'won_amount', period: 'quarter', teamId: null }), calls);
      expect(calls).toEqual([STATEMENT]);
      expect(everyone.amountsHidden).toBe(false);
      expect(everyone.rows.map((r) => ({ rank: r.rank, userId: r.userId, value: r.value })))
        .toEqual(await naiveBoard(t.db, 'won_amount', 'quarter', 0, null, t.clock.now(), DEFAULT_SETTINGS.timeZone));
    } finally {
      await withTx(t.db, systemActor(), async (c) => {
        await putSetting(c, 'stages', DEFAULT_SETTINGS.stages);
        await putSetting(c, 'fieldRules', DEFAULT_SETTINGS.fieldRules);
      });
    }
  });

  it('a team\'s board follows a sub-team added, moved or removed since its last read (the sub-teams assumed are checked)', async () => {
    const board = (teamId: number) => statementsOf((c) => leaderboard(c, { metric: 'followups', period: 'quarter', teamId }));
    const truth = (teamId: number) => naiveBoard(t.db, 'followups', 'quarter', 0, teamId, t.clock.now());
    const same = async (teamId: number, label: string) =>
      expect((await board(teamId)).rows.map((r) => ({ rank: r.rank, userId: r.userId, value: r.value })), label).toEqual(await truth(teamId));
    const admin = <T>(fn: (c: DomainContext) => Promise<T>) => withTx(t.db, actorOf(org.users.admin), fn);
    for (const id of [org.teams.sales, org.teams.east, org.teams.west]) await same(id, 'before');
    // West's leader this quarter (random data: someone has follow-ups), moved into a new team under east. The boards
    // kept are computed again (the change stamped every board), and their statement finds its assumed sub-teams stale.
    const rep = { id: (await truth(org.teams.west))[0].userId };
    const north = await admin((c) => createTeam(c, { name: '北区', parentId: org.teams.east }));
    await admin((c) => updateUser(c, rep.id, { teamId: north.id }));
    try {
      for (const id of [org.teams.sales, org.teams.east, org.teams.west]) await same(id, 'a sub-team added under east, with a rep from west');
      expect((await board(org.teams.east)).rows.some((r) => r.userId === rep.id)).toBe(true);
      // Read again: kept, and its stamps trusted (the test clock stands still): nothing read.
      const calls: string[] = [];
      await statementsOf((c) => leaderboard(c, { metric: 'followups', period: 'quarter', teamId: org.teams.east }), calls);
      expect(calls).toEqual([]);
      await admin((c) => updateTeam(c, north.id, { parentId: org.teams.west }));
      for (const id of [org.teams.sales, org.teams.east, org.teams.west]) await same(id, 'the sub-team moved under west');
      expect((await board(org.teams.east)).rows.some((r) => r.userId === rep.id)).toBe(false);
    } finally {
      await admin((c) => updateUser(c, rep.id, { teamId: org.teams.west }));
      await admin((c) => deleteTeam(c, north.id));
    }
    for (const id of [org.teams.sales, org.teams.east, org.teams.west]) await same(id, 'the sub-team removed');
  });

  it('after the company time zone changes (and the rollups are rebuilt), boards read the new zone\'s buckets at once', async () => {
    const zone = 'America/Los_Angeles';
    await withTx(t.db, systemActor(), async (c) => { await putSetting(c, 'timeZone', zone); await rebuildRollups(c); });
    try {
      for (const teamId of [null, org.teams.east, org.teams.sales]) {
        for (const period of PERIODS) {
          // The previous reads left the old zone as the one to assume: the board (everyone's first) must notice and read again.
          const board = await withRead(t.db, actorOf(org.users.admin), (c) => leaderboard(c, { metric: 'followups', period, teamId, audience: 'team' }));
          expect(board.rows.map((r) => ({ rank: r.rank, userId: r.userId, value: r.value })), `${period} team ${teamId}`)
            .toEqual(await naiveBoard(t.db, 'followups', period, 0, teamId, t.clock.now(), zone));
        }
      }
    } finally {
      await withTx(t.db, systemActor(), async (c) => { await putSetting(c, 'timeZone', DEFAULT_SETTINGS.timeZone); await rebuildRollups(c); });
    }
  }, 300_000);
});

describe.each(TARGETS)('year boards across New Year (%s)', (target) => {
  let t: TestDb;
  let org: Org;
  // Late January 2027: the random history runs from mid-November 2026, through December and January.
  const now = new Date('2027-01-25T02:00:00Z');
  // Around New Year's midnight in Shanghai (16:00 UTC on the 31st) and in UTC: 2026 in both, 2027 in Shanghai only
  // (the first two seconds of its 2027 and the last of UTC's 2026), 2027 in both.
  const INSTANTS = ['2026-12-31T15:59:59Z', '2026-12-31T16:00:00Z', '2026-12-31T16:00:01Z', '2026-12-31T23:59:59Z', '2027-01-01T00:00:00Z'].map((s) => new Date(s));
  const TEAMS = () => [org.teams.east, org.teams.west, org.teams.sales, null];

  beforeAll(async () => {
    t = await openTestDb(target, new TestClock(now));
    org = await seedOrg(t.db);
    installRollups(t.db);
    await randomActivity(t.db, t.clock, org, Math.round(OPS / 5), 70, 11);
    await activityAt(t.db, t.clock, org, INSTANTS);
  }, 600_000);
  afterAll(async () => { await t?.close(); });

  async function checkYears(zone: string): Promise<number> {
    let compared = 0;
    for (const teamId of TEAMS()) {
      for (const metric of METRICS) {
        for (const period of ['year', 'quarter', 'month'] as Period[]) {
          for (const offset of [0, -1]) {
            const board = await withRead(t.db, actorOf(org.users.admin), (c) => leaderboard(c, { metric, period, offset, teamId }));
            const truth = await naiveBoard(t.db, metric, period, offset, teamId, t.clock.now(), zone);
            expect(board.rows.map((r) => ({ rank: r.rank, userId: r.userId, value: r.value })), `${zone} ${metric} ${period} ${offset} team ${teamId}`).toEqual(truth);
            if (period === 'year') expect(board.periodLabel).toBe(offset === 0 ? '2027' : '2026');
            compared += truth.length;
          }
        }
      }
    }
    return compared;
  }

  it('this year\'s and last year\'s boards equal the naive GROUP BY in the company\'s zone, for every metric and team', async () => {
    expect(await checkYears('Asia/Shanghai')).toBeGreaterThan(100);
    // The records around midnight really fall in different years in Shanghai and in UTC.
    for (const metric of METRICS) {
      expect(await naiveBoard(t.db, metric, 'year', 0, null, now, 'Asia/Shanghai'), metric).not.toEqual(await naiveBoard(t.db, metric, 'year', 0, null, now, 'UTC'));
    }
  }, 300_000);

  it('a team\'s year board and everyone\'s are each one statement', async () => {
    for (const teamId of [org.teams.sales, null]) {
      const calls: string[] = [];
      const board = await readCounting(t, actorOf(org.users.director), (c) => leaderboard(c, { metric: 'payments', period: 'year', teamId, audience: 'team' }), calls);
      expect(calls, `team ${teamId}`).toEqual([statementName(t)]);
      expect(board.rows.length).toBeGreaterThan(0);
    }
  });

  it('in UTC (after a rebuild) the year boards move the records of New Year\'s eve back to last year', async () => {
    await withTx(t.db, systemActor(), async (c) => { await putSetting(c, 'timeZone', 'UTC'); await rebuildRollups(c); });
    try {
      expect(await checkYears('UTC')).toBeGreaterThan(100);
    } finally {
      await withTx(t.db, systemActor(), async (c) => { await putSetting(c, 'timeZone', DEFAULT_SETTINGS.timeZone); await rebuildRollups(c); });
    }
    expect(await checkYears('Asia/Shanghai')).toBeGreaterThan(100);
  }, 300_000);

  it('a year with nothing yet shows the previous year\'s leaders beside its empty board', async () => {
    // March 2028: nothing recorded in 2028, so the board says who led 2027.
    const later = new Date('2028-03-01T02:00:00Z');
    for (const teamId of TEAMS()) {
      const board = await withRead(t.db, actorOf(org.users.admin), (c) => leaderboardOrPrevious({ ...c, now: later }, { metric: 'won_amount', period: 'year', teamId }));
      expect(board).toMatchObject({ periodLabel: '2028', rows: [], offset: 0 });
      const truth = await naiveBoard(t.db, 'won_amount', 'year', 0, teamId, now);
      expect(board.previous?.periodLabel, `team ${teamId}`).toBe('2027');
      expect(board.previous?.rows.map((r) => ({ rank: r.rank, userId: r.userId, value: r.value }))).toEqual(truth.slice(0, PREVIOUS_LEADERS));
    }
  });
});

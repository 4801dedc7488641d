// Team boards kept in memory (board-cache.ts) are never a stale answer: after any change a board shows — follow-ups,
// wins, money, people, teams, field rules — made by this server instance, the next read shows it; made by another
// instance, a read a second later does; written past the domain straight into the tables, after five minutes or a
// rebuild. A transaction that changed something neither reads a kept board nor leaves one behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TARGETS, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { MINUTE } from '../../helpers/clock.js';
import { withRead, withTx, type DomainContext } from '../../../server/domain/shared/with-tx.js';
import { systemActor, type Actor } from '../../../server/domain/shared/actor.js';
import { makeDb, type Db } from '../../../server/domain/shared/db.js';
import { createDataSource } from '../../../server/db/data-source.js';
import { installRollups } from '../../../server/domain/leaderboard/maintain-rollups.js';
import { leaderboard, type BoardQuery } from '../../../server/domain/leaderboard/leaderboard.js';
import { rebuildRollups } from '../../../server/domain/leaderboard/rebuild-rollups.js';
import { KEPT_AT_MOST_MS, STAMPS_TRUSTED_MS } from '../../../server/domain/leaderboard/board-cache.js';
import { METRICS } from '../../../server/domain/leaderboard/contributions.js';
import type { Period } from '../../../server/domain/leaderboard/period.js';
import { logFollowUp } from '../../../server/domain/activity/log-follow-up.js';
import { createRecord } from '../../../server/domain/shared/records.js';
import { customerObject } from '../../../server/domain/customer/customer.object.js';
import { updateUser } from '../../../server/domain/user/update-user.js';
import { deactivateUser } from '../../../server/domain/user/deactivate-user.js';
import { updateSetting } from '../../../server/domain/settings/update-setting.js';
import { DEFAULT_SETTINGS } from '../../../server/domain/settings/settings.js';
import { User } from '../../../server/domain/user/user.entity.js';
import { actorOf, naiveBoard, randomActivity } from './ground-truth.js';

const ROUNDS = Number(process.env.CHATCRM_KEPT_ROUNDS ?? 30);

describe.each(TARGETS)('team boards kept in memory (%s)', (target) => {
  let t: TestDb;
  let org: Org;
  let other: Db;
  const admin = () => actorOf(org.users.admin);
  const read = (q: BoardQuery, actor: Actor = admin(), db: Db = t.db) => withRead(db, actor, (c) => leaderboard(c, q));
  const as = <T>(actor: Actor, fn: (c: DomainContext) => Promise<T>, db: Db = t.db) => withTx(db, actor, fn);
  const plain = (rows: { rank: number; userId: number; value: number }[]) => rows.map((r) => ({ rank: r.rank, userId: r.userId, value: r.value }));
  const followUps = async (userId: number, db: Db = t.db) =>
    (await read({ metric: 'followups', period: 'day', teamId: org.teams.east }, admin(), db)).rows.find((r) => r.userId === userId)?.value ?? 0;
  let customerOfA: number;

  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    installRollups(t.db);
    // A second server instance on the same database, with its own memory (and the same test clock).
    other = makeDb(await createDataSource(t.url), t.url, t.clock);
    installRollups(other);
    customerOfA = (await as(actorOf(org.users.repA), (c) => createRecord(c, customerObject, { name: '留存测试有限公司', level: 'B' }))).id;
  }, 120_000);
  afterAll(async () => { await other?.ds.destroy(); await t?.close(); });

  const logFor = (db: Db) => as(actorOf(org.users.repA), (c) => logFollowUp(c, { customerId: customerOfA, type: 'call', content: '回访' }), db);

  it('after every change of a random history, each team board read (and read again, kept) equals the naive GROUP BY', async () => {
    const periods: Period[] = ['day', 'week', 'month', 'quarter', 'year'];
    let compared = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await randomActivity(t.db, t.clock, org, 12, 20, 100 + round);
      for (const teamId of [org.teams.sales, org.teams.east, org.teams.west]) {
        for (const metric of METRICS) {
          const period = periods[(round + metric.length) % periods.length];
          const truth = await naiveBoard(t.db, metric, period, 0, teamId, t.clock.now());
          for (let again = 0; again < 2; again++) {
            expect(plain((await read({ metric, period, teamId, audience: 'team' })).rows), `round ${round} ${metric} ${period} team ${teamId} read ${again + 1}`).toEqual(truth);
          }
          compared += truth.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(ROUNDS * 10);
  }, 600_000);

  it('a follow-up logged on this instance shows on its very next read', async () => {
    const before = await followUps(org.users.repA.id);
    expect(await followUps(org.users.repA.id)).toBe(before);
    await logFor(t.db);
    expect(await followUps(org.users.repA.id)).toBe(before + 1);
  });

  it('a follow-up logged on another instance shows on this one within a second', async () => {
    const before = await followUps(org.users.repA.id);
    await followUps(org.users.repA.id, other);
    await logFor(other);
    // The other instance's own next read has it at once; this one trusts the stamps it read for up to a second.
    expect(await followUps(org.users.repA.id, other)).toBe(before + 1);
    t.clock.advance(STAMPS_TRUSTED_MS);
    expect(await followUps(org.users.repA.id)).toBe(before + 1);
  });

  it('a rename, a move to another team and a deactivation show on the next read', async () => {
    const east = (): Promise<{ userId: number; name: string }[]> => read({ metric: 'followups', period: 'day', teamId: org.teams.east }).then((b) => b.rows);
    const west = (): Promise<{ userId: number; name: string }[]> => read({ metric: 'followups', period: 'day', teamId: org.teams.west }).then((b) => b.rows);
    const repA = org.users.repA.id;
    expect((await east()).find((r) => r.userId === repA)?.name).toBe('张三');
    await east();
    await as(admin(), (c) => updateUser(c, repA, { name: '张三丰' }));
    expect((await east()).find((r) => r.userId === repA)?.name).toBe('张三丰');
    await west();
    await as(admin(), (c) => updateUser(c, repA, { teamId: org.teams.west }));
    expect((await east()).some((r) => r.userId === repA)).toBe(false);
    expect((await west()).some((r) => r.userId === repA)).toBe(true);
    await as(admin(), (c) => updateUser(c, repA, { teamId: org.teams.east, name: '张三' }));
    expect((await east()).some((r) => r.userId === repA)).toBe(true);
    await as(admin(), (c) => deactivateUser(c, repA));
    expect((await east()).some((r) => r.userId === repA)).toBe(false);
    await as(admin(), (c) => updateUser(c, repA, { active: true }));
    expect((await east()).some((r) => r.userId === repA)).toBe(true);
  });

  it('amounts are kept per reader, and a new field rule hides them on the next read', async () => {
    const q: BoardQuery = { metric: 'won_amount', period: 'year', teamId: org.teams.east };
    const rep = actorOf(org.users.repB);
    expect((await read(q, rep)).amountsHidden).toBe(false);
    await read(q, rep);
    await as(admin(), (c) => updateSetting(c, 'fieldRules', [{ object: 'opportunity', field: 'amountCents', hiddenFor: ['rep'] }]));
    try {
      expect((await read(q, rep)).amountsHidden).toBe(true);
      // The director reads the same team's board: kept apart from the rep's, amounts shown.
      expect((await read(q, actorOf(org.users.director))).amountsHidden).toBe(false);
      expect((await read(q, rep)).amountsHidden).toBe(true);
      // A group card is read by the whole team, reps included.
      expect((await read({ ...q, audience: 'team' }, actorOf(org.users.director))).amountsHidden).toBe(true);
    } finally {
      await as(admin(), (c) => updateSetting(c, 'fieldRules', DEFAULT_SETTINGS.fieldRules));
    }
    expect((await read(q, rep)).amountsHidden).toBe(false);
  });

  it('a transaction that changed something reads its own change, and leaves nothing kept when it rolls back', async () => {
    const q: BoardQuery = { metric: 'followups', period: 'day', teamId: org.teams.east };
    const name = async () => (await read(q)).rows.find((r) => r.userId === org.users.repA.id)?.name;
    await logFor(t.db);
    expect(await name()).toBe('张三');
    await name();
    await expect(as(admin(), async (c) => {
      await updateUser(c, org.users.repA.id, { name: '张三丰' });
      const inside = await leaderboard(c, q);
      expect(inside.rows.find((r) => r.userId === org.users.repA.id)?.name).toBe('张三丰');
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await name()).toBe('张三');
  });

  it('a change written straight into the tables shows after five minutes, or at once after a rebuild', async () => {
    const q: BoardQuery = { metric: 'followups', period: 'month', teamId: org.teams.east };
    const name = async () => (await read(q)).rows.find((r) => r.userId === org.users.repA.id)?.name;
    await logFor(t.db);
    await name();
    expect(await name()).toBe('张三');
    await t.db.ds.getRepository(User).update(org.users.repA.id, { name: '张三（外部改名）' });
    try {
      // The domain was not told: kept, until it is too old to trust...
      expect(await name()).toBe('张三');
      t.clock.advance(KEPT_AT_MOST_MS);
      expect(await name()).toBe('张三（外部改名）');
      // ...or a rebuild, which stamps every board.
      await t.db.ds.getRepository(User).update(org.users.repA.id, { name: '张三' });
      expect(await name()).toBe('张三（外部改名）');
      await as(systemActor(), (c) => rebuildRollups(c));
      expect(await name()).toBe('张三');
    } finally {
      await t.db.ds.getRepository(User).update(org.users.repA.id, { name: '张三' });
      t.clock.advance(MINUTE);
    }
  });
});

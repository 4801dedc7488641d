// The domain refuses a team move that would make a cycle, but two moves racing in separate transactions can each pass
// that check. A cycle left that way must not hang a board or a funnel (a recursive walk that never ends).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TARGETS, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { withRead } from '../../../server/domain/shared/with-tx.js';
import { leaderboard } from '../../../server/domain/leaderboard/leaderboard.js';
import { funnel } from '../../../server/domain/leaderboard/funnel.js';
import { actorOf } from './ground-truth.js';

describe.each(TARGETS)('a cycle of teams (%s)', (target) => {
  let t: TestDb;
  let org: Org;
  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    // 销售部 → 销售一组 → 销售部: what two racing moves could leave behind.
    await t.db.ds.query('UPDATE team SET parent_id = ? WHERE id = ?', [org.teams.east, org.teams.sales]);
  });
  afterAll(async () => { await t?.close(); });

  it('a board and a funnel of a team in the cycle still answer, with each person once', async () => {
    const everyone = [org.users.director, org.users.mgrEast, org.users.mgrWest, org.users.repA, org.users.repB, org.users.repC].map((u) => u.id);
    for (const teamId of [org.teams.sales, org.teams.east]) {
      const board = await withRead(t.db, actorOf(org.users.admin), async (c) => {
        const b = await leaderboard(c, { metric: 'followups', period: 'month', teamId, audience: 'team' });
        return { b, members: (c.memo.get(`lb.team:${teamId}`) as { members: { id: number }[] }).members.map((m) => m.id) };
      });
      expect(board.b.rows).toEqual([]);
      expect(board.members.sort((a, b) => a - b)).toEqual([...everyone].sort((a, b) => a - b));
      const f = await withRead(t.db, actorOf(org.users.admin), (c) => funnel(c, { teamId, audience: 'team' }));
      expect(f.stages.every((s) => s.count === 0)).toBe(true);
    }
  }, 20_000);
});

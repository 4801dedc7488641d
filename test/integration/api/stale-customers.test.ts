// 哪些客户很久没跟进了: the customers past their follow-up cadence or about to go back to the pool, through the one use
// case (server/domain/customer/stale-customers.ts) and GET /api/v1/customers/stale — a rep's own, a manager's team's
// (with its sub-teams), an admin's everyone's; someone else's owner is refused. Clocks as the reminders run them:
// from the last follow-up, or from a later claim or assignment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, type TestDb } from '../../helpers/db.js';
import { closeApi, openApi, type TestServer } from '../../helpers/http.js';
import type { Org } from '../../helpers/org.js';
import { addCustomer, DAY, HOUR } from '../reminders/helpers.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import type { Actor } from '../../../server/domain/shared/actor.js';
import type { User } from '../../../server/domain/user/user.entity.js';
import { staleCustomers, type StaleCustomers } from '../../../server/domain/customer/stale-customers.js';

// Wednesday 2026-11-18 10:00 in Shanghai.
const NOW = new Date('2026-11-18T02:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const actorOf = (u: User): Actor => ({ userId: u.id, role: u.role, teamId: u.teamId, locale: 'zh-CN', channel: 'api' });

describe.each(TARGETS)('stale customers on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  const stale = (who: keyof Org['users'], q: { ownerId?: number; limit?: number } = {}) => withTx(t.db, actorOf(org.users[who]), (c) => staleCustomers(c, q));
  const names = (r: StaleCustomers) => r.items.map((x) => x.name);

  beforeAll(async () => {
    ({ t, org, s } = await openApi(target, tok));
    t.clock.set(NOW);
    const { repA, repB, repC } = org.users;
    // repA: A past its 7 days; B not yet; C not past its 30 days but back to the pool in 5; three failed calls (pool in a day).
    await addCustomer(t, 'SC-A1 华为', repA.id, 'A', ago(10 * DAY));
    await addCustomer(t, 'SC-A2 美的', repA.id, 'B', ago(3 * DAY));
    await addCustomer(t, 'SC-A3 格力', repA.id, 'C', ago(25 * DAY));
    await addCustomer(t, 'SC-A4 海尔', repA.id, 'A', ago(12 * HOUR), 3);
    // Never followed up and created long ago, but claimed two days ago: its clocks start at the claim.
    const claimed = await addCustomer(t, 'SC-A5 小米', repA.id, 'A', null);
    await t.db.ds.getRepository(AuditLog).insert({ actorId: repA.id, channel: 'api', action: 'claim', entityType: 'customer', entityId: claimed.id, diff: null, ruleId: null, at: ago(2 * DAY) });
    // Never followed up, created 400 days ago: long overdue.
    await addCustomer(t, 'SC-A6 京东', repA.id, 'B', null);
    await addCustomer(t, 'SC-B1 比亚迪', repB.id, 'A', ago(20 * DAY));
    await addCustomer(t, 'SC-C1 长安', repC.id, 'A', ago(9 * DAY));
    // In the pool: nobody's to follow up.
    const pooled = await addCustomer(t, 'SC-P1 公海客户', repC.id, 'A', ago(60 * DAY));
    await t.db.ds.getRepository(Customer).update({ id: pooled.id }, { ownerId: null });
  });
  afterAll(async () => closeApi(s, t));

  it("a rep gets their own, the soonest back to the pool first, with the clocks' figures", async () => {
    const r = await stale('repA');
    expect(r.scope).toBe('mine');
    expect(names(r)).toEqual(['SC-A6 京东', 'SC-A4 海尔', 'SC-A3 格力', 'SC-A1 华为']);
    expect(r.total).toBe(4);
    const byName = Object.fromEntries(r.items.map((x) => [x.name, x]));
    expect(byName['SC-A1 华为']).toMatchObject({ days: 10, everyDays: 7, overdueDays: 3, daysLeft: 20, ownerName: '张三', lastFollowUpAt: ago(10 * DAY) });
    expect(byName['SC-A3 格力']).toMatchObject({ days: 25, everyDays: 30, overdueDays: null, daysLeft: 5 });
    expect(byName['SC-A4 海尔']).toMatchObject({ days: 0, overdueDays: null, daysLeft: 0 });
    // Long past the pool's 30 days (the release job has not run yet): due back now.
    expect(byName['SC-A6 京东']).toMatchObject({ days: 400, lastFollowUpAt: null, daysLeft: 0 });
    expect(r.owners).toEqual([{ id: org.users.repA.id, name: '张三', count: 4 }]);
    expect(r.poolSoonDays).toBe(7);
  });

  it("a manager gets their team's, by owner; the director every team below; an admin everyone's", async () => {
    const east = await stale('mgrEast');
    expect(east.scope).toBe('team');
    expect(names(east)).toEqual(['SC-A6 京东', 'SC-A4 海尔', 'SC-A3 格力', 'SC-B1 比亚迪', 'SC-A1 华为']);
    expect(east.owners).toEqual([{ id: org.users.repA.id, name: '张三', count: 4 }, { id: org.users.repB.id, name: '李四', count: 1 }]);
    expect(names(await stale('mgrWest'))).toEqual(['SC-C1 长安']);
    expect((await stale('director')).total).toBe(6);
    const all = await stale('admin');
    expect(all.scope).toBe('all');
    expect(all.total).toBe(6);
    expect(names(all)).not.toContain('SC-P1 公海客户');
    // Finance owns no customers and sees nobody's.
    expect((await stale('finance')).total).toBe(0);
  });

  it('narrows to one owner the reader may see, and refuses one they may not', async () => {
    expect(names(await stale('mgrEast', { ownerId: org.users.repB.id }))).toEqual(['SC-B1 比亚迪']);
    await expect(stale('mgrEast', { ownerId: org.users.repC.id })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(stale('repA', { ownerId: org.users.repB.id })).rejects.toMatchObject({ kind: 'forbidden' });
    const two = await stale('mgrEast', { limit: 2 });
    expect([two.total, two.items.length]).toEqual([5, 2]);
  });

  it('GET /api/v1/customers/stale answers the same, refuses another team\'s owner, and leaves /customers/:id alone', async () => {
    const r = await s.call('GET', '/api/v1/customers/stale', { token: tok.mgrEast });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ scope: 'team', total: 5 });
    expect(r.body.items[0]).toMatchObject({ name: 'SC-A6 京东', ownerName: '张三', level: 'B', daysLeft: 0 });
    expect((await s.call('GET', `/api/v1/customers/stale?ownerId=${org.users.repC.id}`, { token: tok.mgrEast })).status).toBe(403);
    expect((await s.call('GET', '/api/v1/customers/stale?limit=0', { token: tok.mgrEast })).status).toBe(400);
    const mine = await s.call('GET', '/api/v1/customers/stale', { token: tok.repC });
    expect(mine.body.items.map((x: { name: string }) => x.name)).toEqual(['SC-C1 长安']);
    const one = await s.call('GET', `/api/v1/customers/${mine.body.items[0].id}`, { token: tok.repC });
    expect(one.body).toMatchObject({ name: 'SC-C1 长安' });
    const doc = (await s.call('GET', '/api/v1/openapi.json')).body;
    expect(doc.paths['/api/v1/customers/stale'].get.summary).toContain('follow-up cadence');
    expect(doc.paths['/api/v1/customers/stale'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['ownerId', 'cursor', 'limit']);
  });

  it('GET /api/v1/customers/stale pages by cursor (20 by default, at most 100) in the same order, totals and owners over the whole list; bad paging is a 400', async () => {
    const get = (q: string, token = tok.admin) => s.call('GET', `/api/v1/customers/stale${q}`, { token });
    const whole = (await get('?limit=100')).body;
    expect(whole.total).toBe(6);
    expect(whole.nextCursor).toBeNull();
    expect((await get('')).body).toMatchObject({ total: 6, nextCursor: null });
    for (const size of [1, 4]) {
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const r = await get(`?limit=${size}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.status).toBe(200);
        expect(r.body.items.length).toBeLessThanOrEqual(size);
        expect(r.body).toMatchObject({ scope: 'all', total: 6, owners: whole.owners });
        names.push(...r.body.items.map((x: { name: string }) => x.name));
        cursor = r.body.nextCursor;
      } while (cursor && names.length < 20);
      expect(names).toEqual(whole.items.map((x: { name: string }) => x.name));
    }
    // One owner's, paged too.
    const a1 = (await get(`?ownerId=${org.users.repA.id}&limit=3`, tok.mgrEast)).body;
    const a2 = (await get(`?ownerId=${org.users.repA.id}&limit=3&cursor=${a1.nextCursor}`, tok.mgrEast)).body;
    expect([...a1.items, ...a2.items].map((x: { name: string }) => x.name)).toEqual(['SC-A6 京东', 'SC-A4 海尔', 'SC-A3 格力', 'SC-A1 华为']);
    expect(a2.nextCursor).toBeNull();
    // A customer followed up meanwhile leaves the list without moving the next page.
    const p1 = (await get('?limit=2')).body;
    const gone = whole.items[0];
    await t.db.ds.getRepository(Customer).update({ id: gone.id }, { lastFollowUpAt: NOW });
    try {
      const p2 = (await get(`?limit=100&cursor=${p1.nextCursor}`)).body;
      expect(p2.items.map((x: { id: number }) => x.id)).toEqual(whole.items.slice(2).map((x: { id: number }) => x.id));
      expect(p2.total).toBe(5);
    } finally {
      await t.db.ds.getRepository(Customer).update({ id: gone.id }, { lastFollowUpAt: gone.lastFollowUpAt ? new Date(gone.lastFollowUpAt) : null });
    }
    for (const [q, field, code] of [['?limit=0', 'limit', 'validation.too_small'], ['?limit=101', 'limit', 'validation.too_big'], ['?limit=x', 'limit', 'validation.type_number'],
      ['?cursor=%%%', 'cursor', 'validation.cursor'], [`?cursor=${Buffer.from(JSON.stringify(['soon', 1])).toString('base64url')}`, 'cursor', 'validation.cursor']] as const) {
      const r = await get(q);
      expect([q, r.status, r.body.error?.field, r.body.error?.code]).toEqual([q, 400, field, code]);
    }
    expect((await get('?cursor=x', tok.mgrEast)).body.error.message).toBe('分页游标无效。');
  });
});

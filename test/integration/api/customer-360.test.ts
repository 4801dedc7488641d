import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startServer, type TestServer } from '../../helpers/http.js';
import { MINUTE } from '../../helpers/clock.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { systemActor } from '../../../server/domain/shared/actor.js';
import { putSetting } from '../../../server/domain/settings/settings.js';
import { timelineQuery } from '../../../server/domain/customer/customer-360.js';
import { Contact } from '../../../server/domain/customer/contact.entity.js';
import { Opportunity } from '../../../server/domain/opportunity/opportunity.entity.js';
import { Activity } from '../../../server/domain/activity/activity.entity.js';
import { Task } from '../../../server/domain/activity/task.entity.js';
import { Contract } from '../../../server/domain/contract/contract.entity.js';
import { Payment } from '../../../server/domain/contract/payment.entity.js';

describe.each(TARGETS)('customer 360 on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  let customerId: number; let otherCustomerId: number;

  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    s = await startServer(t.db);
    for (const [k, u] of Object.entries(org.users)) tok[k] = await s.login(u.username);
    const { repA, repB, repC } = org.users;
    customerId = (await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '重庆渝北精密机械有限公司', level: 'A' } })).body.id;
    otherCustomerId = (await s.call('POST', '/api/v1/customers', { token: tok.repC, body: { name: '重庆沙坪坝物流有限公司' } })).body.id;
    const now = t.clock.now();
    const ds = t.db.ds;
    const stamps = { createdAt: now, updatedAt: now };
    await ds.getRepository(Contact).save([
      { customerId, name: '刘经理', phone: '13800000001', isPrimary: true, ...stamps },
      { customerId, name: '陈工', email: 'chen@example.com', isPrimary: false, ...stamps },
      { customerId: otherCustomerId, name: '别家的人', isPrimary: false, ...stamps },
    ]);
    const opp = (ownerId: number, status: 'open' | 'won', name: string) => ({ customerId, name, amountCents: 100_000_00, stage: status === 'won' ? 'won' : 'proposal', status, probability: 60, ownerId, ...stamps });
    await ds.getRepository(Opportunity).save([opp(repA.id, 'open', 'A的商机'), opp(repA.id, 'won', '已赢'), opp(repB.id, 'open', 'B的商机')]);
    const acts = [];
    for (let i = 0; i < 25; i++) acts.push({ type: 'call' as const, content: `第${i}次跟进`, occurredAt: new Date(now.getTime() - (25 - i) * 60 * MINUTE), customerId, authorId: repA.id, channel: 'api' as const, createdAt: now });
    acts.push({ type: 'visit' as const, content: '别家的跟进', occurredAt: now, customerId: otherCustomerId, authorId: repC.id, channel: 'api' as const, createdAt: now });
    await ds.getRepository(Activity).save(acts);
    const task = (ownerId: number, status: 'open' | 'done', title: string) => ({ title, dueAt: now, ownerId, status, customerId, ...stamps });
    await ds.getRepository(Task).save([task(repA.id, 'open', '发报价'), task(repA.id, 'done', '已完成'), task(repB.id, 'open', 'B的待办')]);
    const ct = await ds.getRepository(Contract).save({ title: '年度维保合同', customerId, amountCents: 500_000_00, status: 'approved', ownerId: repA.id, ...stamps });
    await ds.getRepository(Payment).save([
      { contractId: ct.id, plannedAmountCents: 200_000_00, receivedAmountCents: 200_000_00, status: 'received', ownerId: repA.id, ...stamps },
      { contractId: ct.id, plannedAmountCents: 300_000_00, receivedAmountCents: 100_000_00, status: 'partial', ownerId: repA.id, ...stamps },
    ]);
  });
  afterAll(async () => { await s?.close(); await t?.close(); });

  it('gives the owner the customer with its pieces, each filtered by its own row rules', async () => {
    const r = await s.call('GET', `/api/v1/customers/${customerId}/360`, { token: tok.repA });
    expect(r.status).toBe(200);
    expect(r.body.customer).toMatchObject({ id: customerId, name: '重庆渝北精密机械有限公司', custom: {} });
    expect(r.body.contacts.map((x: any) => x.name)).toEqual(['刘经理', '陈工']);
    expect(r.body.openOpportunities.map((x: any) => x.name)).toEqual(['A的商机']);
    expect(r.body.followUps).toHaveLength(20);
    expect(r.body.followUps[0].content).toBe('第24次跟进');
    expect(r.body.followUps[19].content).toBe('第5次跟进');
    const times = r.body.followUps.map((x: any) => Date.parse(x.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(r.body.openTasks.map((x: any) => x.title)).toEqual(['发报价']);
    expect(r.body.contracts).toHaveLength(1);
    expect(r.body.contracts[0]).toMatchObject({ title: '年度维保合同', amountCents: 500_000_00, payments: { count: 2, plannedCents: 500_000_00, receivedCents: 300_000_00 } });
  });

  it('shows the manager the whole team\'s pieces', async () => {
    const r = await s.call('GET', `/api/v1/customers/${customerId}/360`, { token: tok.mgrEast });
    expect(r.status).toBe(200);
    expect(r.body.openOpportunities.map((x: any) => x.name).sort()).toEqual(['A的商机', 'B的商机'].sort());
    expect(r.body.openTasks).toHaveLength(2);
  });

  it('answers not-found to someone who may not see the customer', async () => {
    for (const who of ['repC', 'mgrWest', 'finance']) {
      const r = await s.call('GET', `/api/v1/customers/${customerId}/360`, { token: tok[who] });
      expect(r.status, who).toBe(404);
    }
    expect((await s.call('GET', '/api/v1/customers/999999/360', { token: tok.admin })).status).toBe(404);
    expect((await s.call('GET', '/api/v1/customers/abc/360', { token: tok.admin })).status).toBe(404);
  });

  it('applies field rules to contracts and to the payment sums that would reveal them', async () => {
    await withTx(t.db, systemActor(), (c) => putSetting(c, 'fieldRules', [{ object: 'contract', field: 'amountCents', hiddenFor: ['manager'], exceptWhen: 'owner' }]));
    try {
      const r = await s.call('GET', `/api/v1/customers/${customerId}/360`, { token: tok.mgrEast });
      expect(r.body.contracts[0]).not.toHaveProperty('amountCents');
      expect(r.body.contracts[0].payments).toEqual({ count: 2 });
      const own = await s.call('GET', `/api/v1/customers/${customerId}/360`, { token: tok.repA });
      expect(own.body.contracts[0].amountCents).toBe(500_000_00);
    } finally {
      await withTx(t.db, systemActor(), (c) => putSetting(c, 'fieldRules', [{ object: 'contract', field: 'amountCents', hiddenFor: ['rep'], exceptWhen: 'team' }]));
    }
  });

  it('reads the timeline through the (customer_id, occurred_at) index without a sort step', async () => {
    const [sql, params] = await withTx(t.db, systemActor(), async (c) => timelineQuery(c, customerId).getQueryAndParameters());
    if (target === 'sqlite') {
      const plan = (await t.db.ds.query(`EXPLAIN QUERY PLAN ${sql}`, params)).map((p: any) => p.detail).join('\n');
      expect(plan).toContain('ix_activity_customer_id_occurred_at');
      expect(plan).not.toContain('TEMP B-TREE');
    } else {
      await t.db.ds.query('ANALYZE TABLE activity');
      const plan = await t.db.ds.query(`EXPLAIN ${sql}`, params);
      expect(plan[0].key).toBe('ix_activity_customer_id_occurred_at');
      expect(String(plan[0].Extra)).not.toContain('filesort');
    }
  });
});

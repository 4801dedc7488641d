// The permission matrix (DESIGN.md §4) on every resource, for every role, through the REST API:
// rep = own records, manager = own team recursively, admin = all, finance = contracts and payments of all.
// Invisible → 404 (never reveal existence); visible but not allowed → 403. Every mutation is audited with its channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startServer, type TestServer } from '../../helpers/http.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';

type Who = 'repA' | 'repB' | 'repC' | 'mgrEast' | 'mgrWest' | 'director' | 'admin' | 'finance';
const WHO: Who[] = ['repA', 'repB', 'repC', 'mgrEast', 'mgrWest', 'director', 'admin', 'finance'];
/** Records are owned by repA (team east, under the director). */
const SEES_OWNED: Who[] = ['repA', 'mgrEast', 'director', 'admin'];
const SEES_MONEY: Who[] = [...SEES_OWNED, 'finance'];

interface Resource {
  path: string;
  entity: string;
  /** Who sees a record owned by repA. */
  seers: Who[];
  /** Who may change it (others who see it get 403). */
  writers: Who[];
  patch: Record<string, unknown>;
}

describe.each(TARGETS)('permission matrix on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok = {} as Record<Who, string>;
  const ids = {} as Record<string, number>;
  const call = (who: Who, method: string, path: string, body?: unknown) => s.call(method, path, { token: tok[who], body });

  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    s = await startServer(t.db);
    for (const w of WHO) tok[w] = await s.login(org.users[w].username);
    const make = async (path: string, body: Record<string, unknown>) => {
      const r = await call('repA', 'POST', path, body);
      expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBe(201);
      return (r.body.activity ?? r.body).id as number;
    };
    ids.customers = await make('/api/v1/customers', { name: '矩阵测试机械有限公司', level: 'B', industry: '制造' });
    ids.contacts = await make('/api/v1/contacts', { customerId: ids.customers, name: '王总', phone: '13800138000' });
    ids.leads = await make('/api/v1/leads', { company: '矩阵线索公司', contactName: '李四', phone: '13900139000' });
    ids.opportunities = await make('/api/v1/opportunities', { customerId: ids.customers, name: '矩阵项目', amountCents: 1_000_000 });
    ids.activities = await make('/api/v1/activities', { customerId: ids.customers, type: 'call', content: '电话沟通', nextStep: { title: '发报价', dueAt: '2026-11-25T01:00:00Z' } });
    ids.tasks = await make('/api/v1/tasks', { title: '回访', dueAt: '2026-11-26T01:00:00Z', customerId: ids.customers });
    ids.contracts = await make('/api/v1/contracts', { customerId: ids.customers, title: '矩阵合同', amountCents: 3_000_000 });
    const p = await call('finance', 'POST', '/api/v1/payments', { contractId: ids.contracts, plannedAmountCents: 1_000_000 });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    ids.payments = p.body.id;
  });
  afterAll(async () => { await s?.close(); await t?.close(); });

  const resources: Resource[] = [
    { path: 'customers', entity: 'customer', seers: SEES_OWNED, writers: SEES_OWNED, patch: { level: 'A' } },
    { path: 'contacts', entity: 'contact', seers: SEES_OWNED, writers: SEES_OWNED, patch: { title: '总经理' } },
    { path: 'leads', entity: 'lead', seers: SEES_OWNED, writers: SEES_OWNED, patch: { note: '已联系' } },
    { path: 'opportunities', entity: 'opportunity', seers: SEES_OWNED, writers: SEES_OWNED, patch: { amountCents: 2_000_000 } },
    { path: 'activities', entity: 'activity', seers: SEES_OWNED, writers: SEES_OWNED, patch: { content: '电话沟通，补充：已发资料' } },
    { path: 'tasks', entity: 'task', seers: SEES_OWNED, writers: SEES_OWNED, patch: { title: '回访客户' } },
    // Finance maintains the contracts and payments of everyone; the owning side keeps its own payment plan.
    { path: 'contracts', entity: 'contract', seers: SEES_MONEY, writers: SEES_MONEY, patch: { title: '矩阵合同（修订）' } },
    { path: 'payments', entity: 'payment', seers: SEES_MONEY, writers: SEES_MONEY, patch: { note: '首付款' } },
  ];

  for (const r of resources) {
    describe(r.path, () => {
      it('get: visible to exactly the right roles, 404 for the rest', async () => {
        for (const w of WHO) {
          const res = await call(w, 'GET', `/api/v1/${r.path}/${ids[r.path]}`);
          expect(res.status, `${w} GET ${r.path}`).toBe(r.seers.includes(w) ? 200 : 404);
        }
      });

      it('list: contains the record for exactly the same roles', async () => {
        for (const w of WHO) {
          const res = await call(w, 'GET', `/api/v1/${r.path}?limit=100`);
          expect(res.status, `${w} LIST ${r.path}`).toBe(200);
          const found = (res.body.items as { id: number }[]).some((x) => x.id === ids[r.path]);
          expect(found, `${w} LIST ${r.path}`).toBe(r.seers.includes(w));
        }
      });

      it('update: writers 200, other seers 403, everyone else 404 — each change audited with channel api', async () => {
        for (const w of WHO) {
          const res = await call(w, 'PATCH', `/api/v1/${r.path}/${ids[r.path]}`, r.patch);
          const want = r.writers.includes(w) ? 200 : r.seers.includes(w) ? 403 : 404;
          expect(res.status, `${w} PATCH ${r.path} ${JSON.stringify(res.body)}`).toBe(want);
        }
        const updates = await t.db.ds.getRepository(AuditLog).find({ where: { entityType: r.entity, entityId: ids[r.path], action: 'update' } });
        expect(updates.map((u) => u.actorId).sort()).toEqual(r.writers.map((w) => org.users[w].id).sort());
        expect(updates.every((u) => u.channel === 'api')).toBe(true);
      });

      it('delete: invisible → 404, visible but not deletable → 403', async () => {
        for (const w of WHO) {
          if (r.seers.includes(w)) continue;
          const res = await call(w, 'DELETE', `/api/v1/${r.path}/${ids[r.path]}`);
          expect(res.status, `${w} DELETE ${r.path}`).toBe(404);
        }
        // Reps may not delete customers, leads or opportunities they see (a draft contract of their own they may).
        if (['customers', 'leads', 'opportunities'].includes(r.path)) {
          expect((await call('repA', 'DELETE', `/api/v1/${r.path}/${ids[r.path]}`)).status, `repA DELETE ${r.path}`).toBe(403);
        }
      });
    });
  }

  it('a rep may not delete a customer, its team manager may; the deletion is audited', async () => {
    const c = await call('repA', 'POST', '/api/v1/customers', { name: '待删除测试公司' });
    expect((await call('repA', 'DELETE', `/api/v1/customers/${c.body.id}`)).status).toBe(403);
    expect((await call('mgrWest', 'DELETE', `/api/v1/customers/${c.body.id}`)).status).toBe(404);
    expect((await call('mgrEast', 'DELETE', `/api/v1/customers/${c.body.id}`)).status).toBe(204);
    const log = await t.db.ds.getRepository(AuditLog).findOneByOrFail({ entityType: 'customer', entityId: c.body.id, action: 'delete' });
    expect(log).toMatchObject({ actorId: org.users.mgrEast.id, channel: 'api' });
  });

  it('hides a field by rule from every representation for that role, and keeps it for others', async () => {
    const put = await call('admin', 'PUT', '/api/v1/settings/fieldRules', { value: [{ object: 'customer', field: 'industry', hiddenFor: ['rep'] }, { object: 'opportunity', field: 'amountCents', hiddenFor: ['rep'] }] });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const get = await call('repA', 'GET', `/api/v1/customers/${ids.customers}`);
    expect(get.body).not.toHaveProperty('industry');
    const list = await call('repA', 'GET', '/api/v1/customers');
    expect(list.body.items.every((x: object) => !('industry' in x))).toBe(true);
    const opp = await call('repA', 'GET', `/api/v1/opportunities/${ids.opportunities}`);
    expect(opp.body).not.toHaveProperty('amountCents');
    const c360 = await call('repA', 'GET', `/api/v1/customers/${ids.customers}/360`);
    expect(JSON.stringify(c360.body)).not.toContain('amountCents":2000000');
    expect((await call('repA', 'PATCH', `/api/v1/customers/${ids.customers}`, { industry: '汽配' })).status).toBe(403);
    const mgr = await call('mgrEast', 'GET', `/api/v1/customers/${ids.customers}`);
    expect(mgr.body.industry).toBe('制造');
    expect((await call('mgrEast', 'GET', `/api/v1/opportunities/${ids.opportunities}`)).body.amountCents).toBe(2_000_000);
    await call('admin', 'PUT', '/api/v1/settings/fieldRules', { value: [] });
  });
});

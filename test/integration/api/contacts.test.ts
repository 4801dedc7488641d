import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startServer, type TestServer } from '../../helpers/http.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';

describe.each(TARGETS)('contacts API on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  let customerId: number; let poolCustomerId: number;
  const audits = (id: number) => t.db.ds.getRepository(AuditLog).find({ where: { entityType: 'contact', entityId: id }, order: { id: 'ASC' } });

  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    s = await startServer(t.db);
    for (const [k, u] of Object.entries(org.users)) tok[k] = await s.login(u.username);
    tok.repAMini = await s.login(org.users.repA.username, 'miniapp');
    customerId = (await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '重庆两江新区数据科技有限公司' } })).body.id;
    poolCustomerId = (await s.call('POST', '/api/v1/customers', { token: tok.admin, body: { name: '公海里的公司', ownerId: null } })).body.id;
  });
  afterAll(async () => { await s?.close(); await t?.close(); });

  it('creates, lists by customer, updates and deletes a contact, auditing each with its channel', async () => {
    const c1 = await s.call('POST', '/api/v1/contacts', { token: tok.repAMini, body: { customerId, name: '刘经理', phone: '13800001111', email: 'liu@example.com', isPrimary: true } });
    expect(c1.status).toBe(201);
    expect(c1.body).toMatchObject({ customerId, name: '刘经理', phone: '13800001111', isPrimary: true, custom: {} });
    const c2 = await s.call('POST', '/api/v1/contacts', { token: tok.repA, body: { customerId, name: '陈工', title: '技术总监' } });
    expect(c2.status).toBe(201);
    const list = await s.call('GET', `/api/v1/contacts?customerId=${customerId}`, { token: tok.repA });
    expect(list.status).toBe(200);
    expect(list.body.items.map((x: any) => x.name).sort()).toEqual(['刘经理', '陈工'].sort());
    expect(list.body.items).toHaveLength(2);
    const upd = await s.call('PATCH', `/api/v1/contacts/${c2.body.id}`, { token: tok.mgrEast, body: { phone: '023-63881234' } });
    expect(upd.status).toBe(200);
    expect(upd.body.phone).toBe('023-63881234');
    const del = await s.call('DELETE', `/api/v1/contacts/${c2.body.id}`, { token: tok.repA });
    expect(del.status).toBe(204);
    expect((await s.call('GET', `/api/v1/contacts/${c2.body.id}`, { token: tok.repA })).status).toBe(404);
    expect((await audits(c1.body.id)).map((a) => [a.action, a.channel])).toEqual([['create', 'miniapp']]);
    expect((await audits(c2.body.id)).map((a) => [a.action, a.channel, a.actorId])).toEqual([
      ['create', 'api', org.users.repA.id], ['update', 'api', org.users.mgrEast.id], ['delete', 'api', org.users.repA.id],
    ]);
  });

  it('hides contacts of customers the caller cannot see (404), including when creating', async () => {
    const c = await s.call('POST', '/api/v1/contacts', { token: tok.repA, body: { customerId, name: '王秘书' } });
    for (const who of ['repB', 'repC', 'mgrWest', 'finance']) {
      expect((await s.call('GET', `/api/v1/contacts/${c.body.id}`, { token: tok[who] })).status, who).toBe(404);
      expect((await s.call('PATCH', `/api/v1/contacts/${c.body.id}`, { token: tok[who], body: { name: 'x' } })).status, who).toBe(404);
      const list = await s.call('GET', `/api/v1/contacts?customerId=${customerId}`, { token: tok[who] });
      expect(list.body.items, who).toEqual([]);
    }
    expect((await s.call('POST', '/api/v1/contacts', { token: tok.repC, body: { customerId, name: '偷偷加' } })).status).toBe(404);
    expect((await s.call('GET', `/api/v1/contacts/${c.body.id}`, { token: tok.director })).status).toBe(200);
  });

  it('lets reps see but not write contacts of a pool customer (403)', async () => {
    const made = await s.call('POST', '/api/v1/contacts', { token: tok.admin, body: { customerId: poolCustomerId, name: '公海联系人' } });
    expect(made.status).toBe(201);
    expect((await s.call('GET', `/api/v1/contacts/${made.body.id}`, { token: tok.repA })).status).toBe(200);
    const r = await s.call('POST', '/api/v1/contacts', { token: tok.repA, body: { customerId: poolCustomerId, name: '想加' } });
    expect(r.status).toBe(403);
    expect((await s.call('DELETE', `/api/v1/contacts/${made.body.id}`, { token: tok.repA })).status).toBe(403);
    expect((await s.call('POST', '/api/v1/contacts', { token: tok.finance, body: { customerId, name: '财务加' } })).status).toBe(403);
  });

  it('answers every bad-input class with a localized 400 naming the field', async () => {
    const cases: [unknown, string, string][] = [
      [{ customerId }, 'validation.required', 'name'],
      [{ name: '某人' }, 'validation.required', 'customerId'],
      [{ customerId, name: 'x'.repeat(65) }, 'validation.too_long', 'name'],
      [{ customerId: 'abc', name: '某人' }, 'validation.type_number', 'customerId'],
      [{ customerId, name: '某人', phone: '12ab' }, 'validation.phone', 'phone'],
      [{ customerId, name: '某人', email: 'not-an-email' }, 'validation.email', 'email'],
      [{ customerId, name: '某人', isPrimary: 'yes' }, 'validation.type_boolean', 'isPrimary'],
    ];
    for (const [body, code, field] of cases) {
      const zh = await s.call('POST', '/api/v1/contacts', { token: tok.repA, body });
      expect(zh.status, JSON.stringify(body)).toBe(400);
      expect(zh.body.error, JSON.stringify(body)).toMatchObject({ code, field });
      expect(zh.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      const en = await s.call('POST', '/api/v1/contacts', { token: tok.repA, body, lang: 'en-US' });
      expect(en.body.error.message).toContain(field);
      expect(en.body.error.message).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

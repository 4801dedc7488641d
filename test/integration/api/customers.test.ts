import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { closeApi, openApi, startServer, type TestServer } from '../../helpers/http.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';

describe.each(TARGETS)('customers API on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  beforeAll(async () => { ({ t, org, s } = await openApi(target, tok)); });
  afterAll(() => closeApi(s, t));

  it('creates a customer owned by the rep who created it, audited with channel api', async () => {
    const r = await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '重庆长安汽车股份有限公司', level: 'A', region: '江北区' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: '重庆长安汽车股份有限公司', normalizedName: '长安汽车', ownerId: org.users.repA.id, level: 'A', custom: {} });
    const logs = await t.db.ds.getRepository(AuditLog).find({ where: { entityType: 'customer', entityId: r.body.id } });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ action: 'create', channel: 'api', actorId: org.users.repA.id });
  });

  it('refuses a duplicate by normalized name with 409', async () => {
    const r = await s.call('POST', '/api/v1/customers', { token: tok.repB, body: { name: '长安汽车' } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('customer.duplicate');
  });

  it('hides another rep\'s customer as 404 and lists only own records', async () => {
    const mine = await s.call('POST', '/api/v1/customers', { token: tok.repC, body: { name: 'ACME Co., Ltd.' } });
    expect(mine.status).toBe(201);
    expect((await s.call('GET', `/api/v1/customers/${mine.body.id}`, { token: tok.repA })).status).toBe(404);
    const list = await s.call('GET', '/api/v1/customers', { token: tok.repA });
    expect(list.body.items.map((c: any) => c.ownerId)).toEqual([org.users.repA.id]);
    expect((await s.call('GET', `/api/v1/customers/${mine.body.id}`, { token: tok.mgrWest })).status).toBe(200);
    expect((await s.call('GET', `/api/v1/customers/${mine.body.id}`, { token: tok.mgrEast })).status).toBe(404);
    expect((await s.call('GET', `/api/v1/customers/${mine.body.id}`, { token: tok.director })).status).toBe(200);
  });

  it('pages with a cursor in a stable order', async () => {
    for (let i = 0; i < 7; i++) await s.call('POST', '/api/v1/customers', { token: tok.repB, body: { name: `分页测试${i}号公司`, level: i % 2 ? 'B' : 'C' } });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const r: any = await s.call('GET', `/api/v1/customers?limit=3&sort=name${cursor ? `&cursor=${cursor}` : ''}`, { token: tok.repB });
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((x: any) => x.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const filtered = await s.call('GET', '/api/v1/customers?level=B&q=分页', { token: tok.repB });
    expect(filtered.body.items).toHaveLength(3);
    // A page size out of range or not a number is a 400 naming it, on every generic list, not quietly clamped.
    for (const [path, code] of [['/customers?limit=0', 'validation.too_small'], ['/customers?limit=101', 'validation.too_big'], ['/customers?limit=ten', 'validation.type_number'],
      ['/tasks?limit=500', 'validation.too_big'], ['/activities?limit=-1', 'validation.too_small']] as const) {
      const r = await s.call('GET', `/api/v1${path}`, { token: tok.repB });
      expect(r.status, path).toBe(400);
      expect(r.body.error, path).toMatchObject({ code, field: 'limit' });
    }
    expect((await s.call('GET', '/api/v1/customers?limit=100', { token: tok.repB })).status).toBe(200);
    const outbox = await s.call('GET', '/api/v1/outbox?limit=1000', { token: tok.admin });
    expect(outbox.body.error).toMatchObject({ code: 'validation.too_big', field: 'limit' });
  });

  it('answers bad input with a localized 400 naming the field', async () => {
    const zh = await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { level: 'Z' } });
    expect(zh.status).toBe(400);
    expect(zh.body.error).toMatchObject({ code: 'validation.required', field: 'name' });
    expect(zh.body.error.message).toContain('必填');
    const en = await s.call('POST', '/api/v1/customers', { token: tok.repA, lang: 'en-US', body: { name: 'x'.repeat(200) } });
    expect(en.status).toBe(400);
    expect(en.body.error).toMatchObject({ code: 'validation.too_long', field: 'name' });
    expect(en.body.error.message).toMatch(/too long/);
    const malformed = await s.call('POST', '/api/v1/customers', { token: tok.repA, raw: '{"name": ' });
    expect(malformed.status).toBe(400);
    const big = await s.call('POST', '/api/v1/customers', { token: tok.repA, raw: JSON.stringify({ name: 'a', address: 'x'.repeat(400_000) }) });
    expect(big.status).toBe(413);
  });

  it('claims from the pool once: the second rep is told it is gone', async () => {
    const pooled = await s.call('POST', '/api/v1/customers', { token: tok.admin, body: { name: '公海测试公司', ownerId: null } });
    expect(pooled.body.ownerId).toBeNull();
    const a = await s.call('POST', `/api/v1/customers/${pooled.body.id}/claim`, { token: tok.repA, body: {} });
    const b = await s.call('POST', `/api/v1/customers/${pooled.body.id}/claim`, { token: tok.repC, body: {} });
    expect(a.status).toBe(200);
    expect(b.status).toBe(409);
    expect(b.body.error.code).toBe('pool.already_claimed');
    const rel = await s.call('POST', `/api/v1/customers/${pooled.body.id}/release`, { token: tok.repA, body: { reason: '客户无意向' } });
    expect(rel.status).toBe(200);
    const actions = (await t.db.ds.getRepository(AuditLog).find({ where: { entityType: 'customer', entityId: pooled.body.id }, order: { id: 'ASC' } })).map((l) => l.action);
    expect(actions).toEqual(['create', 'claim', 'release']);
  });

  it('rejects requests without a valid token', async () => {
    expect((await s.call('GET', '/api/v1/customers')).status).toBe(401);
    expect((await s.call('GET', '/api/v1/customers', { token: 's_nope' })).status).toBe(401);
  });
});

describe.each(TARGETS)('concurrent pool claims on %s', (target) => {
  it('many reps claiming one pool customer at once → exactly one owner, the rest told it is gone', async () => {
    const t = await openTestDb(target);
    const org = await seedOrg(t.db);
    const s = await startServer(t.db);
    try {
      const admin = await s.login('admin');
      const pooled = await s.call('POST', '/api/v1/customers', { token: admin, body: { name: '抢单测试公司', ownerId: null } });
      const claimers = [org.users.repA, org.users.repB, org.users.repC, org.users.mgrEast, org.users.mgrWest, org.users.director];
      const tokens = await Promise.all(claimers.map((u) => s.login(u.username)));
      // Every claimer fires twice at the same moment.
      const results = await Promise.all([...tokens, ...tokens].map((token) => s.call('POST', `/api/v1/customers/${pooled.body.id}/claim`, { token, body: {} })));
      const winners = results.filter((r) => r.status === 200);
      const owners = new Set(winners.map((r) => r.body.ownerId));
      expect(owners.size).toBe(1);
      const losers = results.filter((r) => r.status !== 200);
      expect(losers.every((r) => r.status === 409 && r.body.error.code === 'pool.already_claimed')).toBe(true);
      const claims = await t.db.ds.getRepository(AuditLog).countBy({ entityType: 'customer', entityId: pooled.body.id, action: 'claim' });
      expect(claims).toBe(1);
    } finally {
      await s.close();
      await t.close();
    }
  });
});

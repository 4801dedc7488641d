import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startServer, type TestServer } from '../../helpers/http.js';
import { MINUTE } from '../../helpers/clock.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';
import { ApiKey } from '../../../server/domain/auth/api-key.entity.js';

describe.each(TARGETS)('auth hardening on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    s = await startServer(t.db, { SESSION_TTL_SECONDS: '3600' });
    for (const k of ['admin', 'repA', 'mgrEast'] as const) tok[k] = await s.login(org.users[k].username);
  });
  afterAll(async () => { await s?.close(); await t?.close(); });

  it('API keys: admin creates one, it acts as its user, it is listed without its secret, and revoking it ends it', async () => {
    expect((await s.call('POST', '/api/v1/api-keys', { token: tok.mgrEast, body: { name: 'erp', userId: org.users.mgrEast.id } })).status).toBe(403);
    const created = await s.call('POST', '/api/v1/api-keys', { token: tok.admin, body: { name: 'ERP sync', userId: org.users.repA.id } });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^ck_[0-9a-f]{12}_/);
    // stored hashed: the secret appears nowhere in the table
    const row = await t.db.ds.getRepository(ApiKey).findOneByOrFail({ id: created.body.id });
    // The secret is everything after `ck_<prefix>_` (base64url: it may itself hold '_').
    const secret = key.slice('ck_'.length + 12 + 1);
    expect(secret.length).toBeGreaterThan(20);
    expect(row.hash).not.toContain(secret);
    // it acts as repA: sees only repA's customers, and creates as repA with channel api
    const mine = await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '钥匙测试甲' } });
    await s.call('POST', '/api/v1/customers', { token: tok.mgrEast, body: { name: '钥匙测试经理' } });
    const me = await s.call('GET', '/api/v1/me', { token: key });
    expect(me.body).toMatchObject({ id: org.users.repA.id, role: 'rep' });
    const list = await s.call('GET', '/api/v1/customers', { token: key });
    expect(list.body.items.map((c: any) => c.id)).toEqual([mine.body.id]);
    const viaKey = await s.call('POST', '/api/v1/customers', { token: key, body: { name: '接口创建客户' } });
    expect(viaKey.body.ownerId).toBe(org.users.repA.id);
    const audit = await t.db.ds.getRepository(AuditLog).findOneOrFail({ where: { entityType: 'customer', entityId: viaKey.body.id } });
    expect(audit).toMatchObject({ actorId: org.users.repA.id, channel: 'api' });
    // listed without the secret or its hash
    const keys = await s.call('GET', '/api/v1/api-keys', { token: tok.admin });
    expect(keys.status).toBe(200);
    const listed = keys.body.find((k: any) => k.id === created.body.id);
    expect(listed).toMatchObject({ name: 'ERP sync', userId: org.users.repA.id, revokedAt: null });
    expect(listed.lastUsedAt).not.toBeNull();
    expect(listed).not.toHaveProperty('hash');
    expect(listed).not.toHaveProperty('key');
    expect(JSON.stringify(keys.body)).not.toContain(key);
    expect((await s.call('GET', '/api/v1/api-keys', { token: tok.repA })).status).toBe(403);
    // a wrong secret with a real prefix fails
    expect((await s.call('GET', '/api/v1/me', { token: `${key.slice(0, -4)}AAAA` })).status).toBe(401);
    // revoked → 401
    expect((await s.call('DELETE', `/api/v1/api-keys/${created.body.id}`, { token: tok.repA })).status).toBe(403);
    expect((await s.call('DELETE', `/api/v1/api-keys/${created.body.id}`, { token: tok.admin })).status).toBe(204);
    const after = await s.call('GET', '/api/v1/customers', { token: key });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('auth.invalid_token');
    expect(after.headers.get('www-authenticate')).toBe('Bearer');
    expect((await t.db.ds.getRepository(AuditLog).count({ where: { entityType: 'api_key', action: 'revoke' } }))).toBe(1);
  });

  it('a key stops working when its user is deactivated', async () => {
    const u = await s.call('POST', '/api/v1/users', { token: tok.admin, body: { username: 'bot.user', name: '集成账号', role: 'rep' } });
    const key = (await s.call('POST', '/api/v1/api-keys', { token: tok.admin, body: { name: 'crm-bot', userId: u.body.id } })).body.key;
    expect((await s.call('GET', '/api/v1/me', { token: key })).status).toBe(200);
    await s.call('DELETE', `/api/v1/users/${u.body.id}`, { token: tok.admin });
    expect((await s.call('GET', '/api/v1/me', { token: key })).status).toBe(401);
  });

  it('sessions expire: past SESSION_TTL the token answers 401', async () => {
    const token = await s.login(org.users.repA.username);
    expect((await s.call('GET', '/api/v1/me', { token })).status).toBe(200);
    t.clock.advance(59 * MINUTE);
    expect((await s.call('GET', '/api/v1/me', { token })).status).toBe(200);
    t.clock.advance(2 * MINUTE);
    const r = await s.call('GET', '/api/v1/me', { token });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('auth.invalid_token');
    // a fresh login works again
    expect((await s.call('GET', '/api/v1/me', { token: await s.login(org.users.repA.username) })).status).toBe(200);
  });

  it('logout ends the session', async () => {
    const token = await s.login(org.users.mgrEast.username);
    expect((await s.call('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    expect((await s.call('GET', '/api/v1/me', { token })).status).toBe(401);
  });
});

describe.each(TARGETS)('auth limits and dev login on %s', (target) => {
  let t: TestDb; let org: Org;
  beforeAll(async () => { t = await openTestDb(target); org = await seedOrg(t.db); });
  afterAll(async () => { await t?.close(); });

  it('repeated failed authentication from one IP gets 429 after the limit, even with a good token', async () => {
    const s = await startServer(t.db, {}, { authFailuresPerMinute: 5 });
    try {
      const good = await s.login(org.users.repA.username);
      for (let i = 0; i < 5; i++) expect((await s.call('GET', '/api/v1/customers', { token: `s_wrong${i}` })).status).toBe(401);
      const blocked = await s.call('GET', '/api/v1/customers', { token: 's_wrong_again' });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('auth.too_many_attempts');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await s.call('GET', '/api/v1/customers', { token: good })).status).toBe(429);
      const en = await s.call('GET', '/api/v1/customers', { token: good, lang: 'en-US' });
      expect(en.body.error.message).toMatch(/Too many/);
    } finally { await s.close(); }
  });

  it('successful requests do not count against the limit', async () => {
    const s = await startServer(t.db, {}, { authFailuresPerMinute: 5 });
    try {
      const good = await s.login(org.users.repA.username);
      for (let i = 0; i < 20; i++) expect((await s.call('GET', '/api/v1/me', { token: good })).status).toBe(200);
      for (let i = 0; i < 4; i++) expect((await s.call('GET', '/api/v1/me', { token: 's_bad' })).status).toBe(401);
      expect((await s.call('GET', '/api/v1/me', { token: good })).status).toBe(200);
    } finally { await s.close(); }
  });

  it('dev login is refused (404) when demo mode is off', async () => {
    const s = await startServer(t.db, { DEMO_MODE: 'false' });
    try {
      const r = await s.call('POST', '/api/v1/auth/dev', { body: { username: org.users.admin.username } });
      expect(r.status).toBe(404);
      expect(r.body).not.toHaveProperty('token');
      expect(r.body.error.code).toBe('route_not_found');
      // Nor does it list anyone for the demo picker.
      expect((await s.call('GET', '/api/v1/auth/dev')).status).toBe(404);
    } finally { await s.close(); }
    const demo = await startServer(t.db, { DEMO_MODE: 'true' });
    try {
      expect((await demo.call('POST', '/api/v1/auth/dev', { body: { username: org.users.admin.username } })).status).toBe(200);
      expect((await demo.call('POST', '/api/v1/auth/dev', { body: { username: 'nobody' } })).status).toBe(401);
      // The picker's people, before sign-in: names first, with role, position and team (no contact details).
      const people = await demo.call('GET', '/api/v1/auth/dev');
      expect(people.status).toBe(200);
      expect(people.body.items).toContainEqual({ username: 'rep.zhang', name: '张三', role: 'rep', position: null, team: '销售一组' });
      expect(people.body.items).toContainEqual({ username: 'director.li', name: '李总监', role: 'manager', position: 'sales_director', team: '销售部' });
      expect(people.body.items).toContainEqual({ username: 'gm.zhou', name: '周总', role: 'admin', position: 'gm', team: null });
      // Active people only: the deactivated integration account above is not offered.
      expect(people.body.items.map((p: { username: string }) => p.username)).not.toContain('bot.user');
      expect(people.body.items).toHaveLength(Object.keys(org.users).length);
      expect(Object.keys(people.body.items[0]).sort()).toEqual(['name', 'position', 'role', 'team', 'username']);
    } finally { await demo.close(); }
  });
});

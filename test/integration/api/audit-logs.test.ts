import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startServer, type TestServer } from '../../helpers/http.js';
import { HOUR } from '../../helpers/clock.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { systemActor } from '../../../server/domain/shared/actor.js';
import { listAuditLogs } from '../../../server/domain/audit/list-audit-logs.js';

describe.each(TARGETS)('audit log API on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  let custId: number; let t0: Date; let t1: Date;
  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    s = await startServer(t.db);
    for (const k of ['admin', 'repA', 'mgrEast', 'finance', 'director'] as const) tok[k] = await s.login(org.users[k].username);
    t0 = t.clock.now();
    custId = (await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '审计客户' } })).body.id;
    t.clock.advance(HOUR);
    t1 = t.clock.now();
    await s.call('PATCH', `/api/v1/customers/${custId}`, { token: tok.repA, body: { level: 'A' } });
    t.clock.advance(HOUR);
    await s.call('PATCH', `/api/v1/customers/${custId}`, { token: tok.mgrEast, body: { level: 'B' } });
    const miniTok = await s.login(org.users.repA.username, 'miniapp');
    await s.call('POST', '/api/v1/customers', { token: miniTok, body: { name: '小程序客户' } });
  });
  afterAll(async () => { await s?.close(); await t?.close(); });

  it('is for admins only', async () => {
    for (const who of ['repA', 'mgrEast', 'finance', 'director']) {
      const r = await s.call('GET', '/api/v1/audit-logs', { token: tok[who] });
      expect(r.status, who).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    expect((await s.call('GET', '/api/v1/audit-logs')).status).toBe(401);
  });

  it('filters by entity, actor, action, channel and time, newest first', async () => {
    const byEntity = await s.call('GET', `/api/v1/audit-logs?entityType=customer&entityId=${custId}`, { token: tok.admin });
    expect(byEntity.status).toBe(200);
    expect(byEntity.body.items.map((l: any) => l.action)).toEqual(['update', 'update', 'create']);
    expect(byEntity.body.items[0]).toMatchObject({ actorId: org.users.mgrEast.id, channel: 'api', diff: { level: ['A', 'B'] } });
    const byActor = await s.call('GET', `/api/v1/audit-logs?entityType=customer&actorId=${org.users.mgrEast.id}`, { token: tok.admin });
    expect(byActor.body.items).toHaveLength(1);
    const creates = await s.call('GET', '/api/v1/audit-logs?entityType=customer&action=create', { token: tok.admin });
    expect(creates.body.items).toHaveLength(2);
    const mini = await s.call('GET', '/api/v1/audit-logs?entityType=customer&channel=miniapp', { token: tok.admin });
    expect(mini.body.items).toHaveLength(1);
    expect(mini.body.items[0].action).toBe('create');
    const logins = await s.call('GET', '/api/v1/audit-logs?action=login', { token: tok.admin });
    expect(logins.body.items.length).toBeGreaterThanOrEqual(6);
    const range = await s.call('GET', `/api/v1/audit-logs?entityType=customer&from=${encodeURIComponent(t0.toISOString())}&to=${encodeURIComponent(t1.toISOString())}`, { token: tok.admin });
    expect(range.body.items.map((l: any) => l.action)).toEqual(['create']);
    expect((await s.call('GET', '/api/v1/audit-logs?from=yesterday', { token: tok.admin })).body.error).toMatchObject({ code: 'validation.date', field: 'from' });
    expect((await s.call('GET', '/api/v1/audit-logs?channel=fax', { token: tok.admin })).body.error.field).toBe('channel');
    expect((await s.call('GET', '/api/v1/audit-logs?cursor=garbage', { token: tok.admin })).body.error.code).toBe('validation.cursor');
  });

  it('pages newest first with a cursor, without gaps or repeats', async () => {
    const all = (await s.call('GET', '/api/v1/audit-logs?limit=200', { token: tok.admin })).body.items;
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const r: any = await s.call('GET', `/api/v1/audit-logs?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: tok.admin });
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((l: any) => l.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((l: any) => l.id));
    const times = all.map((l: any) => Date.parse(l.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('listAuditLogs is the same use case for every channel', async () => {
    const page = await withTx(t.db, systemActor(), (c) => listAuditLogs(c, { entityType: 'customer', entityId: custId, limit: 1 }));
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    await expect(withTx(t.db, { ...systemActor(), role: 'rep', userId: org.users.repA.id, channel: 'bot' }, (c) => listAuditLogs(c, {}))).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

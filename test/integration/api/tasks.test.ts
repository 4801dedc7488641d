import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startServer, type TestServer } from '../../helpers/http.js';
import { DAY, HOUR } from '../../helpers/clock.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';

describe.each(TARGETS)('tasks API on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  let customerId: number; let otherCustomerId: number;
  const inDays = (d: number) => new Date(t.clock.now().getTime() + d * DAY).toISOString();
  const audits = (id: number) => t.db.ds.getRepository(AuditLog).find({ where: { entityType: 'task', entityId: id }, order: { id: 'ASC' } });

  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    s = await startServer(t.db);
    for (const [k, u] of Object.entries(org.users)) tok[k] = await s.login(u.username);
    customerId = (await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '重庆大渡口钢构有限公司' } })).body.id;
    otherCustomerId = (await s.call('POST', '/api/v1/customers', { token: tok.repC, body: { name: '重庆巴南茶业有限公司' } })).body.id;
  });
  afterAll(async () => { await s?.close(); await t?.close(); });

  it('creates, lists by due range and customer, completes (idempotently) and audits with the channel', async () => {
    const a = await s.call('POST', '/api/v1/tasks', { token: tok.repA, body: { title: '电话回访', dueAt: inDays(1), customerId } });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ title: '电话回访', ownerId: org.users.repA.id, status: 'open', customerId, doneAt: null });
    await s.call('POST', '/api/v1/tasks', { token: tok.repA, body: { title: '寄样品', dueAt: inDays(5) } });
    const soon = await s.call('GET', `/api/v1/tasks?status=open&dueAt.lte=${inDays(2)}`, { token: tok.repA });
    expect(soon.body.items.map((x: any) => x.title)).toEqual(['电话回访']);
    expect((await s.call('GET', `/api/v1/tasks?customerId=${customerId}`, { token: tok.repA })).body.items).toHaveLength(1);
    const done = await s.call('POST', `/api/v1/tasks/${a.body.id}/complete`, { token: tok.repA });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', doneAt: t.clock.now().toISOString() });
    const again = await s.call('POST', `/api/v1/tasks/${a.body.id}/complete`, { token: tok.repA });
    expect(again.status).toBe(200);
    expect((await audits(a.body.id)).map((x) => [x.action, x.channel])).toEqual([['create', 'api'], ['complete', 'api']]);
    expect((await s.call('POST', `/api/v1/tasks/${a.body.id}/snooze`, { token: tok.repA, body: { until: inDays(1) } })).status).toBe(409);
  });

  it('snoozes to a future time only', async () => {
    const a = (await s.call('POST', '/api/v1/tasks', { token: tok.repA, body: { title: '跟进合同', dueAt: inDays(0.1) } })).body;
    const until = new Date(t.clock.now().getTime() + 3 * HOUR).toISOString();
    const r = await s.call('POST', `/api/v1/tasks/${a.id}/snooze`, { token: tok.repA, body: { until } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ snoozedUntil: until, status: 'open', remindedAt: null });
    const past = await s.call('POST', `/api/v1/tasks/${a.id}/snooze`, { token: tok.repA, body: { until: new Date(t.clock.now().getTime() - HOUR).toISOString() } });
    expect(past.status).toBe(400);
    expect(past.body.error).toMatchObject({ code: 'validation.future', field: 'until' });
    const en = await s.call('POST', `/api/v1/tasks/${a.id}/snooze`, { token: tok.repA, lang: 'en-US', body: { until: t.clock.now().toISOString() } });
    expect(en.body.error.message).toBe('Field "until" must be a time in the future.');
    expect((await s.call('POST', `/api/v1/tasks/${a.id}/snooze`, { token: tok.repA, body: {} })).body.error).toMatchObject({ code: 'validation.required', field: 'until' });
    expect((await s.call('POST', `/api/v1/tasks/${a.id}/snooze`, { token: tok.repA, body: { until: 'tomorrow' } })).body.error).toMatchObject({ code: 'validation.date', field: 'until' });
    expect((await audits(a.id)).map((x) => x.action)).toEqual(['create', 'snooze']);
  });

  it('keeps tasks to their owner and manager chain (404 for others), and checks related records', async () => {
    const a = (await s.call('POST', '/api/v1/tasks', { token: tok.repA, body: { title: '私人待办', dueAt: inDays(1) } })).body;
    for (const who of ['repB', 'repC', 'mgrWest', 'finance']) {
      expect((await s.call('GET', `/api/v1/tasks/${a.id}`, { token: tok[who] })).status, who).toBe(404);
      expect((await s.call('POST', `/api/v1/tasks/${a.id}/complete`, { token: tok[who] })).status, who).toBe(404);
    }
    expect((await s.call('PATCH', `/api/v1/tasks/${a.id}`, { token: tok.mgrEast, body: { dueAt: inDays(2) } })).status).toBe(200);
    // A manager may hand a task to a rep of their team, not to another team's rep.
    expect((await s.call('POST', '/api/v1/tasks', { token: tok.mgrEast, body: { title: '给张三', dueAt: inDays(1), ownerId: org.users.repA.id } })).status).toBe(201);
    expect((await s.call('POST', '/api/v1/tasks', { token: tok.mgrEast, body: { title: '给赵六', dueAt: inDays(1), ownerId: org.users.repC.id } })).status).toBe(403);
    expect((await s.call('POST', '/api/v1/tasks', { token: tok.repA, body: { title: '别人的客户', dueAt: inDays(1), customerId: otherCustomerId } })).status).toBe(404);
    // A status closes a task through complete/cancel (test/integration/chat/tasks-by-chat.test.ts); none reopens one.
    expect((await s.call('PATCH', `/api/v1/tasks/${a.id}`, { token: tok.repA, body: { status: 'open' } })).status).toBe(400);
    for (const who of ['repB', 'mgrWest']) expect((await s.call('POST', `/api/v1/tasks/${a.id}/cancel`, { token: tok[who] })).status, who).toBe(404);
    expect((await s.call('DELETE', `/api/v1/tasks/${a.id}`, { token: tok.repA })).status).toBe(204);
    expect((await audits(a.id)).map((x) => x.action)).toEqual(['create', 'update', 'delete']);
  });

  it('answers bad input with a localized 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ dueAt: inDays(1) }, 'validation.required', 'title'],
      [{ title: 'x' }, 'validation.required', 'dueAt'],
      [{ title: 'x'.repeat(256), dueAt: inDays(1) }, 'validation.too_long', 'title'],
      [{ title: 'x', dueAt: 12 }, 'validation.date', 'dueAt'],
      [{ title: 'x', dueAt: inDays(1), customerId: -3 }, 'validation.negative', 'customerId'],
    ];
    for (const [body, code, field] of cases) {
      const r = await s.call('POST', '/api/v1/tasks', { token: tok.repA, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error, JSON.stringify(body)).toMatchObject({ code, field });
      const en = await s.call('POST', '/api/v1/tasks', { token: tok.repA, body, lang: 'en-US' });
      expect(en.body.error.message).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

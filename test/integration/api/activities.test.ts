import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startServer, type TestServer } from '../../helpers/http.js';
import { DAY, HOUR } from '../../helpers/clock.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';
import { Activity } from '../../../server/domain/activity/activity.entity.js';
import { Task } from '../../../server/domain/activity/task.entity.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Lead } from '../../../server/domain/lead/lead.entity.js';

describe.each(TARGETS)('follow-ups (activities) API on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  let customerId: number; let poolCustomerId: number; let leadId: number;
  const log = (token: string, body: Record<string, unknown>, headers?: Record<string, string>, lang?: string) => s.call('POST', '/api/v1/activities', { token, body, headers, lang });
  const audits = (type: string, id: number) => t.db.ds.getRepository(AuditLog).find({ where: { entityType: type, entityId: id }, order: { id: 'ASC' } });

  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    s = await startServer(t.db);
    for (const [k, u] of Object.entries(org.users)) tok[k] = await s.login(u.username);
    tok.repAMini = await s.login(org.users.repA.username, 'miniapp');
    customerId = (await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '重庆南岸电子科技有限公司' } })).body.id;
    poolCustomerId = (await s.call('POST', '/api/v1/customers', { token: tok.admin, body: { name: '公海跟进测试公司', ownerId: null } })).body.id;
    leadId = (await s.call('POST', '/api/v1/leads', { token: tok.repA, body: { company: '线索跟进测试公司', contactName: '周先生', phone: '13900001111' } })).body.id;
  });
  afterAll(async () => { await s?.close(); await t?.close(); });

  it('logs a follow-up with a next step: activity, task, lastFollowUpAt and audit rows with the channel', async () => {
    const dueAt = new Date(t.clock.now().getTime() + 2 * DAY).toISOString();
    const r = await log(tok.repAMini, { customerId, type: 'visit', content: '拜访了刘总，聊了二期需求', nextStep: { title: '发送报价单', dueAt } });
    expect(r.status).toBe(201);
    expect(r.body.duplicate).toBe(false);
    expect(r.body.activity).toMatchObject({ customerId, type: 'visit', authorId: org.users.repA.id, channel: 'miniapp', nextStep: '发送报价单', custom: {} });
    expect(r.body.task).toMatchObject({ title: '发送报价单', dueAt, ownerId: org.users.repA.id, status: 'open', customerId, activityId: r.body.activity.id });
    expect(r.body.activity.taskId).toBe(r.body.task.id);
    const cust = await t.db.ds.getRepository(Customer).findOneByOrFail({ id: customerId });
    expect(cust.lastFollowUpAt?.toISOString()).toBe(t.clock.now().toISOString());
    expect((await audits('activity', r.body.activity.id)).map((a) => [a.action, a.channel, a.actorId])).toEqual([['create', 'miniapp', org.users.repA.id]]);
    expect((await audits('task', r.body.task.id)).map((a) => [a.action, a.channel])).toEqual([['create', 'miniapp']]);
    // A back-dated follow-up does not move lastFollowUpAt backwards.
    await log(tok.repA, { customerId, type: 'call', content: '补录上周电话', occurredAt: new Date(t.clock.now().getTime() - 7 * DAY).toISOString() });
    expect((await t.db.ds.getRepository(Customer).findOneByOrFail({ id: customerId })).lastFollowUpAt?.toISOString()).toBe(t.clock.now().toISOString());
  });

  it('marks a lead contacted on its first follow-up', async () => {
    t.clock.advance(HOUR);
    const r = await log(tok.repA, { leadId, type: 'call', content: '首次电话联系' });
    expect(r.status).toBe(201);
    const lead = await t.db.ds.getRepository(Lead).findOneByOrFail({ id: leadId });
    expect(lead.status).toBe('contacted');
    expect(lead.firstContactAt?.toISOString()).toBe(t.clock.now().toISOString());
    expect((await audits('lead', leadId)).map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('lets the owner\'s manager log; hides others\' records (404); refuses pool records (403)', async () => {
    expect((await log(tok.mgrEast, { customerId, type: 'meeting', content: '经理陪访' })).status).toBe(201);
    expect((await log(tok.director, { customerId, type: 'meeting', content: '总监陪访' })).status).toBe(201);
    for (const who of ['repB', 'repC', 'mgrWest']) expect((await log(tok[who], { customerId, type: 'call', content: '越权' })).status, who).toBe(404);
    expect((await log(tok.repC, { leadId, type: 'call', content: '越权' })).status).toBe(404);
    const pool = await log(tok.repA, { customerId: poolCustomerId, type: 'call', content: '公海' });
    expect(pool.status).toBe(403);
    expect(pool.body.error).toMatchObject({ code: 'activity.customer_in_pool' });
    expect(pool.body.error.message).toContain('公海跟进测试公司');
    expect((await log(tok.finance, { customerId, type: 'call', content: '财务' })).status).toBe(404);
  });

  it('is idempotent by key: the same key returns the first follow-up and creates nothing new (body field or header)', async () => {
    const body = { customerId, type: 'wechat', content: '微信沟通', idempotencyKey: 'draft-001', nextStep: { title: '回访', dueAt: new Date(t.clock.now().getTime() + DAY).toISOString() } };
    const a = await log(tok.repA, body);
    const b = await log(tok.repA, { ...body, content: '重复提交，内容变了也不新建' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.duplicate).toBe(true);
    expect(b.body.activity.id).toBe(a.body.activity.id);
    expect(b.body.activity.content).toBe('微信沟通');
    expect(b.body.task.id).toBe(a.body.task.id);
    expect(await t.db.ds.getRepository(Activity).countBy({ idempotencyKey: 'draft-001' })).toBe(1);
    expect(await t.db.ds.getRepository(Task).countBy({ activityId: a.body.activity.id })).toBe(1);
    const h1 = await log(tok.repA, { customerId, type: 'call', content: '头部幂等' }, { 'Idempotency-Key': 'hdr-1' });
    const h2 = await log(tok.repA, { customerId, type: 'call', content: '头部幂等' }, { 'Idempotency-Key': 'hdr-1' });
    expect(h2.body.activity.id).toBe(h1.body.activity.id);
    expect(h2.body.duplicate).toBe(true);
    // Keys are per author: the manager using the same key logs their own follow-up.
    const other = await log(tok.mgrEast, { customerId, type: 'call', content: '经理同 key' }, { 'Idempotency-Key': 'hdr-1' });
    expect(other.body.activity.id).not.toBe(h1.body.activity.id);
    const mismatch = await log(tok.repA, { customerId, type: 'call', content: 'x', idempotencyKey: 'a' }, { 'Idempotency-Key': 'b' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.field).toBe('idempotencyKey');
  });

  it('settles concurrent twins with one follow-up (unique index), all answering with it', async () => {
    const before = await t.db.ds.getRepository(Activity).count();
    const body = { customerId, type: 'call', content: '并发重试', nextStep: { title: '并发待办', dueAt: new Date(t.clock.now().getTime() + DAY).toISOString() } };
    const rs = await Promise.all(Array.from({ length: 6 }, () => log(tok.repA, body, { 'Idempotency-Key': 'race-1' })));
    for (const r of rs) expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(new Set(rs.map((r) => r.body.activity.id)).size).toBe(1);
    expect(rs.filter((r) => !r.body.duplicate)).toHaveLength(1);
    expect(await t.db.ds.getRepository(Activity).count()).toBe(before + 1);
    expect(await t.db.ds.getRepository(Task).countBy({ title: '并发待办' })).toBe(1);
    expect(await t.db.ds.getRepository(AuditLog).countBy({ entityType: 'activity', entityId: rs[0].body.activity.id })).toBe(1);
  });

  it('lists with filters, gets, edits and deletes by author or manager only', async () => {
    const list = await s.call('GET', `/api/v1/activities?customerId=${customerId}&type=visit`, { token: tok.repA });
    expect(list.status).toBe(200);
    expect(list.body.items.map((x: any) => x.content)).toEqual(['拜访了刘总，聊了二期需求']);
    const ranged = await s.call('GET', `/api/v1/activities?customerId=${customerId}&occurredAt.lt=${new Date(t.clock.now().getTime() - DAY).toISOString()}`, { token: tok.repA });
    expect(ranged.body.items.map((x: any) => x.content)).toEqual(['补录上周电话']);
    const byAuthor = await s.call('GET', `/api/v1/activities?authorId=${org.users.mgrEast.id}&customerId=${customerId}`, { token: tok.repA });
    expect(byAuthor.body.items.every((x: any) => x.authorId === org.users.mgrEast.id)).toBe(true);
    expect((await s.call('GET', `/api/v1/activities?customerId=${customerId}`, { token: tok.repC })).body.items).toEqual([]);
    const a = list.body.items[0];
    expect((await s.call('GET', `/api/v1/activities/${a.id}`, { token: tok.repB })).status).toBe(404);
    const mgrNote = byAuthor.body.items[0];
    // repA sees the manager's follow-up on their customer but may not rewrite it.
    const refused = await s.call('PATCH', `/api/v1/activities/${mgrNote.id}`, { token: tok.repA, body: { content: '改经理的' } });
    expect(refused.status).toBe(403);
    // People read why in their words; developers get the action refused beside it.
    expect(refused.body.error).toMatchObject({ code: 'forbidden', message: '你没有权限执行此操作。', action: expect.stringMatching(/^activity\./) });
    expect((await s.call('DELETE', `/api/v1/activities/${mgrNote.id}`, { token: tok.repA })).status).toBe(403);
    const edited = await s.call('PATCH', `/api/v1/activities/${a.id}`, { token: tok.repA, body: { content: '拜访了刘总（补充：预算 50 万）' } });
    expect(edited.status).toBe(200);
    expect((await s.call('PATCH', `/api/v1/activities/${a.id}`, { token: tok.mgrEast, body: { type: 'meeting' } })).status).toBe(200);
    expect((await s.call('PATCH', `/api/v1/activities/${a.id}`, { token: tok.repA, body: { customerId: 1 } })).status).toBe(400);
    // Pointed at another customer's opportunity: refused as when logged; at its own customer's, kept.
    const other = (await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '改商机测试公司' } })).body.id;
    const foreign = (await s.call('POST', '/api/v1/opportunities', { token: tok.repA, body: { customerId: other, name: '别家的商机', amountCents: 100 } })).body.id;
    const own = (await s.call('POST', '/api/v1/opportunities', { token: tok.repA, body: { customerId, name: '自家的商机', amountCents: 100 } })).body.id;
    const mismatch = await s.call('PATCH', `/api/v1/activities/${a.id}`, { token: tok.repA, body: { opportunityId: foreign } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.message).toBe('字段「opportunityId」指定的商机不属于该客户。');
    const linked = await s.call('PATCH', `/api/v1/activities/${a.id}`, { token: tok.repA, body: { opportunityId: own } });
    expect(linked.status).toBe(200);
    expect(linked.body.opportunityId).toBe(own);
    expect((await s.call('DELETE', `/api/v1/activities/${a.id}`, { token: tok.mgrEast })).status).toBe(204);
    expect((await audits('activity', a.id)).map((x) => [x.action, x.channel])).toEqual([['create', 'miniapp'], ['update', 'api'], ['update', 'api'], ['update', 'api'], ['delete', 'api']]);
  });

  it('takes an outcome (reached when not said) and documents it in OpenAPI', async () => {
    t.clock.advance(HOUR);
    expect((await log(tok.repA, { customerId, type: 'call', content: '电话没人接', outcome: 'failed' })).body.activity.outcome).toBe('failed');
    expect((await log(tok.repA, { customerId, type: 'call', content: '电话沟通了报价' })).body.activity.outcome).toBe('reached');
    const failed = await s.call('GET', `/api/v1/activities?customerId=${customerId}&outcome=failed`, { token: tok.repA });
    expect(failed.body.items.map((a: { content: string }) => a.content)).toEqual(['电话没人接']);
    const doc = await s.call('GET', '/api/v1/openapi.json');
    expect(doc.body.components.schemas['activity.create'].properties.outcome.enum).toEqual(['reached', 'failed']);
  });

  it('answers every bad-input class with a localized 400 naming the field', async () => {
    const future = new Date(t.clock.now().getTime() + DAY).toISOString();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ customerId, content: 'x' }, 'validation.required', 'type'],
      [{ customerId, type: 'call' }, 'validation.required', 'content'],
      [{ customerId, type: 'call', content: '   ' }, 'validation.required', 'content'],
      [{ customerId, type: 'fax', content: 'x' }, 'validation.option', 'type'],
      [{ customerId, type: 'call', content: 'x', outcome: 'maybe' }, 'validation.option', 'outcome'],
      [{ customerId, type: 'call', content: 'x'.repeat(5001) }, 'validation.too_long', 'content'],
      [{ customerId: 'abc', type: 'call', content: 'x' }, 'validation.type_number', 'customerId'],
      [{ type: 'call', content: 'x' }, 'activity.target_required', 'customerId'],
      [{ customerId, leadId, type: 'call', content: 'x' }, 'activity.target_required', 'leadId'],
      [{ customerId, type: 'call', content: 'x', occurredAt: future }, 'activity.occurred_in_future', 'occurredAt'],
      [{ customerId, type: 'call', content: 'x', occurredAt: '昨天' }, 'validation.date', 'occurredAt'],
      [{ customerId, type: 'call', content: 'x', nextStep: { title: '回访' } }, 'validation.required', 'nextStep.dueAt'],
      [{ customerId, type: 'call', content: 'x', idempotencyKey: 'k'.repeat(65) }, 'validation.too_long', 'idempotencyKey'],
      [{ customerId, type: 'call', content: 'x', color: 'red' }, 'validation.unknown_field', 'color'],
    ];
    const before = await t.db.ds.getRepository(Activity).count();
    for (const [body, code, field] of cases) {
      const zh = await log(tok.repA, body);
      expect(zh.status, JSON.stringify(body)).toBe(400);
      expect(zh.body.error, JSON.stringify(body)).toMatchObject({ code, field });
      expect(zh.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      const en = await log(tok.repA, body, undefined, 'en-US');
      expect(en.body.error.message, JSON.stringify(body)).not.toMatch(/[\u4e00-\u9fff]/);
      expect(en.body.error.message).not.toContain('error.');
    }
    expect(await t.db.ds.getRepository(Activity).count()).toBe(before);
  });
});

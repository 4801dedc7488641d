import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startServer, type TestServer } from '../../helpers/http.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';
import { StageHistory } from '../../../server/domain/opportunity/stage-history.entity.js';

describe.each(TARGETS)('opportunities API on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  let customerId: number; let otherCustomerId: number; let poolCustomerId: number;
  const audits = (id: number) => t.db.ds.getRepository(AuditLog).find({ where: { entityType: 'opportunity', entityId: id }, order: { id: 'ASC' } });
  const history = (id: number) => t.db.ds.getRepository(StageHistory).find({ where: { opportunityId: id }, order: { id: 'ASC' } });
  const create = (token: string, body: Record<string, unknown>) => s.call('POST', '/api/v1/opportunities', { token, body });

  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    s = await startServer(t.db);
    for (const [k, u] of Object.entries(org.users)) tok[k] = await s.login(u.username);
    customerId = (await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '重庆江北智能制造有限公司' } })).body.id;
    otherCustomerId = (await s.call('POST', '/api/v1/customers', { token: tok.repC, body: { name: '重庆九龙坡建材有限公司' } })).body.id;
    poolCustomerId = (await s.call('POST', '/api/v1/customers', { token: tok.admin, body: { name: '公海商机测试公司', ownerId: null } })).body.id;
  });
  afterAll(async () => { await s?.close(); await t?.close(); });

  it('creates in the first configured stage with its probability, and records the entry in stage history', async () => {
    const r = await create(tok.repA, { customerId, name: 'MES 系统一期' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ customerId, name: 'MES 系统一期', stage: 'initial_contact', probability: 10, status: 'open', ownerId: org.users.repA.id, amountCents: 0 });
    expect((await history(r.body.id)).map((h) => [h.fromStage, h.toStage])).toEqual([[null, 'initial_contact']]);
    expect((await audits(r.body.id)).map((a) => [a.action, a.channel])).toEqual([['create', 'api']]);
  });

  it('moves through stages, refusing a stage whose required field is missing (400 naming it, localized)', async () => {
    const o = (await create(tok.repA, { customerId, name: '仓储改造' })).body;
    const m1 = await s.call('POST', `/api/v1/opportunities/${o.id}/stage`, { token: tok.repA, body: { stage: 'needs_analysis' } });
    expect(m1.status).toBe(200);
    expect(m1.body).toMatchObject({ stage: 'needs_analysis', probability: 30 });
    const zh = await s.call('POST', `/api/v1/opportunities/${o.id}/stage`, { token: tok.repA, body: { stage: 'proposal' } });
    expect(zh.status).toBe(400);
    expect(zh.body.error).toMatchObject({ code: 'opportunity.stage_requires', field: 'amountCents' });
    expect(zh.body.error.message).toContain('方案报价');
    const en = await s.call('POST', `/api/v1/opportunities/${o.id}/stage`, { token: tok.repA, body: { stage: 'proposal' }, lang: 'en-US' });
    expect(en.body.error.message).toBe('Fill in field "amountCents" before moving to stage "Proposal".');
    expect((await s.call('PATCH', `/api/v1/opportunities/${o.id}`, { token: tok.repA, body: { amountCents: 120_000_00 } })).status).toBe(200);
    expect((await s.call('POST', `/api/v1/opportunities/${o.id}/stage`, { token: tok.repA, body: { stage: 'proposal' } })).body.probability).toBe(60);
    const neg = await s.call('POST', `/api/v1/opportunities/${o.id}/stage`, { token: tok.repA, body: { stage: 'negotiation' } });
    expect(neg.body.error).toMatchObject({ code: 'opportunity.stage_requires', field: 'expectedCloseAt' });
    const unknown = await s.call('POST', `/api/v1/opportunities/${o.id}/stage`, { token: tok.repA, body: { stage: 'dreaming' } });
    expect(unknown.body.error).toMatchObject({ code: 'opportunity.unknown_stage', field: 'stage' });
    expect((await history(o.id)).map((h) => h.toStage)).toEqual(['initial_contact', 'needs_analysis', 'proposal']);
    const logs = (await audits(o.id)).filter((a) => a.action === 'stage_change');
    expect(logs).toHaveLength(2);
    expect(logs[1]).toMatchObject({ channel: 'api', actorId: org.users.repA.id, diff: { stage: ['needs_analysis', 'proposal'], probability: [30, 60] } });
  });

  it('closes as won or lost (lost needs a reason); a closed opportunity does not move again', async () => {
    const w = (await create(tok.repA, { customerId, name: '赢单测试', amountCents: 5000_00 })).body;
    const won = await s.call('POST', `/api/v1/opportunities/${w.id}/stage`, { token: tok.mgrEast, body: { stage: 'won' } });
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({ status: 'won', stage: 'won', probability: 100 });
    expect(won.body.closedAt).toBe(t.clock.now().toISOString());
    expect((await s.call('POST', `/api/v1/opportunities/${w.id}/stage`, { token: tok.repA, body: { stage: 'proposal' } })).status).toBe(409);
    const l = (await create(tok.repA, { customerId, name: '输单测试' })).body;
    const noReason = await s.call('POST', `/api/v1/opportunities/${l.id}/stage`, { token: tok.repA, body: { stage: 'lost' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ code: 'validation.required', field: 'lostReason' });
    const lost = await s.call('POST', `/api/v1/opportunities/${l.id}/stage`, { token: tok.repA, body: { stage: 'lost', lostReason: '价格太高' } });
    expect(lost.body).toMatchObject({ status: 'lost', lostReason: '价格太高', probability: 0 });
    const closed = await s.call('GET', '/api/v1/opportunities?status=won,lost', { token: tok.repA });
    expect(closed.body.items.map((x: any) => x.name).sort()).toEqual(['赢单测试', '输单测试'].sort());
  });

  it('validates creation: stage rules, unknown stage and every bad-input class', async () => {
    const direct = await create(tok.repA, { customerId, name: '直接报价', stage: 'proposal' });
    expect(direct.body.error).toMatchObject({ code: 'opportunity.stage_requires', field: 'amountCents' });
    expect((await create(tok.repA, { customerId, name: '直接报价', stage: 'proposal', amountCents: 1_00 })).body.probability).toBe(60);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ customerId }, 'validation.required', 'name'],
      [{ name: 'x' }, 'validation.required', 'customerId'],
      [{ customerId, name: 'x'.repeat(129) }, 'validation.too_long', 'name'],
      [{ customerId, name: 'x', amountCents: -1 }, 'validation.negative', 'amountCents'],
      [{ customerId, name: 'x', amountCents: 1.5 }, 'validation.integer_cents', 'amountCents'],
      [{ customerId, name: 'x', amountCents: '100' }, 'validation.type_number', 'amountCents'],
      [{ customerId, name: 'x', expectedCloseAt: 'next week' }, 'validation.date', 'expectedCloseAt'],
      [{ customerId, name: 'x', stage: 'nope' }, 'opportunity.unknown_stage', 'stage'],
    ];
    for (const [body, code, field] of cases) {
      const r = await create(tok.repA, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error, JSON.stringify(body)).toMatchObject({ code, field });
      const en = await s.call('POST', '/api/v1/opportunities', { token: tok.repA, body, lang: 'en-US' });
      expect(en.body.error.message).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('applies row rules: invisible is 404, pool customer and finance are 403, reps do not delete', async () => {
    const o = (await create(tok.repA, { customerId, name: '权限测试' })).body;
    for (const who of ['repB', 'repC', 'mgrWest', 'finance']) {
      expect((await s.call('GET', `/api/v1/opportunities/${o.id}`, { token: tok[who] })).status, who).toBe(404);
      expect((await s.call('POST', `/api/v1/opportunities/${o.id}/stage`, { token: tok[who], body: { stage: 'needs_analysis' } })).status, who).toBe(404);
    }
    expect((await create(tok.repA, { customerId: otherCustomerId, name: '别人的客户' })).status).toBe(404);
    expect((await create(tok.repA, { customerId: poolCustomerId, name: '公海客户' })).status).toBe(403);
    expect((await create(tok.finance, { customerId, name: '财务' })).status).toBe(403);
    expect((await s.call('DELETE', `/api/v1/opportunities/${o.id}`, { token: tok.repA })).status).toBe(403);
    expect((await s.call('DELETE', `/api/v1/opportunities/${o.id}`, { token: tok.mgrEast })).status).toBe(204);
    expect((await audits(o.id)).map((a) => a.action)).toEqual(['create', 'delete']);
    expect((await s.call('PATCH', `/api/v1/opportunities/${o.id}`, { token: tok.repA, body: { name: 'x' } })).status).toBe(404);
  });

  it('filters and sorts lists', async () => {
    const mk = async (name: string, amountCents: number, expectedCloseAt: string) => (await create(tok.repB, { customerId: (await s.call('POST', '/api/v1/customers', { token: tok.repB, body: { name: `${name}客户` } })).body.id, name, amountCents, expectedCloseAt })).body;
    await mk('小单', 1_000_00, '2026-12-01T00:00:00Z');
    await mk('中单', 50_000_00, '2027-01-15T00:00:00Z');
    await mk('大单', 900_000_00, '2027-03-01T00:00:00Z');
    const byAmount = await s.call('GET', '/api/v1/opportunities?sort=-amountCents', { token: tok.repB });
    expect(byAmount.body.items.map((x: any) => x.name)).toEqual(['大单', '中单', '小单']);
    const range = await s.call('GET', `/api/v1/opportunities?expectedCloseAt.gte=2027-01-01T00:00:00Z&expectedCloseAt.lt=2027-02-01T00:00:00Z&ownerId=${org.users.repB.id}`, { token: tok.mgrEast });
    expect(range.body.items.map((x: any) => x.name)).toEqual(['中单']);
    const byStage = await s.call('GET', '/api/v1/opportunities?stage=initial_contact&status=open&sort=expectedCloseAt', { token: tok.repB });
    expect(byStage.body.items.map((x: any) => x.name)).toEqual(['小单', '中单', '大单']);
    expect((await s.call('GET', '/api/v1/opportunities?sort=color', { token: tok.repB })).status).toBe(400);
  });

  it('lists the configured stages in the caller\'s language', async () => {
    const zh = await s.call('GET', '/api/v1/stages', { token: tok.repA });
    expect(zh.body.map((x: any) => x.label)).toEqual(['初步接洽', '需求分析', '方案报价', '商务谈判', '赢单', '输单']);
    const en = await s.call('GET', '/api/v1/stages', { token: tok.repB });
    expect(en.body.map((x: any) => x.key)).toEqual(['initial_contact', 'needs_analysis', 'proposal', 'negotiation', 'won', 'lost']);
    expect(en.body[2]).toEqual({ key: 'proposal', label: 'Proposal', probability: 60, requiredFields: ['amountCents'], closed: false });
  });
});

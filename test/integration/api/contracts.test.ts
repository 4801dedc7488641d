import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startServer, type TestServer } from '../../helpers/http.js';
import { DAY } from '../../helpers/clock.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { systemActor } from '../../../server/domain/shared/actor.js';
import { putSetting } from '../../../server/domain/settings/settings.js';
import { decideContract } from '../../../server/domain/contract/decide-contract.js';
import { DomainError } from '../../../server/domain/shared/domain-error.js';

describe.each(TARGETS)('contracts and payments API on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};
  let customerId: number;
  const audits = (type: string, id: number) => t.db.ds.getRepository(AuditLog).find({ where: { entityType: type, entityId: id }, order: { id: 'ASC' } });
  const mkContract = async (extra: Record<string, unknown> = {}) => (await s.call('POST', '/api/v1/contracts', { token: tok.repA, body: { customerId, title: '年度服务合同', amountCents: 800_000_00, ...extra } })).body;
  const decide = (id: number, d: 'approved' | 'rejected') => withTx(t.db, systemActor('approval-rule-1'), (c) => decideContract(c, id, d));

  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    s = await startServer(t.db);
    for (const [k, u] of Object.entries(org.users)) tok[k] = await s.login(u.username);
    customerId = (await s.call('POST', '/api/v1/customers', { token: tok.repA, body: { name: '重庆长寿化工有限公司' } })).body.id;
  });
  afterAll(async () => { await s?.close(); await t?.close(); });

  it('creates a draft, edits it, submits (then it is frozen), withdraws, resubmits and gets approved by the engine', async () => {
    const c = await mkContract({ startAt: '2027-01-01T00:00:00Z', endAt: '2027-12-31T00:00:00Z' });
    expect(c).toMatchObject({ status: 'draft', ownerId: org.users.repA.id, customerId, amountCents: 800_000_00, custom: {} });
    expect((await s.call('PATCH', `/api/v1/contracts/${c.id}`, { token: tok.repA, body: { amountCents: 750_000_00 } })).body.amountCents).toBe(750_000_00);
    const sub = await s.call('POST', `/api/v1/contracts/${c.id}/submit`, { token: tok.repA });
    expect(sub.status).toBe(200);
    expect(sub.body).toMatchObject({ status: 'pending', submittedAt: t.clock.now().toISOString(), approvalId: expect.any(Number) });
    expect((await s.call('GET', `/api/v1/approvals/${sub.body.approvalId}`, { token: tok.repA })).status).toBe(200);
    const frozen = await s.call('PATCH', `/api/v1/contracts/${c.id}`, { token: tok.repA, body: { amountCents: 1 } });
    expect(frozen.status).toBe(409);
    expect(frozen.body.error.code).toBe('contract.not_editable');
    expect((await s.call('PATCH', `/api/v1/contracts/${c.id}`, { token: tok.repA, body: { amountCents: 1 }, lang: 'en-US' })).body.error.message).toMatch(/withdraw it first/);
    expect((await s.call('DELETE', `/api/v1/contracts/${c.id}`, { token: tok.repA })).status).toBe(409);
    expect((await s.call('POST', `/api/v1/contracts/${c.id}/withdraw`, { token: tok.mgrEast })).status).toBe(403);
    expect((await s.call('POST', `/api/v1/contracts/${c.id}/withdraw`, { token: tok.repA })).body.status).toBe('withdrawn');
    expect((await s.call('PATCH', `/api/v1/contracts/${c.id}`, { token: tok.repA, body: { title: '年度服务合同（修订）' } })).status).toBe(200);
    expect((await s.call('POST', `/api/v1/contracts/${c.id}/submit`, { token: tok.repA })).body.status).toBe('pending');
    const approved = await decide(c.id, 'approved');
    expect(approved).toMatchObject({ status: 'approved' });
    expect((await s.call('POST', `/api/v1/contracts/${c.id}/submit`, { token: tok.repA })).status).toBe(409);
    expect((await s.call('POST', `/api/v1/contracts/${c.id}/withdraw`, { token: tok.repA })).status).toBe(409);
    const logs = await audits('contract', c.id);
    expect(logs.map((l) => [l.action, l.channel])).toEqual([
      ['create', 'api'], ['update', 'api'], ['submit', 'api'], ['withdraw', 'api'], ['update', 'api'], ['submit', 'api'], ['approve', 'system'],
    ]);
    expect(logs[6]).toMatchObject({ ruleId: 'approval-rule-1', actorId: null });
  });

  it('lets only the system or an admin decide, and only a pending contract', async () => {
    const c = await mkContract();
    await expect(decide(c.id, 'approved')).rejects.toMatchObject({ code: 'contract.bad_transition' });
    await s.call('POST', `/api/v1/contracts/${c.id}/submit`, { token: tok.repA });
    const rep = { userId: org.users.repA.id, role: 'rep' as const, teamId: org.users.repA.teamId, locale: 'zh-CN' as const, channel: 'api' as const };
    await expect(withTx(t.db, rep, (x) => decideContract(x, c.id, 'approved'))).rejects.toBeInstanceOf(DomainError);
    await expect(withTx(t.db, rep, (x) => decideContract(x, c.id, 'approved'))).rejects.toMatchObject({ kind: 'forbidden' });
    const admin = { userId: org.users.admin.id, role: 'admin' as const, teamId: null, locale: 'zh-CN' as const, channel: 'card' as const };
    expect(await withTx(t.db, admin, (x) => decideContract(x, c.id, 'rejected'))).toMatchObject({ status: 'rejected' });
    expect((await audits('contract', c.id)).at(-1)).toMatchObject({ action: 'reject', channel: 'card' });
    // A rejected contract is editable and can be submitted again.
    expect((await s.call('PATCH', `/api/v1/contracts/${c.id}`, { token: tok.repA, body: { amountCents: 10_00 } })).status).toBe(200);
    expect((await s.call('POST', `/api/v1/contracts/${c.id}/submit`, { token: tok.repA })).body.status).toBe('pending');
  });

  it('scopes contracts: owners and their managers, finance and admins all; others 404; field rules hide the amount', async () => {
    const c = await mkContract({ title: '范围测试合同' });
    for (const who of ['repB', 'repC', 'mgrWest']) expect((await s.call('GET', `/api/v1/contracts/${c.id}`, { token: tok[who] })).status, who).toBe(404);
    for (const who of ['mgrEast', 'director', 'finance', 'admin']) expect((await s.call('GET', `/api/v1/contracts/${c.id}`, { token: tok[who] })).status, who).toBe(200);
    expect((await s.call('GET', '/api/v1/contracts', { token: tok.finance })).body.items.length).toBeGreaterThanOrEqual(3);
    expect((await s.call('POST', '/api/v1/contracts', { token: tok.finance, body: { customerId, title: 'x', amountCents: 1 } })).status).toBe(403);
    expect((await s.call('DELETE', `/api/v1/contracts/${c.id}`, { token: tok.repC })).status).toBe(404);
    await withTx(t.db, systemActor(), (x) => putSetting(x, 'fieldRules', [{ object: 'contract', field: 'amountCents', hiddenFor: ['manager'], exceptWhen: 'owner' }]));
    try {
      const seen = await s.call('GET', `/api/v1/contracts/${c.id}`, { token: tok.mgrEast });
      expect(seen.body).not.toHaveProperty('amountCents');
      const listed = await s.call('GET', `/api/v1/contracts?customerId=${customerId}`, { token: tok.mgrEast });
      expect(listed.body.items.every((x: any) => !('amountCents' in x))).toBe(true);
      expect((await s.call('PATCH', `/api/v1/contracts/${c.id}`, { token: tok.mgrEast, body: { amountCents: 5 } })).status).toBe(403);
      expect((await s.call('GET', `/api/v1/contracts/${c.id}`, { token: tok.repA })).body.amountCents).toBe(800_000_00);
    } finally {
      await withTx(t.db, systemActor(), (x) => putSetting(x, 'fieldRules', [{ object: 'contract', field: 'amountCents', hiddenFor: ['rep'], exceptWhen: 'team' }]));
    }
    expect((await s.call('DELETE', `/api/v1/contracts/${c.id}`, { token: tok.repA })).status).toBe(204);
    expect((await audits('contract', c.id)).map((l) => l.action)).toEqual(['create', 'delete']);
  });

  it('plans payments and lets finance record receipts; the status follows the amounts', async () => {
    const c = await mkContract({ title: '回款测试合同', amountCents: 300_000_00 });
    const p = await s.call('POST', '/api/v1/payments', { token: tok.repA, body: { contractId: c.id, plannedAmountCents: 200_000_00, plannedAt: new Date(t.clock.now().getTime() + 30 * DAY).toISOString() } });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ status: 'planned', receivedAmountCents: 0, ownerId: org.users.repA.id });
    const early = await s.call('POST', `/api/v1/payments/${p.body.id}/receive`, { token: tok.finance, body: { amountCents: 1_00 } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('payment.contract_not_approved');
    await s.call('POST', `/api/v1/contracts/${c.id}/submit`, { token: tok.repA });
    await decide(c.id, 'approved');
    expect((await s.call('POST', `/api/v1/payments/${p.body.id}/receive`, { token: tok.repA, body: { amountCents: 1_00 } })).status).toBe(403);
    expect((await s.call('POST', `/api/v1/payments/${p.body.id}/receive`, { token: tok.repC, body: { amountCents: 1_00 } })).status).toBe(404);
    const part = await s.call('POST', `/api/v1/payments/${p.body.id}/receive`, { token: tok.finance, body: { amountCents: 50_000_00 } });
    expect(part.body).toMatchObject({ status: 'partial', receivedAmountCents: 50_000_00, receivedAt: t.clock.now().toISOString() });
    const full = await s.call('POST', `/api/v1/payments/${p.body.id}/receive`, { token: tok.finance, body: { amountCents: 150_000_00, note: '尾款' } });
    expect(full.body).toMatchObject({ status: 'received', receivedAmountCents: 200_000_00, note: '尾款' });
    expect((await audits('payment', p.body.id)).map((l) => [l.action, l.channel, l.actorId])).toEqual([
      ['create', 'api', org.users.repA.id], ['receive', 'api', org.users.finance.id], ['receive', 'api', org.users.finance.id],
    ]);
    expect((await s.call('DELETE', `/api/v1/payments/${p.body.id}`, { token: tok.finance })).status).toBe(409);
    expect((await s.call('PATCH', `/api/v1/payments/${p.body.id}`, { token: tok.repA, body: { status: 'received' } })).status).toBe(400);
    // Raising the plan above what arrived makes it partial again.
    expect((await s.call('PATCH', `/api/v1/payments/${p.body.id}`, { token: tok.finance, body: { plannedAmountCents: 250_000_00 } })).body.status).toBe('partial');
    const listed = await s.call('GET', `/api/v1/payments?contractId=${c.id}&status=partial`, { token: tok.repA });
    expect(listed.body.items.map((x: any) => x.id)).toEqual([p.body.id]);
    expect((await s.call('GET', `/api/v1/payments?contractId=${c.id}`, { token: tok.repB })).body.items).toEqual([]);
    const p2 = await s.call('POST', '/api/v1/payments', { token: tok.repA, body: { contractId: c.id, plannedAmountCents: 100_000_00 } });
    expect((await s.call('DELETE', `/api/v1/payments/${p2.body.id}`, { token: tok.repA })).status).toBe(204);
    const v = await s.call('GET', `/api/v1/customers/${customerId}/360`, { token: tok.repA });
    expect(v.body.contracts.find((x: any) => x.id === c.id).payments).toEqual({ count: 1, plannedCents: 250_000_00, receivedCents: 200_000_00 });
  });

  it('answers every bad-input class with a localized 400 naming the field', async () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['/contracts', { customerId, amountCents: 1 }, 'validation.required', 'title'],
      ['/contracts', { customerId, title: 'x' }, 'validation.required', 'amountCents'],
      ['/contracts', { customerId, title: 'x'.repeat(129), amountCents: 1 }, 'validation.too_long', 'title'],
      ['/contracts', { customerId, title: 'x', amountCents: -100 }, 'validation.negative', 'amountCents'],
      ['/contracts', { customerId, title: 'x', amountCents: 99.5 }, 'validation.integer_cents', 'amountCents'],
      ['/contracts', { customerId, title: 'x', amountCents: '100' }, 'validation.type_number', 'amountCents'],
      ['/contracts', { customerId, title: 'x', amountCents: 1, startAt: '2027-02-01T00:00:00Z', endAt: '2027-01-01T00:00:00Z' }, 'contract.end_before_start', 'endAt'],
      ['/contracts', { customerId, title: 'x', amountCents: 1, signedAt: '2027-13-01' }, 'validation.date', 'signedAt'],
      ['/payments', { plannedAmountCents: 1 }, 'validation.required', 'contractId'],
      ['/payments', { contractId: 1, plannedAmountCents: -1 }, 'validation.negative', 'plannedAmountCents'],
    ];
    for (const [path, body, code, field] of cases) {
      const r = await s.call('POST', `/api/v1${path}`, { token: tok.repA, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error, JSON.stringify(body)).toMatchObject({ code, field });
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      const en = await s.call('POST', `/api/v1${path}`, { token: tok.repA, body, lang: 'en-US' });
      expect(en.body.error.message).not.toMatch(/[\u4e00-\u9fff]/);
    }
    const c = await mkContract();
    await s.call('POST', `/api/v1/contracts/${c.id}/submit`, { token: tok.repA });
    await decide(c.id, 'approved');
    const p = (await s.call('POST', '/api/v1/payments', { token: tok.repA, body: { contractId: c.id, plannedAmountCents: 10_00 } })).body;
    for (const [body, code, field] of [
      [{ amountCents: -1 }, 'validation.negative', 'amountCents'],
      [{ amountCents: 0 }, 'validation.positive', 'amountCents'],
      [{}, 'validation.required', 'amountCents'],
      [{ amountCents: 1, receivedAt: new Date(t.clock.now().getTime() + DAY).toISOString() }, 'payment.received_in_future', 'receivedAt'],
    ] as const) {
      const r = await s.call('POST', `/api/v1/payments/${p.id}/receive`, { token: tok.finance, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toMatchObject({ code, field });
    }
  });
});

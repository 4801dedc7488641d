import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startServer, type TestServer } from '../../helpers/http.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Contract, type ContractStatus } from '../../../server/domain/contract/contract.entity.js';
import { Payment } from '../../../server/domain/contract/payment.entity.js';
import { PaymentReceipt } from '../../../server/domain/contract/payment-receipt.entity.js';
import { normalizeCompanyName } from '../../../server/domain/shared/normalize-name.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { systemActor } from '../../../server/domain/shared/actor.js';
import { putSetting } from '../../../server/domain/settings/settings.js';
import { In } from 'typeorm';

// 2026-11-18 10:00 Asia/Shanghai.
const NOW = new Date('2026-11-18T02:00:00Z');
const day = (local: string) => new Date(`${local}T00:00:00+08:00`);
const MIN = 60_000;

describe.each(TARGETS)('回款 API: receipts on a contract, undo, open instalments, the month on %s', (target) => {
  let t: TestDb; let org: Org; let s: TestServer;
  const tok: Record<string, string> = {};

  const contract = async (ownerId: number, name: string, plans: [number, string][], status: ContractStatus = 'approved') => {
    const cu = await t.db.ds.getRepository(Customer).save({ name, normalizedName: normalizeCompanyName(name), level: 'B', ownerId, failedFollowUps: 0, createdAt: NOW, updatedAt: NOW } as Customer);
    const k = await t.db.ds.getRepository(Contract).save({
      title: `${name}合同`, customerId: cu.id, amountCents: plans.reduce((x, [c]) => x + c, 0), status, ownerId, number: null, opportunityId: null,
      signedAt: null, startAt: null, endAt: null, submittedAt: null, decidedAt: null, approvalId: null, custom: null, createdAt: NOW, updatedAt: NOW,
    } as Contract);
    const ps: Payment[] = [];
    for (const [cents, at] of plans) {
      ps.push(await t.db.ds.getRepository(Payment).save({
        contractId: k.id, plannedAmountCents: cents, plannedAt: day(at), receivedAmountCents: 0, receivedAt: null, status: 'planned', note: null, ownerId, createdAt: NOW, updatedAt: NOW,
      } as Payment));
    }
    return { k, ps };
  };
  const pay = (id: number) => t.db.ds.getRepository(Payment).findOneByOrFail({ id });
  const receive = (id: number, body: Record<string, unknown>, token = tok.finance, headers: Record<string, string> = {}) => s.call('POST', `/api/v1/contracts/${id}/receive`, { token, body, headers });
  const undo = (id: number, token = tok.finance) => s.call('POST', `/api/v1/payment-receipts/${id}/undo`, { token });

  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    s = await startServer(t.db);
    for (const [k, u] of Object.entries(org.users)) tok[k] = await s.login(u.username);
  });
  afterAll(async () => { await s?.close(); await t?.close(); });

  it('records a receipt on the oldest instalments first, refuses more than is open, and answers a replay with the first receipt', async () => {
    const { k, ps: [a, b] } = await contract(org.users.repA.id, '两江物流', [[300_00, '2026-10-01'], [500_00, '2026-12-01']]);
    expect((await receive(k.id, { amountCents: 100_00 }, tok.repA)).status).toBe(403);
    expect((await receive(k.id, { amountCents: 100_00 }, tok.repC)).status).toBe(404);
    const over = await receive(k.id, { amountCents: 900_00 });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'payment.exceeds_outstanding', message: '「两江物流合同」待收 800 元，本次 900 元超出了待收金额，未登记。' });
    const r = await receive(k.id, { amountCents: 400_00 }, tok.finance, { 'idempotency-key': 'bank-2026-11-18-001' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      contractId: k.id, contractTitle: '两江物流合同', customerName: '两江物流', amountCents: 400_00, duplicate: false, undoneAt: null,
      undoUntil: new Date(NOW.getTime() + 5 * MIN).toISOString(),
      instalments: [
        { paymentId: a.id, amountCents: 300_00, plannedAmountCents: 300_00, receivedAmountCents: 300_00, remainingCents: 0, status: 'received' },
        { paymentId: b.id, amountCents: 100_00, plannedAmountCents: 500_00, receivedAmountCents: 100_00, remainingCents: 400_00, status: 'partial' },
      ],
    });
    const again = await receive(k.id, { amountCents: 400_00, idempotencyKey: 'bank-2026-11-18-001' });
    expect(again.body).toMatchObject({ id: r.body.id, duplicate: true });
    expect(await t.db.ds.getRepository(PaymentReceipt).countBy({ contractId: k.id })).toBe(1);
    expect((await pay(b.id)).receivedAmountCents).toBe(100_00);
    const done = await receive(k.id, { amountCents: 400_00 });
    expect(done.body.instalments).toEqual([expect.objectContaining({ paymentId: b.id, status: 'received', remainingCents: 0 })]);
    const none = await receive(k.id, { amountCents: 1_00 });
    expect(none.body.error.code).toBe('payment.nothing_outstanding');
  });

  it('undo takes back exactly one receipt, whichever order receipts on one instalment are taken back in', async () => {
    const { k, ps: [p] } = await contract(org.users.repA.id, '璧山电子', [[1_000_00, '2026-11-01']]);
    // One receipt through the instalment (POST /payments/:id/receive), dated back, then one on the contract now.
    expect((await s.call('POST', `/api/v1/payments/${p.id}/receive`, { token: tok.finance, body: { amountCents: 200_00, receivedAt: day('2026-11-10').toISOString() } })).status).toBe(200);
    t.clock.set(new Date(NOW.getTime() + MIN));
    const second = await receive(k.id, { amountCents: 300_00 });
    const [first] = await t.db.ds.getRepository(PaymentReceipt).find({ where: { contractId: k.id }, order: { id: 'ASC' } });
    expect(await pay(p.id)).toMatchObject({ receivedAmountCents: 500_00, receivedAt: new Date(NOW.getTime() + MIN), status: 'partial' });
    // Not theirs: another person (even an admin) may not.
    expect((await undo(first.id, tok.admin)).status).toBe(403);
    expect((await undo(first.id, tok.repC)).status).toBe(404);
    // The earlier one first: the later receipt's date stays.
    const u1 = await undo(first.id);
    expect(u1.status).toBe(200);
    expect(u1.body.undoneAt).toBe(new Date(NOW.getTime() + MIN).toISOString());
    expect(await pay(p.id)).toMatchObject({ receivedAmountCents: 300_00, receivedAt: new Date(NOW.getTime() + MIN), status: 'partial' });
    // Then the later one: back to before both.
    await undo(second.body.id);
    expect(await pay(p.id)).toMatchObject({ receivedAmountCents: 0, receivedAt: null, status: 'planned' });
    // Twice is once.
    expect((await undo(second.body.id)).status).toBe(200);
    expect((await pay(p.id)).receivedAmountCents).toBe(0);
    // Five minutes on, it stays.
    const third = await receive(k.id, { amountCents: 50_00 });
    t.clock.set(new Date(NOW.getTime() + 7 * MIN));
    const late = await undo(third.body.id);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('payment.undo_expired');
    expect((await pay(p.id)).receivedAmountCents).toBe(50_00);
    t.clock.set(NOW);
  });

  it('lists the open instalments by scope, overdue first, and hides amounts where field rules say', async () => {
    const west = await contract(org.users.repC.id, '永川纺织', [[700_00, '2026-11-05'], [300_00, '2027-02-01']]);
    await contract(org.users.repB.id, '铜梁五金', [[100_00, '2026-10-20']], 'pending');
    const all = await s.call('GET', '/api/v1/payments/outstanding', { token: tok.finance });
    expect(all.status).toBe(200);
    expect(all.body.items.map((x: any) => x.contractTitle)).toEqual(['璧山电子合同', '永川纺织合同', '永川纺织合同']);
    expect(all.body).toMatchObject({ total: 3, overdue: 2, amountsHidden: false, remainingCents: 700_00 + 950_00 + 300_00, overdueCents: 700_00 + 950_00 });
    expect(all.body.items[1]).toMatchObject({ paymentId: west.ps[0].id, customerName: '永川纺织', ownerName: '赵六', daysOverdue: 13, plannedDate: '2026-11-05', remainingCents: 700_00 });
    expect((await s.call('GET', '/api/v1/payments/outstanding?overdue=true&limit=1', { token: tok.finance })).body).toMatchObject({ total: 2, items: [{ contractTitle: '璧山电子合同', daysOverdue: 17, remainingCents: 950_00 }] });
    expect((await s.call('GET', '/api/v1/payments/outstanding', { token: tok.repA })).body.items.map((x: any) => x.contractTitle)).toEqual(['璧山电子合同']);
    expect((await s.call('GET', '/api/v1/payments/outstanding', { token: tok.mgrWest })).body.total).toBe(2);
    expect((await s.call('GET', '/api/v1/payments/outstanding', { token: tok.repB })).body.total).toBe(0);
    await withTx(t.db, systemActor(), (x) => putSetting(x, 'fieldRules', [{ object: 'payment', field: 'receivedAmountCents', hiddenFor: ['manager'], exceptWhen: 'owner' }]));
    try {
      const seen = (await s.call('GET', '/api/v1/payments/outstanding', { token: tok.mgrWest })).body;
      expect(seen).toMatchObject({ total: 2, amountsHidden: true });
      expect(seen).not.toHaveProperty('remainingCents');
      expect(seen.items[0]).not.toHaveProperty('plannedAmountCents');
    } finally {
      await withTx(t.db, systemActor(), (x) => putSetting(x, 'fieldRules', [{ object: 'contract', field: 'amountCents', hiddenFor: ['rep'], exceptWhen: 'team' }]));
    }
    expect((await s.call('GET', '/api/v1/payments/outstanding?limit=0', { token: tok.finance })).status).toBe(400);
  });

  it('pages the open instalments by cursor (dated ones by day, undated last, ties by id) with the totals of them all, and refuses bad paging with a 400', async () => {
    // Two on one day and one undated, in December: no figure of the month's summary moves.
    const { ps: [d1, d2, undated] } = await contract(org.users.repB.id, '荣昌陶瓷', [[200_00, '2026-12-10'], [100_00, '2026-12-10'], [50_00, '2026-12-20']]);
    await t.db.ds.getRepository(Payment).update({ id: undated.id }, { plannedAt: null });
    const list = (q: string, token = tok.finance) => s.call('GET', `/api/v1/payments/outstanding${q}`, { token });
    const whole = (await list('?limit=100')).body;
    expect(whole.nextCursor).toBeNull();
    const ids = whole.items.map((x: any) => x.paymentId);
    expect([ids.indexOf(d2.id) - ids.indexOf(d1.id), ids[ids.length - 1]]).toEqual([1, undated.id]);
    // The default page is 20: everything here, and no cursor.
    expect((await list('')).body.items).toHaveLength(whole.items.length);
    for (const size of [1, 2]) {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r = await list(`?limit=${size}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.status).toBe(200);
        expect(r.body.items.length).toBeLessThanOrEqual(size);
        // Every page carries the totals of the whole list.
        expect(r.body).toMatchObject({ total: whole.total, overdue: whole.overdue, remainingCents: whole.remainingCents });
        seen.push(...r.body.items.map((x: any) => x.paymentId));
        cursor = r.body.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(seen).toEqual(whole.items.map((x: any) => x.paymentId));
    }
    // Overdue only, a line at a time.
    const first = (await list('?overdue=true&limit=1')).body;
    const second = (await list(`?overdue=true&limit=1&cursor=${first.nextCursor}`)).body;
    expect([...first.items, ...second.items].map((x: any) => x.contractTitle)).toEqual(['璧山电子合同', '永川纺织合同']);
    expect(second.nextCursor).toBeNull();
    // A cursor holds its place: an instalment before it received in full meanwhile moves nothing after it.
    const p1 = (await list('?limit=3')).body;
    await t.db.ds.getRepository(Payment).update({ id: d1.id }, { receivedAmountCents: 200_00, status: 'received' });
    try {
      const p2 = (await list(`?limit=100&cursor=${p1.nextCursor}`)).body;
      expect(p2.items.map((x: any) => x.paymentId)).toEqual(whole.items.slice(3).map((x: any) => x.paymentId).filter((id: number) => id !== d1.id));
    } finally {
      await t.db.ds.getRepository(Payment).update({ id: d1.id }, { receivedAmountCents: 0, status: 'planned' });
    }
    // Bad paging: a clear 400 naming the parameter.
    for (const [q, field, code] of [['?limit=0', 'limit', 'validation.too_small'], ['?limit=101', 'limit', 'validation.too_big'], ['?limit=abc', 'limit', 'validation.type_number'],
      ['?cursor=nonsense', 'cursor', 'validation.cursor'], [`?cursor=${Buffer.from(JSON.stringify([{ a: 1 }, 3])).toString('base64url')}`, 'cursor', 'validation.cursor']] as const) {
      const r = await list(q);
      expect([q, r.status, r.body.error?.field, r.body.error?.code]).toEqual([q, 400, field, code]);
      expect(r.body.error.message).toBeTruthy();
    }
    // Tidy: the contract leaves the open list (the summary's figures are asserted next).
    await t.db.ds.getRepository(Payment).delete({ id: In([d1.id, d2.id, undated.id]) });
  });

  it('sums up this month and last for the reader\'s scope', async () => {
    const m = (await s.call('GET', '/api/v1/payments/summary', { token: tok.finance })).body;
    // Received in November: 两江物流's two instalments (300 + 500), 璧山电子 50 (the late receipt).
    expect(m).toMatchObject({ month: { label: '2026-11', offset: 0 }, receivedCount: 3, receivedCents: 850_00, amountsHidden: false, overdueCount: 2, overdueCents: 700_00 + 950_00 });
    expect(m.topCustomers.map((x: any) => x.customerName)).toEqual(['两江物流', '璧山电子']);
    expect(m).toMatchObject({ plannedCount: 2, plannedCents: 1_000_00 + 700_00, plannedReceivedCents: 50_00 });
    expect((await s.call('GET', '/api/v1/payments/summary', { token: tok.repC })).body).toMatchObject({ receivedCount: 0, plannedCount: 1, plannedCents: 700_00, topCustomers: [] });
    expect((await s.call('GET', '/api/v1/payments/summary?offset=-1', { token: tok.finance })).body).toMatchObject({ month: { label: '2026-10', offset: -1 }, plannedCount: 1, receivedCount: 0 });
    expect((await s.call('GET', '/api/v1/payments/summary?offset=2', { token: tok.finance })).status).toBe(400);
  });

  it('says whose money the summary counts: the company\'s (finance, admins), a manager\'s team by name, a rep\'s own', async () => {
    const scope = async (who: string, q = '') => {
      const b = (await s.call('GET', `/api/v1/payments/summary${q}`, { token: tok[who] })).body;
      return { scope: b.scope, teamId: b.teamId, teamName: b.teamName };
    };
    expect(await scope('finance')).toEqual({ scope: 'all', teamId: null, teamName: null });
    expect(await scope('admin', '?offset=-1')).toEqual({ scope: 'all', teamId: null, teamName: null });
    expect(await scope('mgrWest')).toEqual({ scope: 'team', teamId: org.teams.west, teamName: '销售二组' });
    expect(await scope('director')).toEqual({ scope: 'team', teamId: org.teams.sales, teamName: '销售部' });
    expect(await scope('repC')).toEqual({ scope: 'mine', teamId: null, teamName: null });
    // A team's figures are its people's: the west manager's planned month is 赵六's.
    expect((await s.call('GET', '/api/v1/payments/summary', { token: tok.mgrWest })).body).toMatchObject({ plannedCount: 1, plannedCents: 700_00 });
  });

  it('documents the new operations', async () => {
    const doc = (await s.call('GET', '/api/v1/openapi.json', { token: tok.admin })).body;
    for (const p of ['/payments/outstanding', '/payments/summary', '/contracts/{id}/receive', '/payment-receipts/{id}/undo']) expect(Object.keys(doc.paths)).toContain(`/api/v1${p}`);
    expect(doc.paths['/api/v1/payments/outstanding'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['overdue', 'cursor', 'limit']);
  });
});

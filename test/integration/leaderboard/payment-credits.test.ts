// 回款 counts each sum of money on the day it arrived, for the instalment's owner: an instalment half paid in November
// and half in December shows half in each month (the board, "我这个月回款多少", the month summary), a November receipt
// recorded and undone in December comes off November only, an instalment changing hands takes its credits along,
// and the migration back-fills credits from the receipts (and the rest of older received totals) and recomputes the
// board by the new rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { withRead, withTx } from '../../../server/domain/shared/with-tx.js';
import { systemActor, type Actor } from '../../../server/domain/shared/actor.js';
import { User } from '../../../server/domain/user/user.entity.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Contract } from '../../../server/domain/contract/contract.entity.js';
import { Payment } from '../../../server/domain/contract/payment.entity.js';
import { PaymentReceipt } from '../../../server/domain/contract/payment-receipt.entity.js';
import { PaymentCredit } from '../../../server/domain/contract/payment-credit.entity.js';
import { recordPayment } from '../../../server/domain/contract/record-payment.js';
import { undoReceipt } from '../../../server/domain/contract/undo-receipt.js';
import { paymentsSummary } from '../../../server/domain/contract/payments-summary.js';
import { leaderboard } from '../../../server/domain/leaderboard/leaderboard.js';
import { installRollups } from '../../../server/domain/leaderboard/maintain-rollups.js';
import { rebuildRollups } from '../../../server/domain/leaderboard/rebuild-rollups.js';
import { normalizeCompanyName } from '../../../server/domain/shared/normalize-name.js';
import type { Period } from '../../../server/domain/leaderboard/period.js';
import { migrate } from '../../../server/db/migrate.js';
import { naiveBoard } from './ground-truth.js';

const at = (local: string) => new Date(`${local}+08:00`);
const actorOf = (u: User): Actor => ({ userId: u.id, role: u.role, teamId: u.teamId, locale: 'zh-CN', channel: 'api' });
const YUAN = 100;

describe.each(TARGETS)('payments counted on the day the money arrived (%s)', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  let seq = 0;
  const ids: Record<string, number> = {};

  const ask = async (user: string, line: string): Promise<string> => {
    const before = chat.wecom.deliveredTo(user).length;
    await chat.wecomSays(user, line, `pc-${seq++}`);
    await chat.settle();
    return chat.wecom.deliveredTo(user).slice(before).map((d) => (d.body[d.msgtype] as { content?: string }).content ?? JSON.stringify(d.body)).join('\n');
  };
  /** Each person's payments on the company board for a period (offset 0 this one, -1 the one before). */
  const board = async (period: Period, offset = 0) => Object.fromEntries((await withRead(t.db, actorOf(org.users.admin), (c) => leaderboard(c, { metric: 'payments', period, offset, teamId: null })))
    .rows.map((r) => [r.userId, r.value]));
  const summary = (offset: 0 | -1) => withRead(t.db, actorOf(org.users.finance), (c) => paymentsSummary(c, { offset }));
  const receive = (payment: string, yuan: number, receivedAt?: Date) =>
    withTx(t.db, actorOf(org.users.finance), (c) => recordPayment(c, ids[payment], { amountCents: yuan * YUAN, receivedAt }));
  const lastReceipt = async () => (await t.db.ds.getRepository(PaymentReceipt).find({ order: { id: 'DESC' }, take: 1 }))[0];
  /** The boards equal plain SQL over payment_credit, and a rebuild from the rows changes nothing. */
  const checkAgainstRows = async () => {
    for (const period of ['day', 'week', 'month', 'quarter', 'year'] as const) {
      for (const offset of [0, -1]) {
        const truth = Object.fromEntries((await naiveBoard(t.db, 'payments', period, offset, null, t.clock.now())).map((r) => [r.userId, r.value]));
        expect(await board(period, offset), `${period} ${offset}`).toEqual(truth);
      }
    }
    const rows = () => t.db.ds.query("SELECT grain, bucket, user_id, total FROM metric_rollup WHERE metric = 'payments' AND total <> 0 ORDER BY grain, bucket, user_id");
    const kept = await rows();
    await withTx(t.db, systemActor('test'), (c) => rebuildRollups(c));
    expect(await rows()).toEqual(kept);
  };

  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(at('2026-11-20T10:00:00'));
    org = await seedOrg(t.db);
    installRollups(t.db);
    chat = await startChatStack(t);
    const now = t.clock.now();
    const { repA, repB } = org.users;
    for (const [key, name, owner] of [['big', '华为技术有限公司', repA], ['small', '美的集团', repB]] as const) {
      const cu = await t.db.ds.getRepository(Customer).save({ name, normalizedName: normalizeCompanyName(name), level: 'A', ownerId: owner.id, failedFollowUps: 0, createdAt: now, updatedAt: now });
      const k = await t.db.ds.getRepository(Contract).save({ title: `${name}合同`, customerId: cu.id, amountCents: 1_000_000 * YUAN, status: 'approved', ownerId: owner.id, createdAt: now, updatedAt: now });
      ids[key] = (await t.db.ds.getRepository(Payment).save({ contractId: k.id, plannedAmountCents: 1_000_000 * YUAN, plannedAt: at('2026-11-15T00:00:00'), receivedAmountCents: 0, status: 'planned', ownerId: owner.id, createdAt: now, updatedAt: now })).id;
    }
  }, 120_000);
  afterAll(async () => { await chat?.close(); await t?.close(); });

  it('an instalment of ¥1,000,000 paid ¥500,000 on 20 Nov and ¥500,000 on 3 Dec shows ¥500,000 in each month', async () => {
    const { repA } = org.users;
    await receive('big', 500_000);
    expect(await board('month')).toEqual({ [repA.id]: 500_000 * YUAN });
    t.clock.set(at('2026-12-03T10:00:00'));
    await receive('big', 500_000);
    expect(await t.db.ds.getRepository(Payment).findOneByOrFail({ id: ids.big })).toMatchObject({ receivedAmountCents: 1_000_000 * YUAN, status: 'received', receivedAt: at('2026-12-03T10:00:00') });
    // November's board does not change after the fact; December has only December's money.
    expect(await board('month', -1)).toEqual({ [repA.id]: 500_000 * YUAN });
    expect(await board('month')).toEqual({ [repA.id]: 500_000 * YUAN });
    expect(await board('day')).toEqual({ [repA.id]: 500_000 * YUAN });
    expect(await board('quarter')).toEqual({ [repA.id]: 1_000_000 * YUAN });
    expect(await t.db.ds.getRepository(PaymentCredit).find({ where: { paymentId: ids.big }, order: { id: 'ASC' } })).toEqual([
      expect.objectContaining({ ownerId: repA.id, receivedAt: at('2026-11-20T10:00:00'), amountCents: 500_000 * YUAN, undoneAt: null }),
      expect.objectContaining({ ownerId: repA.id, receivedAt: at('2026-12-03T10:00:00'), amountCents: 500_000 * YUAN, undoneAt: null }),
    ]);
    // The month summary: one instalment with ¥500,000 in each month.
    expect(await summary(0)).toMatchObject({ month: { label: '2026-12' }, receivedCount: 1, receivedCents: 500_000 * YUAN, topCustomers: [{ receivedCents: 500_000 * YUAN }] });
    expect(await summary(-1)).toMatchObject({ month: { label: '2026-11' }, receivedCount: 1, receivedCents: 500_000 * YUAN });
    // "我这个月回款多少" / "我上个月回款多少": the rep's own board.
    expect(await ask('rep_zhang', '我这个月回款多少')).toContain('¥500,000');
    expect(await ask('rep_zhang', '我上个月回款多少')).toContain('¥500,000');
    await checkAgainstRows();
  }, 120_000);

  it('a November receipt recorded and undone in December comes off November only', async () => {
    const { repA, repB } = org.users;
    const decBefore = await board('month');
    await receive('small', 200_000, at('2026-11-28T16:00:00'));
    expect(await board('month', -1)).toEqual({ [repA.id]: 500_000 * YUAN, [repB.id]: 200_000 * YUAN });
    expect(await board('month')).toEqual(decBefore);
    expect(await summary(-1)).toMatchObject({ receivedCount: 2, receivedCents: 700_000 * YUAN });
    t.clock.set(new Date(t.clock.now().getTime() + 2 * 60_000));
    const receipt = await lastReceipt();
    expect((await withTx(t.db, actorOf(org.users.finance), (c) => undoReceipt(c, receipt.id))).undone).toBe(true);
    expect(await board('month', -1)).toEqual({ [repA.id]: 500_000 * YUAN });
    expect(await board('month')).toEqual(decBefore);
    expect(await summary(-1)).toMatchObject({ receivedCount: 1, receivedCents: 500_000 * YUAN });
    expect(await t.db.ds.getRepository(PaymentCredit).findOneByOrFail({ receiptId: receipt.id })).toMatchObject({ undoneAt: t.clock.now(), amountCents: 200_000 * YUAN });
    // A second undo (a retried tap) takes nothing more off.
    expect((await withTx(t.db, actorOf(org.users.finance), (c) => undoReceipt(c, receipt.id))).undone).toBe(false);
    expect(await board('month', -1)).toEqual({ [repA.id]: 500_000 * YUAN });
    await checkAgainstRows();
  }, 120_000);

  it('an instalment changing hands takes its credits, each on its own day, to the new owner', async () => {
    const { repA, repC } = org.users;
    await withTx(t.db, systemActor('test'), async (c) => {
      await c.tx.update(Payment, { id: ids.big }, { ownerId: repC.id, updatedAt: c.now });
      c.emit({ type: 'payment.updated', entity: 'payment', id: ids.big, data: { before: { ownerId: repA.id } } });
    });
    expect(await board('month', -1)).toEqual({ [repC.id]: 500_000 * YUAN });
    expect(await board('month')).toEqual({ [repC.id]: 500_000 * YUAN });
    expect((await t.db.ds.getRepository(PaymentCredit).findBy({ paymentId: ids.big })).map((x) => x.ownerId)).toEqual([repC.id, repC.id]);
    // A receipt after the move counts for the new owner too.
    await receive('small', 100_000);
    await checkAgainstRows();
  }, 120_000);
});

describe.each(TARGETS)('the payment_credit migration (%s)', (target) => {
  let t: TestDb;
  afterAll(async () => { await t?.close(); });

  it('back-fills credits from receipts and the rest of older received totals, and recomputes the payments board', async () => {
    t = await openTestDb(target);
    t.clock.set(at('2026-12-05T10:00:00'));
    const org = await seedOrg(t.db);
    const { repA, repB, finance } = org.users;
    // Back to the schema before it (and the migrations after it): no payment_credit.
    const tables = async () => (await t.db.ds.query(target === 'sqlite' ? "SELECT name FROM sqlite_master WHERE type = 'table'" : 'SHOW TABLES') as Record<string, string>[]).map((r) => Object.values(r)[0]);
    for (let undone = 0; undone < 5 && (await tables()).includes('payment_credit'); undone++) await t.db.ds.undoLastMigration({ transaction: 'each' });
    expect(await tables()).not.toContain('payment_credit');

    const now = t.clock.now();
    const cu = await t.db.ds.getRepository(Customer).save({ name: '旧数据客户', normalizedName: normalizeCompanyName('旧数据客户'), level: 'A', ownerId: repA.id, failedFollowUps: 0, createdAt: now, updatedAt: now });
    const k = await t.db.ds.getRepository(Contract).save({ title: '旧合同', customerId: cu.id, amountCents: 3_000_000, status: 'approved', ownerId: repA.id, createdAt: now, updatedAt: now });
    const pay = (ownerId: number | null, planned: number, received: number, receivedAt: Date | null) => t.db.ds.getRepository(Payment).save({
      contractId: k.id, plannedAmountCents: planned, receivedAmountCents: received, receivedAt, status: received ? (received < planned ? 'partial' : 'received') : 'planned', ownerId, createdAt: now, updatedAt: now,
    });
    // p1: two receipts (Nov 20, Dec 3) and an undone one (Nov 25); p2: seeded ¥3,000 with no receipt, then a ¥2,000 receipt on Dec 1;
    // p3 (repB): seeded only, no receipt; p4: received but no date (never counted).
    const p1 = await pay(repA.id, 1_000_000, 1_000_000, at('2026-12-03T10:00:00'));
    const p2 = await pay(repA.id, 1_000_000, 500_000, at('2026-12-01T09:00:00'));
    const p3 = await pay(repB.id, 1_000_000, 400_000, at('2026-10-31T23:30:00'));
    await pay(repB.id, 1_000_000, 100_000, null);
    const receipt = (receivedAt: Date, allocations: { paymentId: number; amountCents: number }[], undoneAt: Date | null = null) => t.db.ds.getRepository(PaymentReceipt).save({
      contractId: k.id, amountCents: allocations.reduce((s, a) => s + a.amountCents, 0), receivedAt, note: null, recordedById: finance.id, channel: 'bot', idempotencyKey: null, undoneAt, createdAt: receivedAt,
      allocations: allocations.map((a) => ({ ...a, previousReceivedAt: null, receivedAfterCents: 0, statusAfter: 'partial' as const })),
    });
    const r1 = await receipt(at('2026-11-20T10:00:00'), [{ paymentId: p1.id, amountCents: 500_000 }]);
    const r2 = await receipt(at('2026-11-25T10:00:00'), [{ paymentId: p1.id, amountCents: 300_000 }], at('2026-11-25T10:02:00'));
    const r3 = await receipt(at('2026-12-01T09:00:00'), [{ paymentId: p1.id, amountCents: 0 }, { paymentId: p2.id, amountCents: 200_000 }]);
    const r4 = await receipt(at('2026-12-03T10:00:00'), [{ paymentId: p1.id, amountCents: 500_000 }]);
    // The board as the old rule kept it: each instalment's whole total on its latest day.
    await t.db.ds.query("INSERT INTO metric_rollup (metric, grain, bucket, user_id, total) VALUES ('payments', 'm', '2026-12', ?, 1500000)", [repA.id]);

    expect((await migrate(t.db.ds))[0]).toBe('PaymentCredit1732000000920');

    const credits = (await t.db.ds.getRepository(PaymentCredit).find({ order: { id: 'ASC' } }))
      .map((x) => ({ receiptId: x.receiptId, paymentId: x.paymentId, ownerId: x.ownerId, receivedAt: x.receivedAt.toISOString(), amountCents: x.amountCents, undone: x.undoneAt !== null }));
    expect(credits).toEqual([
      { receiptId: r1.id, paymentId: p1.id, ownerId: repA.id, receivedAt: at('2026-11-20T10:00:00').toISOString(), amountCents: 500_000, undone: false },
      { receiptId: r2.id, paymentId: p1.id, ownerId: repA.id, receivedAt: at('2026-11-25T10:00:00').toISOString(), amountCents: 300_000, undone: true },
      { receiptId: r3.id, paymentId: p2.id, ownerId: repA.id, receivedAt: at('2026-12-01T09:00:00').toISOString(), amountCents: 200_000, undone: false },
      { receiptId: r4.id, paymentId: p1.id, ownerId: repA.id, receivedAt: at('2026-12-03T10:00:00').toISOString(), amountCents: 500_000, undone: false },
      { receiptId: null, paymentId: p2.id, ownerId: repA.id, receivedAt: at('2026-12-01T09:00:00').toISOString(), amountCents: 300_000, undone: false },
      { receiptId: null, paymentId: p3.id, ownerId: repB.id, receivedAt: at('2026-10-31T23:30:00').toISOString(), amountCents: 400_000, undone: false },
    ]);
    // Every instalment's credits in force add up to what it received (the one without a date aside).
    for (const p of [p1, p2, p3]) {
      const [{ s }] = await t.db.ds.query('SELECT SUM(amount_cents) AS s FROM payment_credit WHERE payment_id = ? AND undone_at IS NULL', [p.id]) as { s: string | number }[];
      expect(Number(s)).toBe(p.receivedAmountCents);
    }
    // The payments rollup by the new rule: November ¥5,000 (repA), December ¥10,000 (repA), October ¥4,000 (repB, 31 Oct in Shanghai).
    const months = await t.db.ds.query("SELECT bucket, user_id, total FROM metric_rollup WHERE metric = 'payments' AND grain = 'm' ORDER BY bucket, user_id") as { bucket: string; user_id: number; total: number | string }[];
    expect(months.map((r) => [r.bucket, Number(r.user_id), Number(r.total)])).toEqual([['2026-10', repB.id, 400_000], ['2026-11', repA.id, 500_000], ['2026-12', repA.id, 1_000_000]]);
    // The same as a rebuild gives, and as plain SQL over the credits.
    const rows = () => t.db.ds.query("SELECT metric, grain, bucket, user_id, total FROM metric_rollup WHERE total <> 0 ORDER BY metric, grain, bucket, user_id");
    const migrated = await rows();
    await withTx(t.db, systemActor('test'), (c) => rebuildRollups(c));
    expect(await rows()).toEqual(migrated);
    for (const offset of [0, -1]) {
      const truth = Object.fromEntries((await naiveBoard(t.db, 'payments', 'month', offset, null, t.clock.now())).map((r) => [r.userId, r.value]));
      const b = await withRead(t.db, actorOf(org.users.admin), (c) => leaderboard(c, { metric: 'payments', period: 'month', offset, teamId: null }));
      expect(Object.fromEntries(b.rows.map((r) => [r.userId, r.value])), `month ${offset}`).toEqual(truth);
    }
  }, 120_000);
});

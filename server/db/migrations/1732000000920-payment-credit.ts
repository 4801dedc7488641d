// 回款入账 (payment_credit): each sum of money on the day it arrived, for the instalment's owner. Until now the payments
// board and the month's figures counted an instalment's whole received total on its latest receipt's day, so a
// November half paid in December moved to December. Back-fill: one credit per allocation of every receipt (undone ones
// stamped undone), and for money on an instalment no receipt accounts for (recorded before receipts were kept, seeded
// rows) one credit for the rest at the instalment's receivedAt. Then the payments rollup is recomputed by the new rule.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, dropTables } from '../schema.js';
import { rebuildMetricRollups } from '../../domain/leaderboard/rebuild-rollups.js';

const CHUNK = 500;

interface Allocation { paymentId: number; amountCents: number }

export class PaymentCredit1732000000920 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    const sqlite = qr.connection.driver.options.type === 'better-sqlite3';
    await createTable(qr, 'payment_credit', [
      col.id(), col.ref('receipt_id'), col.ref('payment_id', { isNullable: false }), col.ref('owner_id'),
      col.time('received_at', { isNullable: false }), col.money('amount_cents', { isNullable: false }), col.time('undone_at'), col.created(),
    ], [{ columns: ['owner_id', 'received_at'] }, { columns: ['payment_id'] }, { columns: ['receipt_id'] }]);

    // Receipts' allocations (JSON), read in pages by id: a handful per contract, never the whole table at once.
    const owners = new Map<number, number | null>();
    for (let after = 0; ;) {
      const receipts: { id: number; received_at: unknown; allocations: string | null; undone_at: unknown; created_at: unknown }[] = await qr.query(
        'SELECT id, received_at, allocations, undone_at, created_at FROM payment_receipt WHERE id > ? ORDER BY id LIMIT 1000', [after]);
      if (!receipts.length) break;
      after = Number(receipts[receipts.length - 1].id);
      const shares = receipts.flatMap((r) => (JSON.parse(r.allocations ?? '[]') as Allocation[]).filter((a) => Number(a.amountCents) > 0).map((a) => ({ r, a })));
      const missing = [...new Set(shares.map((x) => Number(x.a.paymentId)))].filter((id) => !owners.has(id));
      if (missing.length) {
        const rows: { id: number; owner_id: number | null }[] = await qr.query(`SELECT id, owner_id FROM payment WHERE id IN (${missing.map(() => '?').join(',')})`, missing);
        for (const p of rows) owners.set(Number(p.id), p.owner_id === null ? null : Number(p.owner_id));
      }
      const values = shares.filter((x) => owners.has(Number(x.a.paymentId)))
        .map(({ r, a }) => [r.id, Number(a.paymentId), owners.get(Number(a.paymentId)) ?? null, r.received_at, Number(a.amountCents), r.undone_at ?? null, r.created_at]);
      for (let i = 0; i < values.length; i += CHUNK) {
        const part = values.slice(i, i + CHUNK);
        await qr.query(`INSERT INTO payment_credit (receipt_id, payment_id, owner_id, received_at, amount_cents, undone_at, created_at) VALUES ${part.map(() => '(?,?,?,?,?,?,?)').join(',')}`, part.flat());
      }
    }

    // The rest of each instalment's received total, at its receivedAt (money with no date never counted, and still doesn't).
    const now = sqlite ? "strftime('%Y-%m-%d %H:%M:%f', 'now')" : 'UTC_TIMESTAMP(3)';
    await qr.query(`INSERT INTO payment_credit (receipt_id, payment_id, owner_id, received_at, amount_cents, undone_at, created_at)
      SELECT NULL, p.id, p.owner_id, p.received_at, p.received_amount_cents - COALESCE(c.cents, 0), NULL, ${now}
        FROM payment p LEFT JOIN (SELECT payment_id, SUM(amount_cents) AS cents FROM payment_credit WHERE undone_at IS NULL GROUP BY payment_id) c ON c.payment_id = p.id
       WHERE p.received_at IS NOT NULL AND p.received_amount_cents > COALESCE(c.cents, 0) ORDER BY p.id`);

    // The rollups counted the old way: recompute the payments metric in the company's zone.
    const [zone] = (await qr.query(`SELECT value FROM setting WHERE ${sqlite ? '"key"' : '`key`'} = 'timeZone'`)) as { value: string | null }[];
    let tz = process.env.COMPANY_TIME_ZONE || 'Asia/Shanghai';
    try { if (zone?.value) tz = String(JSON.parse(zone.value)); } catch { /* a bad stored value: the default zone, as getSetting would fail too */ }
    await rebuildMetricRollups(qr.manager, sqlite ? 'sqlite' : 'mysql', tz, new Date(), ['payments']);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropTables(qr, ['payment_credit']);
  }
}

// Receipts as records (到账记录): a payment row keeps only its running total, so taking one receipt back (撤销)
// needs what that receipt did to each instalment. One row per receipt; a chat message's receipt is unique per
// recorder and message (idempotency_key).
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, dropTables } from '../schema.js';

export class PaymentReceipt1732000000910 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await createTable(qr, 'payment_receipt', [
      col.id(), col.ref('contract_id', { isNullable: false }), col.money('amount_cents', { isNullable: false }),
      col.time('received_at', { isNullable: false }), col.json('allocations'), col.text('note'),
      col.ref('recorded_by_id'), col.str('channel', 16, { isNullable: false }), col.str('idempotency_key', 64),
      col.time('undone_at'), col.created(),
    ], [{ columns: ['contract_id'] }, { columns: ['recorded_by_id', 'idempotency_key'], unique: true }]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropTables(qr, ['payment_receipt']);
  }
}

// Reminders as due rows (DESIGN.md §2 step 6): one row per (kind, subject, due instant, recipient), picked by the
// sender with row locks. The unique dedupe key is what makes two planners running at once write each row once.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, dropTables } from '../schema.js';

export class Reminder1732000000500 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await createTable(qr, 'reminder', [
      col.id(),
      col.str('kind', 24, { isNullable: false }),
      col.str('subject_type', 16, { isNullable: false }),
      col.ref('subject_id', { isNullable: false }),
      col.ref('recipient_id', { isNullable: false }),
      col.time('due_at', { isNullable: false }),
      col.time('send_at', { isNullable: false }),
      col.str('status', 12, { isNullable: false }),
      col.str('dedupe_key', 128, { isNullable: false }),
      col.json('data'),
      col.str('outcome', 32),
      col.time('sent_at'),
      col.time('escalated_at'),
      col.created(), col.updated(),
    ], [
      { columns: ['dedupe_key'], unique: true },
      { columns: ['status', 'send_at'] },
      { columns: ['subject_type', 'subject_id', 'kind'] },
      { columns: ['recipient_id', 'status'] },
    ]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropTables(qr, ['reminder']);
  }
}

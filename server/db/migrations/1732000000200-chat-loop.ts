// The chat loop's own state: inbox leases/backoff and card instances (who got which card, its handle, its state).
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';
import { col, createTable, dropTables } from '../schema.js';

export class ChatLoop1732000000200 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    if (!(await qr.hasColumn('inbox_event', 'available_at'))) {
      await qr.addColumn('inbox_event', new TableColumn({ name: 'available_at', type: 'datetime', isNullable: true, ...(qr.connection.driver.options.type === 'better-sqlite3' ? {} : { precision: 3 }) }));
    }
    await createTable(qr, 'card_instance', [
      col.id(), col.str('card_id', 128, { isNullable: false }), col.str('platform', 16, { isNullable: false }),
      col.json('address'), col.str('template', 32, { isNullable: false }), col.json('data'), col.str('locale', 8, { isNullable: false }),
      col.str('subject_type', 32), col.ref('subject_id'), col.ref('recipient_user_id'),
      col.str('state', 16, { isNullable: false }), col.int('version', { isNullable: false, default: 0 }),
      col.str('message_id', 128), col.str('response_code', 255), col.time('response_code_at'),
      col.created(), col.updated(),
    ], [{ columns: ['card_id'], unique: true }, { columns: ['subject_type', 'subject_id'] }]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropTables(qr, ['card_instance']);
    await qr.dropColumn('inbox_event', 'available_at');
  }
}

// What the bot waits for from one person: after "写跟进" on a reminder card, their next 1:1 message is that follow-up
// (the customer or lead is known from the card). One row per person; it lapses at expires_at.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, dropTables } from '../schema.js';

export class ChatExpectation1732000000830 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await createTable(qr, 'chat_expectation', [
      col.id(), col.ref('user_id', { isNullable: false }), col.str('kind', 16, { isNullable: false }),
      col.str('subject_type', 16, { isNullable: false }), col.ref('subject_id', { isNullable: false }), col.str('subject_name', 255),
      col.time('expires_at', { isNullable: false }), col.created(),
    ], [{ columns: ['user_id'], unique: true }]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropTables(qr, ['chat_expectation']);
  }
}

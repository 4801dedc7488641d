// What the chat bot learns from the platform and must not lose on a restart: the group chats it has heard from
// (a WeCom robot pushes only into chats it is in), and readers' thumbs up/down on its answers.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, dropTables } from '../schema.js';

export class HeardChatsReplyFeedback1732000000820 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await createTable(qr, 'heard_chat', [
      col.id(), col.str('platform', 16, { isNullable: false }), col.str('chat_id', 128, { isNullable: false }), col.time('heard_at', { isNullable: false }),
    ], [{ columns: ['platform', 'chat_id'], unique: true }]);
    // rating: good / bad / withdrawn; reasons: the platform's reason codes as JSON.
    await createTable(qr, 'reply_feedback', [
      col.id(), col.str('platform', 16, { isNullable: false }), col.str('tenant', 128), col.str('event_id', 128, { isNullable: false }),
      col.str('reply_ref', 256, { isNullable: false }), col.str('user_id', 128, { isNullable: false }), col.str('chat_id', 128), col.str('chat_type', 8),
      col.str('rating', 12, { isNullable: false }), col.text('comment'), col.json('reasons'), col.time('given_at', { isNullable: false }), col.created(),
    ], [{ columns: ['platform', 'event_id'], unique: true }]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropTables(qr, ['reply_feedback', 'heard_chat']);
  }
}

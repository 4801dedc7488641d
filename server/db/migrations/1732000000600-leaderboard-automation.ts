// Leaderboard rollups (per user per metric per period bucket; per owner per stage pipeline aggregates; which stages
// each opportunity has entered), group chats bound to teams, and scheduled board pushes to those groups.
import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { col, createTable, dropTables } from '../schema.js';

const key = (name: string, type: 'varchar' | 'integer', length?: number): TableColumnOptions =>
  ({ name, type, isPrimary: true, isNullable: false, ...(length ? { length: String(length) } : {}) });

export class LeaderboardAutomation1732000000600 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    // grain: d/w/m/q; bucket: the period's first local day (d, w), 'YYYY-MM' (m) or 'YYYY-Qn' (q).
    await createTable(qr, 'metric_rollup', [
      key('metric', 'varchar', 16), key('grain', 'varchar', 1), key('bucket', 'varchar', 10), key('user_id', 'integer'),
      col.money('total', { isNullable: false, default: 0 }),
    ]);
    // kind: open (bucket ''), month (expected close 'YYYY-MM' or ''), region (customer region or ''), entered (bucket '').
    await createTable(qr, 'pipeline_rollup', [
      key('owner_id', 'integer'), key('kind', 'varchar', 8), key('bucket', 'varchar', 64), key('stage', 'varchar', 32),
      col.money('n', { isNullable: false, default: 0 }), col.money('amount_cents', { isNullable: false, default: 0 }),
    ]);
    await createTable(qr, 'stage_entry', [key('opportunity_id', 'integer'), key('stage', 'varchar', 32)]);
    await createTable(qr, 'chat_binding', [
      col.id(), col.str('platform', 16, { isNullable: false }), col.str('tenant', 128), col.str('chat_id', 128, { isNullable: false }),
      col.ref('team_id', { isNullable: false }), col.str('name', 128), col.ref('created_by_id'), col.created(),
    ], [{ columns: ['platform', 'chat_id'], unique: true }, { columns: ['team_id'] }]);
    await createTable(qr, 'board_push', [
      col.id(), col.ref('binding_id', { isNullable: false }), col.str('board', 16, { isNullable: false }), col.str('metric', 16),
      col.str('period', 8), col.int('period_offset', { isNullable: false, default: 0 }), col.str('schedule', 32, { isNullable: false }),
      col.bool('active', { default: true }), col.str('status', 16, { isNullable: false }), col.time('next_run_at'), col.time('last_run_at'),
      col.created(), col.updated(),
    ], [{ columns: ['status', 'next_run_at'] }, { columns: ['binding_id'] }]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropTables(qr, ['board_push', 'chat_binding', 'stage_entry', 'pipeline_rollup', 'metric_rollup']);
  }
}

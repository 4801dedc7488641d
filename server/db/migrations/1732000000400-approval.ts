// The approval engine's tables: rule set versions, instances, steps, per-approver tasks, history and step timers.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, dropTables } from '../schema.js';

const R = { isNullable: false };

export class Approval1732000000400 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await createTable(qr, 'approval_definition', [
      col.id(), col.str('set_name', 64, R), col.int('version', R), col.json('body'), col.ref('created_by_id'), col.created(),
    ], [{ columns: ['set_name', 'version'], unique: true }]);
    await createTable(qr, 'approval_instance', [
      col.id(), col.str('subject_type', 32, R), col.ref('subject_id', R), col.int('definition_version', R), col.str('rule_id', 64, R),
      col.int('round', { ...R, default: 1 }), col.str('status', 16, R), col.ref('submitter_id', R), col.int('current_step', { ...R, default: 0 }),
      col.int('step_count', R), col.int('version', { ...R, default: 0 }), col.time('decided_at'), col.ref('decided_by_id'), col.created(), col.updated(),
    ], [{ columns: ['subject_type', 'subject_id'] }, { columns: ['submitter_id', 'status'] }]);
    await createTable(qr, 'approval_step', [
      col.id(), col.ref('instance_id', R), col.int('idx', R), col.str('name', 64, R), col.str('mode', 8, R), col.json('spec'),
      col.str('status', 16, R), col.int('activation', { ...R, default: 0 }), col.time('started_at'), col.time('due_at'),
      col.time('decided_at'), col.ref('decided_by_id'), col.created(), col.updated(),
    ], [{ columns: ['instance_id', 'idx'], unique: true }]);
    await createTable(qr, 'approval_task', [
      col.id(), col.ref('instance_id', R), col.ref('step_id', R), col.int('activation', R), col.int('slot', R), col.ref('user_id', R),
      col.str('status', 16, R), col.text('comment'), col.ref('closed_by_id'), col.ref('from_task_id'), col.str('via', 16), col.json('cards'),
      col.str('awaiting', 16), col.time('awaiting_until'), col.time('decided_at'), col.created(), col.updated(),
    ], [{ columns: ['step_id', 'status'] }, { columns: ['user_id', 'status'] }, { columns: ['instance_id'] }]);
    await createTable(qr, 'approval_event', [
      col.id(), col.ref('instance_id', R), col.ref('step_id'), col.ref('actor_id'), col.str('type', 16, R), col.str('channel', 16, R),
      col.text('comment'), col.ref('to_user_id'), col.created(),
    ], [{ columns: ['instance_id'] }]);
    await createTable(qr, 'approval_timer', [
      col.id(), col.ref('step_id', R), col.int('activation', R), col.str('kind', 16, R), col.str('status', 16, R), col.time('due_at'),
    ], [{ columns: ['status', 'due_at'] }, { columns: ['step_id'] }]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropTables(qr, ['approval_timer', 'approval_event', 'approval_task', 'approval_step', 'approval_instance', 'approval_definition']);
  }
}

// The CRM core schema: users and teams, the CRM objects, settings, audit, auth, inbox and outbox.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, dropTables } from '../schema.js';

const R = { isNullable: false };

export class Core1732000000000 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await createTable(qr, 'team', [col.id(), col.str('name', 64, R), col.ref('parent_id'), col.ref('head_id'), col.created()]);
    await createTable(qr, 'user', [
      col.id(), col.str('username', 64, R), col.str('name', 64, R), col.str('locale', 8, R), col.str('role', 16, R),
      col.str('position', 32), col.ref('team_id'), col.ref('manager_id'), col.str('email', 128), col.str('phone', 32),
      col.str('wecom_user_id', 64), col.str('dingtalk_user_id', 64), col.str('dingtalk_union_id', 64),
      col.bool('active', { default: true }), col.created(), col.updated(),
    ], [
      { columns: ['username'], unique: true }, { columns: ['wecom_user_id'], unique: true },
      { columns: ['dingtalk_user_id'], unique: true }, { columns: ['team_id'] },
    ]);
    await createTable(qr, 'customer', [
      col.id(), col.str('name', 128, R), col.str('normalized_name', 128, R), col.str('aliases', 255), col.str('level', 1, R),
      col.str('industry', 64), col.str('region', 64), col.str('address', 255), col.str('source', 32), col.ref('owner_id'),
      col.time('pool_entered_at'), col.text('pool_reason'), col.time('last_follow_up_at'),
      col.int('failed_follow_ups', { isNullable: false, default: 0 }), col.json('custom'), col.ref('created_by_id'),
      col.created(), col.updated(),
    ], [
      { columns: ['owner_id', 'updated_at'] }, { columns: ['normalized_name'] }, { columns: ['owner_id', 'last_follow_up_at'] },
      { columns: ['pool_entered_at'] },
    ]);
    await createTable(qr, 'contact', [
      col.id(), col.ref('customer_id', R), col.str('name', 64, R), col.str('title', 64), col.str('phone', 32), col.str('email', 128),
      col.str('wechat', 64), col.bool('is_primary'), col.json('custom'), col.created(), col.updated(),
    ], [{ columns: ['customer_id'] }]);
    await createTable(qr, 'lead', [
      col.id(), col.str('company', 128, R), col.str('normalized_company', 128, R), col.str('contact_name', 64), col.str('phone', 32),
      col.str('email', 128), col.str('region', 64), col.str('source', 32), col.str('status', 16, R), col.text('note'), col.ref('owner_id'),
      col.time('assigned_at'), col.time('first_contact_at'), col.time('pool_entered_at'), col.text('pool_reason'),
      col.ref('converted_customer_id'), col.json('custom'), col.ref('created_by_id'), col.created(), col.updated(),
    ], [
      { columns: ['owner_id', 'updated_at'] }, { columns: ['owner_id', 'status'] }, { columns: ['normalized_company'] },
      { columns: ['pool_entered_at'] },
    ]);
    await createTable(qr, 'opportunity', [
      col.id(), col.ref('customer_id', R), col.str('name', 128, R), col.money('amount_cents', R), col.str('stage', 32, R),
      col.str('status', 8, R), col.text('lost_reason'), col.time('expected_close_at'), col.int('probability', { isNullable: false, default: 0 }),
      col.ref('owner_id'), col.time('stage_changed_at'), col.time('closed_at'), col.json('custom'), col.created(), col.updated(),
    ], [
      { columns: ['stage', 'owner_id'] }, { columns: ['owner_id', 'updated_at'] }, { columns: ['customer_id', 'status'] },
    ]);
    await createTable(qr, 'stage_history', [
      col.id(), col.ref('opportunity_id', R), col.str('from_stage', 32), col.str('to_stage', 32, R), col.money('amount_cents'),
      col.ref('changed_by_id'), col.time('changed_at', R),
    ], [{ columns: ['opportunity_id', 'changed_at'] }, { columns: ['changed_at'] }]);
    await createTable(qr, 'activity', [
      col.id(), col.str('type', 16, R), col.text('content', R), col.time('occurred_at', R), col.ref('customer_id'), col.ref('lead_id'),
      col.ref('opportunity_id'), col.ref('author_id', R), col.str('channel', 16, R), col.text('next_step'), col.ref('task_id'),
      col.str('idempotency_key', 64), col.json('custom'), col.created(),
    ], [
      { columns: ['customer_id', 'occurred_at'] }, { columns: ['author_id', 'occurred_at'] }, { columns: ['lead_id', 'occurred_at'] },
      { columns: ['author_id', 'idempotency_key'], unique: true },
    ]);
    await createTable(qr, 'task', [
      col.id(), col.str('title', 255, R), col.time('due_at', R), col.ref('owner_id', R), col.str('status', 16, R), col.time('snoozed_until'),
      col.time('done_at'), col.ref('customer_id'), col.ref('lead_id'), col.ref('opportunity_id'), col.ref('activity_id'),
      col.time('reminded_at'), col.created(), col.updated(),
    ], [{ columns: ['owner_id', 'status', 'due_at'] }, { columns: ['status', 'due_at'] }, { columns: ['customer_id'] }]);
    await createTable(qr, 'contract', [
      col.id(), col.str('number', 64), col.str('title', 128, R), col.ref('customer_id', R), col.ref('opportunity_id'),
      col.money('amount_cents', R), col.time('signed_at'), col.time('start_at'), col.time('end_at'), col.str('status', 16, R),
      col.ref('owner_id'), col.time('submitted_at'), col.time('decided_at'), col.ref('approval_id'), col.json('custom'),
      col.created(), col.updated(),
    ], [{ columns: ['owner_id', 'updated_at'] }, { columns: ['customer_id'] }, { columns: ['status'] }]);
    await createTable(qr, 'payment', [
      col.id(), col.ref('contract_id', R), col.money('planned_amount_cents', R), col.time('planned_at'),
      col.money('received_amount_cents', R), col.time('received_at'), col.str('status', 16, R), col.text('note'), col.ref('owner_id'),
      col.created(), col.updated(),
    ], [{ columns: ['contract_id'] }, { columns: ['owner_id', 'received_at'] }]);
    await createTable(qr, 'custom_field', [
      col.id(), col.str('object', 32, R), col.str('key', 64, R), col.json('label'), col.str('type', 16, R), col.json('options'),
      col.bool('required'), col.json('validation'), col.int('position', { isNullable: false, default: 0 }),
      col.bool('active', { default: true }), col.created(),
    ], [{ columns: ['object', 'key'], unique: true }]);
    await createTable(qr, 'setting', [
      { name: 'key', type: 'varchar', length: '64', isPrimary: true }, col.json('value'), col.time('updated_at', R),
    ]);
    await createTable(qr, 'audit_log', [
      col.id(), col.ref('actor_id'), col.str('channel', 16, R), col.str('action', 32, R), col.str('entity_type', 32, R),
      col.ref('entity_id'), col.json('diff'), col.str('rule_id', 64), col.time('at', R),
    ], [{ columns: ['entity_type', 'entity_id'] }, { columns: ['at'] }]);
    await createTable(qr, 'api_key', [
      col.id(), col.str('name', 64, R), col.ref('user_id', R), col.str('prefix', 16, R), col.str('hash', 64, R),
      col.time('revoked_at'), col.time('last_used_at'), col.created(),
    ], [{ columns: ['prefix'], unique: true }]);
    await createTable(qr, 'session', [
      col.id(), col.str('token_hash', 64, R), col.ref('user_id', R), col.str('channel', 16, R), col.str('method', 16, R),
      col.time('expires_at', R), col.created(),
    ], [{ columns: ['token_hash'], unique: true }]);
    await createTable(qr, 'inbox_event', [
      col.id(), col.str('platform', 16, R), col.str('event_id', 128, R), col.str('kind', 16, R), col.json('payload'),
      col.str('status', 12, R), col.int('attempts', { isNullable: false, default: 0 }), col.time('received_at', R),
      col.time('processed_at'), col.text('last_error'),
    ], [{ columns: ['platform', 'event_id'], unique: true }, { columns: ['status', 'received_at'] }]);
    await createTable(qr, 'outbox_message', [
      col.id(), col.str('platform', 16, R), col.json('address'), col.json('payload'), col.str('recipient_key', 128, R),
      col.str('status', 8, R), col.int('attempts', { isNullable: false, default: 0 }), col.time('next_attempt_at', R),
      col.text('last_error'), col.time('sent_at'), col.json('result'), col.str('dedupe_key', 128), col.str('request_id', 64),
      col.created(),
    ], [{ columns: ['status', 'next_attempt_at'] }, { columns: ['dedupe_key'], unique: true }, { columns: ['recipient_key', 'id'] }]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropTables(qr, ['outbox_message', 'inbox_event', 'session', 'api_key', 'audit_log', 'setting', 'custom_field', 'payment',
      'contract', 'task', 'activity', 'stage_history', 'opportunity', 'lead', 'contact', 'customer', 'user', 'team']);
  }
}

// A counter per team, raised in the transaction that changes anything its board shows (board-stamps.ts); row 0 for
// what every board shows (people, teams, the settings boards read). A board kept in memory is checked against them.
import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { col, createTable, dropTables } from '../schema.js';

const teamKey: TableColumnOptions = { name: 'team_id', type: 'integer', isPrimary: true, isNullable: false };

export class BoardStamp1732000000930 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await createTable(qr, 'board_stamp', [teamKey, col.money('v', { isNullable: false, default: 0 })]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropTables(qr, ['board_stamp']);
  }
}

// Round-robin lead assignment keeps its cursor on the team row, which assignment locks (FOR UPDATE),
// so concurrent assignments to one team take turns and stay fair.
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from '../schema.js';

export class LeadAssignment1732000000420 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    if (!(await qr.hasColumn('team', 'assign_cursor'))) await qr.addColumn('team', new TableColumn(col.ref('assign_cursor')));
    if (!(await qr.hasColumn('lead', 'assign_rule_id'))) await qr.addColumn('lead', new TableColumn(col.str('assign_rule_id', 64)));
  }

  async down(qr: QueryRunner): Promise<void> {
    if (await qr.hasColumn('lead', 'assign_rule_id')) await qr.dropColumn('lead', 'assign_rule_id');
    if (await qr.hasColumn('team', 'assign_cursor')) await qr.dropColumn('team', 'assign_cursor');
  }
}

// A follow-up says whether the rep got through ('reached') or not ('failed': no answer, refused), so the
// customer's failedFollowUps streak (pool-return rule "three-failed") can count. Rows before this were reached.
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from '../schema.js';

export class ActivityOutcome1732000000700 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    if (!(await qr.hasColumn('activity', 'outcome'))) {
      await qr.addColumn('activity', new TableColumn(col.str('outcome', 16, { isNullable: false, default: "'reached'" })));
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    if (await qr.hasColumn('activity', 'outcome')) await qr.dropColumn('activity', 'outcome');
  }
}

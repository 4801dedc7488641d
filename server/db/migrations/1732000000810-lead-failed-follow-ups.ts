// Leads count failed follow-ups in a row like customers do, so the lead pool-return rules can send a lead back after
// three of them ("lead-three-failed"). Existing leads start at 0: their earlier follow-ups were all reached.
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from '../schema.js';

export class LeadFailedFollowUps1732000000810 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    if (!(await qr.hasColumn('lead', 'failed_follow_ups'))) {
      await qr.addColumn('lead', new TableColumn(col.int('failed_follow_ups', { isNullable: false, default: 0 })));
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    if (await qr.hasColumn('lead', 'failed_follow_ups')) await qr.dropColumn('lead', 'failed_follow_ups');
  }
}

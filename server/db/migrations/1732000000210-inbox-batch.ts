// Inbox rows remember which accept batch wrote them, so a multi-row INSERT IGNORE can tell new events from repeats.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';

export class InboxBatch1732000000210 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    if (!(await qr.hasColumn('inbox_event', 'batch'))) await qr.addColumn('inbox_event', new TableColumn({ name: 'batch', type: 'varchar', length: '24', isNullable: true }));
  }
  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('inbox_event', 'batch');
  }
}

// A DingTalk unionId names one person across a company's apps: like the other platform identities it is unique.
import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const NAME = 'ux_user_dingtalk_union_id';

export class UserUnionId1732000000430 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    const table = await qr.getTable('user');
    if (table && !table.indices.some((i) => i.name === NAME)) {
      await qr.createIndex('user', new TableIndex({ name: NAME, columnNames: ['dingtalk_union_id'], isUnique: true }));
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    const table = await qr.getTable('user');
    if (table?.indices.some((i) => i.name === NAME)) await qr.dropIndex('user', NAME);
  }
}

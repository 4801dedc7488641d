// The funnel keeps the company's totals under owner -1 (rollup-store.ts EVERY_OWNER) beside each owner's rows;
// rollups built before that get them summed from the per-owner rows once.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PipelineCompanyTotals1732000000610 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await qr.query('DELETE FROM pipeline_rollup WHERE owner_id = -1');
    await qr.query(`INSERT INTO pipeline_rollup (owner_id, kind, bucket, stage, n, amount_cents)
      SELECT -1, kind, bucket, stage, SUM(n), SUM(amount_cents) FROM pipeline_rollup WHERE owner_id <> -1 GROUP BY kind, bucket, stage`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DELETE FROM pipeline_rollup WHERE owner_id = -1');
  }
}

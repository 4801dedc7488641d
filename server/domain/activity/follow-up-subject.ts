// The record a follow-up was logged on — a customer or a lead — and so whose failed-follow-up streak it moved.
import type { DomainContext } from '../shared/with-tx.js';
import { fromDbTime } from '../shared/sql.js';
import type { PoolObject } from '../pool/pool-objects.js';
import { Activity } from './activity.entity.js';

export interface FollowUpSubject { object: PoolObject; id: number }

const ACTIVITY_COLUMN: Record<PoolObject, string> = { customer: 'a.customer_id', lead: 'a.lead_id' };

/**
 * A follow-up is logged on exactly one of them; converting a lead re-links its follow-ups to the new customer too,
 * so one carrying a lead was logged on that lead (and fed the lead's streak, not the customer's).
 */
export function followUpSubject(row: Pick<Activity, 'customerId' | 'leadId'>): FollowUpSubject | null {
  if (row.leadId != null) return { object: 'lead', id: row.leadId };
  if (row.customerId != null) return { object: 'customer', id: row.customerId };
  return null;
}

/**
 * When the subject's newest follow-up other than `exceptId` happened (null: none). Callers hold the subject's row
 * lock; on MariaDB this read locks too, so it sees follow-ups committed while that lock was awaited, not the
 * transaction's older snapshot.
 */
export async function lastOtherFollowUpAt(c: DomainContext, subject: FollowUpSubject, exceptId: number): Promise<Date | null> {
  const qb = c.tx.createQueryBuilder(Activity, 'a').select('a.occurred_at', 'at')
    .where(`${ACTIVITY_COLUMN[subject.object]} = :sid AND a.id <> :exceptId`, { sid: subject.id, exceptId })
    .orderBy('a.occurred_at', 'DESC').limit(1);
  if (c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  const row = await qb.getRawOne<{ at: string | Date }>();
  return row ? fromDbTime(row.at) : null;
}

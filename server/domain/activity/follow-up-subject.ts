// The record a follow-up was logged on — a customer or a lead — and so whose failed-follow-up streak it moved.
import type { DomainContext } from '../shared/with-tx.js';
import { fromDbTime } from '../shared/sql.js';
import { POOL_ENTITIES, type PoolObject } from '../pool/pool-objects.js';
import type { Customer } from '../customer/customer.entity.js';
import type { Lead } from '../lead/lead.entity.js';
import { Activity } from './activity.entity.js';

export interface FollowUpSubject { object: PoolObject; id: number }

/** The follow-ups logged on a subject: a customer's own (not those of a lead converted into it), or a lead's. */
const LOGGED_ON: Record<PoolObject, string> = { customer: 'a.customer_id = :sid AND a.lead_id IS NULL', lead: 'a.lead_id = :sid' };

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
    .where(`${LOGGED_ON[subject.object]} AND a.id <> :exceptId`, { sid: subject.id, exceptId })
    .orderBy('a.occurred_at', 'DESC').limit(1);
  if (c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  const row = await qb.getRawOne<{ at: string | Date }>();
  return row ? fromDbTime(row.at) : null;
}

/** The earliest of the subject's follow-ups other than `exceptId` (null: none), under the same locking as lastOtherFollowUpAt. */
export async function firstOtherFollowUpAt(c: DomainContext, subject: FollowUpSubject, exceptId: number): Promise<Date | null> {
  const qb = c.tx.createQueryBuilder(Activity, 'a').select('a.occurred_at', 'at')
    .where(`${LOGGED_ON[subject.object]} AND a.id <> :exceptId`, { sid: subject.id, exceptId })
    .orderBy('a.occurred_at', 'ASC').limit(1);
  if (c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  const row = await qb.getRawOne<{ at: string | Date }>();
  return row ? fromDbTime(row.at) : null;
}

/**
 * The subject's row, locked for the transaction (null when it is gone). Taking a follow-up back locks it before the
 * follow-up itself, in the order logging one does (the record, then its follow-ups), so the two queue, not deadlock.
 */
export async function lockSubject(c: DomainContext, subject: FollowUpSubject): Promise<Customer | Lead | null> {
  const qb = c.tx.createQueryBuilder(POOL_ENTITIES[subject.object] as typeof Customer, 'r').where('r.id = :id', { id: subject.id });
  if (c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  return qb.getOne();
}

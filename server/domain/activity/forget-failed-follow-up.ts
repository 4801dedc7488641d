// Undo (or delete) of a failed follow-up takes it back out of the customer's failed-follow-up streak.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { dbTime } from '../shared/sql.js';
import { Customer } from '../customer/customer.entity.js';
import { Activity } from './activity.entity.js';

/**
 * Before a follow-up is deleted: when it was a failed one and still the customer's newest, the streak it added goes
 * (minus one, audited). Older ones are left alone: a newer follow-up has moved the streak since, and the history
 * before it is not replayed.
 */
export async function forgetFailedFollowUp(c: DomainContext, row: Activity): Promise<void> {
  if (row.outcome !== 'failed' || row.customerId == null) return;
  const qb = c.tx.createQueryBuilder(Customer, 'r').where('r.id = :id', { id: row.customerId });
  if (c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  const customer = await qb.getOne();
  if (!customer || customer.failedFollowUps <= 0) return;
  const newer = await c.tx.createQueryBuilder(Activity, 'a')
    .where('a.customer_id = :cid AND a.id <> :id AND a.occurred_at >= :at', { cid: row.customerId, id: row.id, at: dbTime(c.db, row.occurredAt) })
    .getCount();
  if (newer > 0) return;
  const failedFollowUps = customer.failedFollowUps - 1;
  await c.tx.update(Customer, { id: customer.id }, { failedFollowUps, updatedAt: c.now });
  await audit(c, 'update', 'customer', customer.id, { failedFollowUps: customer.failedFollowUps }, { failedFollowUps });
}

// Undo (or delete) of a failed follow-up takes it back out of its customer's or lead's failed-follow-up streak.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { POOL_ENTITIES } from '../pool/pool-objects.js';
import type { Activity } from './activity.entity.js';
import { followUpSubject, lastOtherFollowUpAt } from './follow-up-subject.js';

/**
 * Before a follow-up is deleted: when it was a failed one and still the newest of its customer (or lead), the streak
 * it added goes (minus one, audited). Older ones are left alone: a newer follow-up has moved the streak since, and
 * the history before it is not replayed.
 */
export async function forgetFailedFollowUp(c: DomainContext, row: Activity): Promise<void> {
  const subject = followUpSubject(row);
  if (row.outcome !== 'failed' || !subject) return;
  const entity = POOL_ENTITIES[subject.object];
  const qb = c.tx.createQueryBuilder(entity, 'r').where('r.id = :id', { id: subject.id });
  if (c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  const record = await qb.getOne();
  if (!record || record.failedFollowUps <= 0) return;
  const last = await lastOtherFollowUpAt(c, subject, row.id);
  if (last && last.getTime() >= row.occurredAt.getTime()) return;
  const failedFollowUps = record.failedFollowUps - 1;
  await c.tx.update(entity, { id: record.id }, { failedFollowUps, updatedAt: c.now });
  await audit(c, 'update', subject.object, record.id, { failedFollowUps: record.failedFollowUps }, { failedFollowUps });
}

// 退回公海: the owner (or their manager, or an admin) gives a record back, with a reason.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { forbidden, invalid } from '../shared/domain-error.js';
import { canWriteOwned } from '../customer/customer.object.js';
import { findVisible } from '../shared/records.js';
import { POOL_ENTITIES, type PoolObject } from './pool-objects.js';
import { customerObject } from '../customer/customer.object.js';
import { leadObject } from '../lead/lead.object.js';

/**
 * Release a record to the pool. Who: its owner, their manager chain, admins, or the system (pool-return rules).
 * Writes: owner → null, pool entry time and reason, the failed-follow-up streak → 0, audit `release`.
 */
export async function releaseToPool(c: DomainContext, object: PoolObject, id: number, reason: string): Promise<{ id: number }> {
  if (!reason?.trim()) throw invalid('validation.required', 'reason');
  const def = object === 'customer' ? customerObject : leadObject;
  const row = await findVisible(c, def as never, id, true) as unknown as { ownerId: number | null; failedFollowUps: number };
  if (row.ownerId === null) return { id };
  if (!(await canWriteOwned(c, row.ownerId, 'update'))) throw forbidden('pool.release');
  // The failed-follow-up streak was its last owner's: whoever claims it next starts at 0.
  await c.tx.update(POOL_ENTITIES[object], { id }, { ownerId: null, poolEnteredAt: c.now, poolReason: reason.trim(), failedFollowUps: 0, updatedAt: c.now });
  await audit(c, 'release', object, id, { ownerId: row.ownerId, failedFollowUps: row.failedFollowUps }, { ownerId: null, poolReason: reason.trim(), failedFollowUps: 0 });
  c.emit({ type: `${object}.released`, entity: object, id, data: { previousOwnerId: row.ownerId } });
  return { id };
}

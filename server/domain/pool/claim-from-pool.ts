// 领取: a rep takes a record from the public pool. Two reps claiming at once → exactly one wins.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { DomainError, conflict, forbidden, notFound } from '../shared/domain-error.js';
import { getSetting } from '../settings/settings.js';
import { User } from '../user/user.entity.js';
import { POOL_ENTITIES, type PoolObject } from './pool-objects.js';
import { poolVisible } from '../customer/customer.object.js';

/**
 * Claim a pool record for the actor (or, for managers/admins, for `forUserId`).
 * Who: anyone who sees the pool, within the per-rep claim limit. Writes: owner, audit `claim`.
 * Race-safe: the owner is set by one conditional UPDATE (`… WHERE owner_id IS NULL`); the loser gets `pool.already_claimed`.
 */
export async function claimFromPool(c: DomainContext, object: PoolObject, id: number, forUserId?: number): Promise<{ id: number; ownerId: number }> {
  const entity = POOL_ENTITIES[object];
  if (!(await poolVisible(c))) throw forbidden('pool.claim');
  const ownerId = forUserId ?? c.actor.userId;
  if (!ownerId) throw forbidden('pool.claim');
  if (forUserId && forUserId !== c.actor.userId && c.actor.role !== 'admin' && c.actor.role !== 'manager') throw forbidden('pool.assign');
  const row = await c.tx.findOne(entity, { where: { id } });
  if (!row) throw notFound(object);
  if (row.ownerId !== null) {
    if (row.ownerId === ownerId) return { id, ownerId };
    throw conflict('pool.already_claimed');
  }
  // Serialise one rep's claims (row lock on the user) so the limit holds under concurrency.
  if (c.db.kind !== 'sqlite') await c.tx.createQueryBuilder(User, 'u').setLock('pessimistic_write').where('u.id = :id', { id: ownerId }).getOne();
  const limit = (await getSetting(c, 'pool.claimLimit'))[object];
  const held = await c.tx.count(entity, { where: { ownerId } });
  if (held >= limit) throw new DomainError('conflict', 'pool.claim_limit', { limit });
  const changes: Record<string, unknown> = { ownerId, poolEnteredAt: null, poolReason: null, updatedAt: c.now };
  if (object === 'lead') changes.assignedAt = c.now;
  const res = await c.tx.createQueryBuilder().update(entity).set(changes as never)
    .where('id = :id AND owner_id IS NULL', { id }).execute();
  const affected = res.affected ?? 0;
  if (affected !== 1) throw conflict('pool.already_claimed');
  await audit(c, 'claim', object, id, { ownerId: null }, { ownerId });
  c.emit({ type: `${object}.claimed`, entity: object, id, data: { ownerId } });
  return { id, ownerId };
}

// Admins change a user's role, team, manager, language or identities, or reactivate them.
import type { DomainContext } from '../shared/with-tx.js';
import { invalid, notFound } from '../shared/domain-error.js';
import { requireRole } from '../shared/permissions.js';
import { audit } from '../audit/audit.js';
import { User } from './user.entity.js';
import { assertIdentitiesFree, assertManager, assertTeam, fullUser, saveUnique } from './user-rules.js';
import type { UserInput } from './create-user.js';

export type UserPatch = Partial<UserInput> & { active?: boolean };

/**
 * Update a user.
 * Who: admins (an admin cannot take away their own admin role or deactivate themselves). Writes: the user, audit `update`.
 * Idempotent: the same patch twice leaves the same row (the second audit row has an empty diff).
 */
export async function updateUser(c: DomainContext, id: number, patch: UserPatch): Promise<Record<string, unknown>> {
  requireRole(c, ['admin'], 'user.update');
  const user = await c.tx.findOne(User, { where: { id } });
  if (!user) throw notFound('user');
  if (id === c.actor.userId && patch.role !== undefined && patch.role !== 'admin') throw invalid('user.self_demote', 'role');
  if (id === c.actor.userId && patch.active === false) throw invalid('user.self_deactivate', 'active');
  await assertIdentitiesFree(c, patch, id);
  await assertTeam(c, patch.teamId);
  await assertManager(c, patch.managerId, id);
  const before = { ...user };
  Object.assign(user, patch, { updatedAt: c.now });
  const saved = await saveUnique(patch, () => c.tx.save(user));
  await audit(c, 'update', 'user', id, before, saved);
  c.emit({ type: 'user.updated', entity: 'user', id, data: { before } });
  return fullUser(saved);
}

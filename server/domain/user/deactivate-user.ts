// Admins deactivate a user who left: no more sign-ins, gone from pickers and round robin; their records stay.
import type { DomainContext } from '../shared/with-tx.js';
import { invalid, notFound } from '../shared/domain-error.js';
import { requireRole } from '../shared/permissions.js';
import { audit } from '../audit/audit.js';
import { User } from './user.entity.js';

/**
 * Deactivate a user: they can no longer sign in and drop out of pickers and round robin; their records stay.
 * Who: admins, not on themselves. Writes: `active = false`, audit `deactivate`. Idempotent: an inactive user stays inactive.
 */
export async function deactivateUser(c: DomainContext, id: number): Promise<void> {
  requireRole(c, ['admin'], 'user.deactivate');
  if (id === c.actor.userId) throw invalid('user.self_deactivate', 'id');
  const user = await c.tx.findOne(User, { where: { id } });
  if (!user) throw notFound('user');
  if (!user.active) return;
  await c.tx.update(User, { id }, { active: false, updatedAt: c.now });
  await audit(c, 'deactivate', 'user', id, { active: true }, { active: false });
  c.emit({ type: 'user.deactivated', entity: 'user', id });
}

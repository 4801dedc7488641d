// Admins rename a team, move it under another one (never below itself) or change its head.
import type { DomainContext } from '../shared/with-tx.js';
import { notFound } from '../shared/domain-error.js';
import { requireRole } from '../shared/permissions.js';
import { audit } from '../audit/audit.js';
import { Team } from './team.entity.js';
import { assertHead, assertParent, presentTeam } from './team-rules.js';
import type { TeamInput } from './create-team.js';

/**
 * Update a team. Who: admins. Writes: the team, audit `update`, event `team.updated`.
 * Idempotent: the same patch twice leaves the same row. A move that would make a cycle answers 400 `team.cycle`.
 */
export async function updateTeam(c: DomainContext, id: number, patch: Partial<TeamInput>): Promise<ReturnType<typeof presentTeam>> {
  requireRole(c, ['admin'], 'team.update');
  const team = await c.tx.findOne(Team, { where: { id } });
  if (!team) throw notFound('team');
  await assertParent(c, patch.parentId, id);
  await assertHead(c, patch.headId);
  const before = presentTeam(team);
  Object.assign(team, patch);
  await c.tx.save(team);
  await audit(c, 'update', 'team', id, before, presentTeam(team));
  c.emit({ type: 'team.updated', entity: 'team', id, data: { before } });
  return presentTeam(team);
}

// Admins remove a team that no longer has anyone in it.
import type { DomainContext } from '../shared/with-tx.js';
import { conflict, notFound } from '../shared/domain-error.js';
import { requireRole } from '../shared/permissions.js';
import { audit } from '../audit/audit.js';
import { Team } from './team.entity.js';
import { User } from './user.entity.js';
import { presentTeam } from './team-rules.js';

/**
 * Delete an empty team. Who: admins. Writes: removes the team, audit `delete`, event `team.deleted`.
 * Refused (409 `team.not_empty`) while users or sub-teams belong to it, so nobody silently loses their team.
 */
export async function deleteTeam(c: DomainContext, id: number): Promise<void> {
  requireRole(c, ['admin'], 'team.delete');
  const team = await c.tx.findOne(Team, { where: { id } });
  if (!team) throw notFound('team');
  const members = await c.tx.count(User, { where: { teamId: id } });
  const children = await c.tx.count(Team, { where: { parentId: id } });
  if (members || children) throw conflict('team.not_empty', { members, children });
  await c.tx.delete(Team, { id });
  await audit(c, 'delete', 'team', id, presentTeam(team), null);
  c.emit({ type: 'team.deleted', entity: 'team', id });
}

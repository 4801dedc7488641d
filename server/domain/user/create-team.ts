// Admins add a team, optionally under a parent team.
import type { DomainContext } from '../shared/with-tx.js';
import { requireRole } from '../shared/permissions.js';
import { audit } from '../audit/audit.js';
import { Team } from './team.entity.js';
import { assertHead, assertParent, presentTeam } from './team-rules.js';

export interface TeamInput { name: string; parentId?: number | null; headId?: number | null }

/**
 * Create a team. Who: admins. Writes: the team, audit `create`, event `team.created`.
 * Not idempotent: each call adds a team (names need not be unique: two cities may both have 销售一组).
 */
export async function createTeam(c: DomainContext, input: TeamInput): Promise<ReturnType<typeof presentTeam>> {
  requireRole(c, ['admin'], 'team.create');
  await assertParent(c, input.parentId);
  await assertHead(c, input.headId);
  const team = await c.tx.save(c.tx.create(Team, { name: input.name, parentId: input.parentId ?? null, headId: input.headId ?? null, assignCursor: null, createdAt: c.now }));
  await audit(c, 'create', 'team', team.id, null, presentTeam(team));
  c.emit({ type: 'team.created', entity: 'team', id: team.id });
  return presentTeam(team);
}

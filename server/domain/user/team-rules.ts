// Teams nest; a team may never end up below itself.
import type { DomainContext } from '../shared/with-tx.js';
import { invalid } from '../shared/domain-error.js';
import { Team } from './team.entity.js';
import { User } from './user.entity.js';

/** The parent must exist, and walking up from it must never reach `selfId` (400 `team.cycle`). */
export async function assertParent(c: DomainContext, parentId: number | null | undefined, selfId?: number): Promise<void> {
  if (parentId === null || parentId === undefined) return;
  if (parentId === selfId) throw invalid('team.cycle', 'parentId');
  const teams = await c.tx.find(Team, { select: { id: true, parentId: true } });
  const parentOf = new Map(teams.map((t) => [t.id, t.parentId]));
  if (!parentOf.has(parentId)) throw invalid('validation.team', 'parentId');
  const seen = new Set<number>();
  for (let p: number | null | undefined = parentId; p != null && !seen.has(p); p = parentOf.get(p)) {
    if (p === selfId) throw invalid('team.cycle', 'parentId');
    seen.add(p);
  }
}

export async function assertHead(c: DomainContext, headId: number | null | undefined): Promise<void> {
  if (headId === null || headId === undefined) return;
  if (!(await c.tx.exists(User, { where: { id: headId, active: true } }))) throw invalid('validation.user', 'headId');
}

export const presentTeam = (t: Team) => ({ id: t.id, name: t.name, parentId: t.parentId, headId: t.headId, createdAt: t.createdAt });

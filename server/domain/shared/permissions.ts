// Row and field rules (DESIGN.md §4), enforced here so REST, bot, cards and exports all inherit them.
import type { DomainContext } from './with-tx.js';
import { Team } from '../user/team.entity.js';
import { User } from '../user/user.entity.js';
import { getSetting, type FieldRule } from '../settings/settings.js';
import { forbidden } from './domain-error.js';

/** User ids whose records the actor may see as owner-scoped records: 'all' for admins and the system. */
export async function visibleOwnerIds(c: DomainContext): Promise<'all' | number[]> {
  const { actor } = c;
  if (actor.role === 'admin' || actor.role === 'system') return 'all';
  if (c.memo.has('visibleOwners')) return c.memo.get('visibleOwners') as number[];
  let ids: number[] = actor.userId ? [actor.userId] : [];
  if (actor.role === 'manager' && actor.teamId) {
    const teams = await teamSubtree(c, actor.teamId);
    const users = await c.tx.createQueryBuilder(User, 'u').select('u.id', 'id').where('u.team_id IN (:...teams)', { teams }).getRawMany<{ id: number }>();
    ids = [...new Set([...ids, ...users.map((u) => Number(u.id))])];
  }
  c.memo.set('visibleOwners', ids);
  return ids;
}

/** The team and all teams below it. */
/** Whose records a reader's visible owners make: everyone's, a team's (more than their own), or their own. */
export const readScope = (visible: 'all' | number[]): 'all' | 'team' | 'mine' => (visible === 'all' ? 'all' : visible.length > 1 ? 'team' : 'mine');

export async function teamSubtree(c: DomainContext, rootId: number): Promise<number[]> {
  return subtreeOf(await c.tx.find(Team, { select: { id: true, parentId: true } }), rootId);
}

/** A team and every team below it (ids), from the list of all teams. */
export function subtreeOf(teams: Pick<Team, 'id' | 'parentId'>[], rootId: number): number[] {
  const out = [rootId];
  for (let i = 0; i < out.length; i++) for (const t of teams) if (t.parentId === out[i] && !out.includes(t.id)) out.push(t.id);
  return out;
}

export async function canSeeOwner(c: DomainContext, ownerId: number | null): Promise<boolean> {
  const ids = await visibleOwnerIds(c);
  return ids === 'all' || (ownerId !== null && ids.includes(ownerId));
}

/** Finance reads and maintains contracts and payments of everyone. */
export const seesAllMoney = (c: DomainContext) => c.actor.role === 'finance' || c.actor.role === 'admin' || c.actor.role === 'system';

export function requireRole(c: DomainContext, roles: string[], action: string): void {
  if (!roles.includes(c.actor.role)) throw forbidden(action);
}

/** Fields of `object` the actor may not see on this record. */
export async function hiddenFields(c: DomainContext, object: string, ownerId: number | null): Promise<string[]> {
  const rules = (await getSetting(c, 'fieldRules')).filter((r: FieldRule) => r.object === object && r.hiddenFor.includes(c.actor.role as never));
  const hidden: string[] = [];
  for (const r of rules) {
    if (r.exceptWhen === 'owner' && ownerId !== null && ownerId === c.actor.userId) continue;
    if (r.exceptWhen === 'team' && (await inActorsTeam(c, ownerId))) continue;
    hidden.push(r.field);
  }
  return hidden;
}

/** True when the owner is the actor, or sits in the actor's team or a team below it. */
export async function inActorsTeam(c: DomainContext, ownerId: number | null): Promise<boolean> {
  if (ownerId === null) return false;
  if (ownerId === c.actor.userId) return true;
  if (!c.actor.teamId) return false;
  const key = `teamMembers:${c.actor.teamId}`;
  let members = c.memo.get(key) as number[] | undefined;
  if (!members) {
    const teams = await teamSubtree(c, c.actor.teamId);
    members = (await c.tx.createQueryBuilder(User, 'u').select('u.id', 'id').where('u.team_id IN (:...teams)', { teams }).getRawMany<{ id: number }>()).map((u) => Number(u.id));
    c.memo.set(key, members);
  }
  return members.includes(ownerId);
}

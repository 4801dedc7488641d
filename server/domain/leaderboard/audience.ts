// Field rules on boards: a board may show an amount only if every reader may see it on every record it sums.
// A 1:1 card has one reader; a group card is read by every member of the group's team.
import type { DomainContext } from '../shared/with-tx.js';
import { hiddenFields, subtreeOf } from '../shared/permissions.js';
import { getSetting } from '../settings/settings.js';
import { User, type Role } from '../user/user.entity.js';
import { Team } from '../user/team.entity.js';

export type AmountField = (field: string) => boolean;
/** Which object's field rules guard a board's amounts. */
export const AMOUNT_GUARD: Record<'won_amount' | 'payments' | 'funnel', { object: string; field: AmountField }> = {
  won_amount: { object: 'opportunity', field: (f) => f === 'amountCents' },
  payments: { object: 'payment', field: (f) => f.toLowerCase().includes('amount') },
  funnel: { object: 'opportunity', field: (f) => f === 'amountCents' },
};

/** A person of a team or one of its sub-teams, as boards need them. */
export interface TeamMember { id: number; name: string; role: Role; teamId: number | null; active: boolean }
export interface TeamScope { name: string | null; members: TeamMember[] }

/**
 * A team's name and the people of it and its sub-teams: one query for the teams and one for the people, memoized
 * per transaction (a board and its field-rule check, or several boards pushed together, ask for them again).
 */
export async function teamScope(c: DomainContext, teamId: number): Promise<TeamScope> {
  const key = `lb.team:${teamId}`;
  if (c.memo.has(key)) return c.memo.get(key) as TeamScope;
  let teams = c.memo.get('lb.teams') as Team[] | undefined;
  if (!teams) c.memo.set('lb.teams', (teams = await c.tx.find(Team, { select: { id: true, parentId: true, name: true } })));
  const subtree = subtreeOf(teams, teamId);
  const members = (await c.tx.createQueryBuilder(User, 'u').select(['u.id', 'u.name', 'u.role', 'u.teamId', 'u.active'])
    .where('u.team_id IN (:...teams)', { teams: subtree }).getMany())
    .map((u) => ({ id: Number(u.id), name: u.name, role: u.role, teamId: u.teamId === null ? null : Number(u.teamId), active: !!u.active }));
  const scope = { name: teams.find((t) => t.id === teamId)?.name ?? null, members };
  c.memo.set(key, scope);
  return scope;
}

/** Users of a team and its sub-teams (ids). */
export async function teamUserIds(c: DomainContext, teamId: number, activeOnly = false): Promise<number[]> {
  const { members } = await teamScope(c, teamId);
  return members.filter((m) => !activeOnly || m.active).map((m) => m.id);
}

/** True when the reader may not see the amount on the record of at least one of these owners. */
export async function hiddenForReader(c: DomainContext, object: string, field: AmountField, owners: number[]): Promise<boolean> {
  for (const o of owners.length ? owners : [null]) if ((await hiddenFields(c, object, o)).some(field)) return true;
  return false;
}

/** True when some active member of the team (or its sub-teams) may not see the amount on some owner's record. */
export async function hiddenForTeam(c: DomainContext, teamId: number, object: string, field: AmountField, owners: number[]): Promise<boolean> {
  const rules = (await getSetting(c, 'fieldRules')).filter((r) => r.object === object && field(r.field));
  if (!rules.length) return false;
  const members = (await teamScope(c, teamId)).members.filter((m) => m.active);
  if (!members.length) return false;
  for (const rule of rules) {
    for (const m of members.filter((x) => rule.hiddenFor.includes(x.role))) {
      if (!rule.exceptWhen) return true;
      if (rule.exceptWhen === 'owner' && owners.some((o) => o !== m.id)) return true;
      if (rule.exceptWhen === 'team') {
        const mates = m.teamId ? new Set(await teamUserIds(c, m.teamId)) : new Set<number>();
        if (owners.some((o) => o !== m.id && !mates.has(o))) return true;
      }
    }
  }
  return false;
}

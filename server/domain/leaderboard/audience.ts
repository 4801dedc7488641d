// Field rules on boards: a board may show an amount only if every reader may see it on every record it sums.
// A 1:1 card has one reader; a group card is read by every member of the group's team.
import type { DomainContext } from '../shared/with-tx.js';
import { hiddenFields, teamSubtree } from '../shared/permissions.js';
import { getSetting } from '../settings/settings.js';
import { User } from '../user/user.entity.js';

export type AmountField = (field: string) => boolean;
/** Which object's field rules guard a board's amounts. */
export const AMOUNT_GUARD: Record<'won_amount' | 'payments' | 'funnel', { object: string; field: AmountField }> = {
  won_amount: { object: 'opportunity', field: (f) => f === 'amountCents' },
  payments: { object: 'payment', field: (f) => f.toLowerCase().includes('amount') },
  funnel: { object: 'opportunity', field: (f) => f === 'amountCents' },
};

/** Users of a team and its sub-teams (ids), memoized per transaction. */
export async function teamUserIds(c: DomainContext, teamId: number, activeOnly = false): Promise<number[]> {
  const key = `lb.teamUsers:${teamId}:${activeOnly}`;
  if (c.memo.has(key)) return c.memo.get(key) as number[];
  const teams = await teamSubtree(c, teamId);
  const qb = c.tx.createQueryBuilder(User, 'u').select('u.id', 'id').where('u.team_id IN (:...teams)', { teams });
  if (activeOnly) qb.andWhere('u.active = :on', { on: true });
  const ids = (await qb.getRawMany<{ id: number }>()).map((u) => Number(u.id));
  c.memo.set(key, ids);
  return ids;
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
  const ids = await teamUserIds(c, teamId, true);
  if (!ids.length) return false;
  const members = await c.tx.createQueryBuilder(User, 'u').select(['u.id', 'u.role', 'u.teamId']).where('u.id IN (:...ids)', { ids }).getMany();
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

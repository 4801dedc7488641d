// Checks shared by creating and updating users: unique identities, an existing team, no manager loops.
import { Not } from 'typeorm';
import type { DomainContext } from '../shared/with-tx.js';
import { DomainError, invalid } from '../shared/domain-error.js';
import { Team } from './team.entity.js';
import { User } from './user.entity.js';
import { isUniqueViolation } from '../shared/unique-violation.js';

export const IDENTITY_FIELDS = ['username', 'wecomUserId', 'dingtalkUserId', 'dingtalkUnionId'] as const;

/** 409 naming the field when another user already has this login name or platform identity. */
export async function assertIdentitiesFree(c: DomainContext, input: Partial<User>, selfId?: number): Promise<void> {
  for (const field of IDENTITY_FIELDS) {
    const value = input[field];
    if (value === undefined || value === null) continue;
    const where = { [field]: value, ...(selfId ? { id: Not(selfId) } : {}) };
    if (await c.tx.exists(User, { where })) throw new DomainError('conflict', 'user.identity_taken', { field, value }, field);
  }
}

const INDEX_COLUMNS: [string, (typeof IDENTITY_FIELDS)[number]][] = [
  ['wecom_user_id', 'wecomUserId'], ['dingtalk_user_id', 'dingtalkUserId'], ['dingtalk_union_id', 'dingtalkUnionId'], ['username', 'username'],
];

/**
 * Saves, turning a unique-index violation (two admins adding the same identity at once: the check above passed for
 * both, each in its own snapshot) into the same 409, naming the field from the violated index.
 */
export async function saveUnique<T>(input: Partial<User>, save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const text = `${(e as Error).message} ${(e as { driverError?: Error }).driverError?.message ?? ''}`;
    const field = INDEX_COLUMNS.find(([col]) => text.includes(col))?.[1] ?? 'username';
    throw new DomainError('conflict', 'user.identity_taken', { field, value: input[field] }, field);
  }
}

export async function assertTeam(c: DomainContext, teamId: number | null | undefined, field = 'teamId'): Promise<void> {
  if (teamId === null || teamId === undefined) return;
  if (!(await c.tx.exists(Team, { where: { id: teamId } }))) throw invalid('validation.team', field);
}

/** The manager must exist, and following managers upward must never come back to this user. */
export async function assertManager(c: DomainContext, managerId: number | null | undefined, selfId?: number): Promise<void> {
  if (managerId === null || managerId === undefined) return;
  if (managerId === selfId) throw invalid('user.manager_cycle', 'managerId');
  const all = await c.tx.find(User, { select: { id: true, managerId: true } });
  const byId = new Map(all.map((u) => [u.id, u.managerId]));
  if (!byId.has(managerId)) throw invalid('validation.user', 'managerId');
  const seen = new Set<number>();
  for (let m: number | null | undefined = managerId; m != null && !seen.has(m); m = byId.get(m)) {
    if (m === selfId) throw invalid('user.manager_cycle', 'managerId');
    seen.add(m);
  }
}

/** What a colleague (not an admin) may see of a user: enough for pickers and @-mentions. */
export function publicUser(u: User) {
  return { id: u.id, name: u.name, teamId: u.teamId, role: u.role, position: u.position, active: u.active };
}

/** What an admin sees: everything (there are no secrets on a user row). */
export function fullUser(u: User) {
  return { ...u };
}
